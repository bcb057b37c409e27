import { describe, expect, it } from 'vitest';
import { type FollowEvent, type FollowState, followStep, notFollowing } from '../../lib/presence/follow-state.ts';

const ada = { id: 'reader-ada', name: 'Ada' };
const fay = { id: 'reader-fay', name: 'Fay' };
const me = 'reader-me';
const followingAda: FollowState = { mode: 'following', leader: ada, at: 100 };

describe('followStep', () => {
  it.each<[string, FollowState, FollowEvent, FollowState, number | null, string | null]>([
    [
      'follows a reader and goes where they read',
      notFollowing,
      { type: 'follow', leader: ada, reading: 100 },
      followingAda,
      100,
      'Following Ada',
    ],
    [
      'follows a reader who has not said where they read, without moving',
      notFollowing,
      { type: 'follow', leader: ada, reading: null },
      { mode: 'following', leader: ada, at: null },
      null,
      'Following Ada',
    ],
    ['never follows oneself', notFollowing, { type: 'follow', leader: { id: me, name: 'Me' }, reading: 5 }, notFollowing, null, null],
    [
      'stops when the followed reader is clicked again',
      followingAda,
      { type: 'follow', leader: ada, reading: 300 },
      notFollowing,
      null,
      'Stopped following Ada',
    ],
    [
      'switches to another reader',
      followingAda,
      { type: 'follow', leader: fay, reading: 700 },
      { mode: 'following', leader: fay, at: 700 },
      700,
      'Following Fay',
    ],
    [
      'moves with the leader',
      followingAda,
      { type: 'leader-moved', leaderId: ada.id, reading: 180 },
      { ...followingAda, at: 180 },
      180,
      null,
    ],
    [
      'does not move for the same position again',
      followingAda,
      { type: 'leader-moved', leaderId: ada.id, reading: 100 },
      followingAda,
      null,
      null,
    ],
    [
      'does not move when the leader no longer says where they read',
      followingAda,
      { type: 'leader-moved', leaderId: ada.id, reading: null },
      followingAda,
      null,
      null,
    ],
    ['ignores other readers moving', followingAda, { type: 'leader-moved', leaderId: fay.id, reading: 5 }, followingAda, null, null],
    ['ignores moves while not following', notFollowing, { type: 'leader-moved', leaderId: ada.id, reading: 5 }, notFollowing, null, null],
    ['stops on a manual scroll', followingAda, { type: 'manual-scroll' }, notFollowing, null, 'Stopped following Ada'],
    ['a manual scroll while not following changes nothing', notFollowing, { type: 'manual-scroll' }, notFollowing, null, null],
    ['stops on Stop or Esc', followingAda, { type: 'stop' }, notFollowing, null, 'Stopped following Ada'],
    [
      'stops when the leader leaves',
      followingAda,
      { type: 'leader-left', leaderId: ada.id },
      notFollowing,
      null,
      'Ada left; you are no longer following',
    ],
    ['another reader leaving changes nothing', followingAda, { type: 'leader-left', leaderId: fay.id }, followingAda, null, null],
    [
      'a spotlight moves a follower of its facilitator at once',
      { mode: 'following', leader: fay, at: 5 },
      { type: 'spotlight', by: fay, start: 900, gather: false },
      { mode: 'following', leader: fay, at: 5 },
      900,
      null,
    ],
    [
      'a spotlight moves a follower of someone else, who stops following',
      followingAda,
      { type: 'spotlight', by: fay, start: 900, gather: false },
      notFollowing,
      900,
      "Moved to Fay's spotlight; stopped following Ada",
    ],
    [
      'a spotlight only offers the jump to a reader not following',
      notFollowing,
      { type: 'spotlight', by: fay, start: 900, gather: false },
      notFollowing,
      null,
      null,
    ],
    [
      'a gather moves a reader not following',
      notFollowing,
      { type: 'spotlight', by: fay, start: 900, gather: true },
      notFollowing,
      900,
      null,
    ],
    [
      'a gather by the followed facilitator, reading at the passage, keeps following',
      { mode: 'following', leader: fay, at: 880 },
      { type: 'spotlight', by: fay, start: 900, gather: true, byReading: 880 },
      { mode: 'following', leader: fay, at: 880 },
      900,
      null,
    ],
    [
      'a gather by the followed facilitator, who reads elsewhere, moves the follower and stops following',
      { mode: 'following', leader: fay, at: 50_000 },
      { type: 'spotlight', by: fay, start: 900, gather: true, byReading: 50_000 },
      notFollowing,
      900,
      "Moved to Fay's gathering; Fay reads elsewhere, so you stopped following",
    ],
    [
      'a spotlight by the followed facilitator, who reads elsewhere, moves the follower and stops following',
      { mode: 'following', leader: fay, at: 50_000 },
      { type: 'spotlight', by: fay, start: 900, gather: false, byReading: 50_000 },
      notFollowing,
      900,
      "Moved to Fay's spotlight; Fay reads elsewhere, so you stopped following",
    ],
    [
      'a spotlight by the followed facilitator, whose place is not known, keeps following',
      { mode: 'following', leader: fay, at: 5 },
      { type: 'spotlight', by: fay, start: 900, gather: false, byReading: null },
      { mode: 'following', leader: fay, at: 5 },
      900,
      null,
    ],
    [
      'a gather moves a follower of someone else, who stops following',
      followingAda,
      { type: 'spotlight', by: fay, start: 900, gather: true },
      notFollowing,
      900,
      null,
    ],
  ])('%s', (_name, state, event, next, scrollTo, say) => {
    expect(followStep(state, event, me)).toEqual({ state: next, scrollTo, say });
  });
});
