/**
 * Following another reader, as a state machine: which reader is followed, and what each event asks of the page
 * (scroll to a text offset, say something). The page feeds it clicks, the leader's moves, manual scrolls and the
 * room's spotlights; it scrolls and speaks as told. Pure, so every transition is a row of a table test.
 */

/** Who is followed. */
export interface Leader {
  id: string;
  name: string;
}

export type FollowState = { mode: 'off' } | { mode: 'following'; leader: Leader; at: number | null };

export type FollowEvent =
  /** Follow `leader` (a click on their avatar or name), who reads at `reading` now. */
  | { type: 'follow'; leader: Leader; reading: number | null }
  /** The Stop button, or Esc. */
  | { type: 'stop' }
  /** The reader scrolled by hand (wheel, touch, scroll keys): they want to read elsewhere. */
  | { type: 'manual-scroll' }
  /** The followed reader's reading position now (from presence). */
  | { type: 'leader-moved'; leaderId: string; reading: number | null }
  /** The followed reader left the room (or went invisible). */
  | { type: 'leader-left'; leaderId: string }
  /**
   * A facilitator spotlighted a passage starting at `start` (`gather`: and asked everyone there). `byReading` is where
   * the facilitator reads now, from presence (null or absent: not known).
   */
  | { type: 'spotlight'; by: Leader; start: number; gather: boolean; byReading?: number | null };

/** What the page does after an event. */
export interface FollowStep {
  state: FollowState;
  /** Scroll the text so this offset is at the reading line, or null to stay. */
  scrollTo: number | null;
  /** A sentence for the live region, or null. */
  say: string | null;
}

export const notFollowing: FollowState = { mode: 'off' };

const stay = (state: FollowState, say: string | null = null): FollowStep => ({ state, scrollTo: null, say });

/**
 * How far (in characters) a facilitator may read from the passage they spotlight and still be "there". A spotlight
 * made from the selection popup is on screen, within a screenful of the reading line (a tall screen at a small size
 * shows some 10,000 characters; the reading line their presence last sent may lag a jump); one made over HTTP (a
 * script, another tab) may be anywhere, and a follower kept following would be pulled straight back to the leader.
 */
export const spotlightNearChars = 20_000;

/** The next state of following after `event`, `selfId` being this reader (nobody follows themselves). */
export function followStep(state: FollowState, event: FollowEvent, selfId: string | null): FollowStep {
  switch (event.type) {
    case 'follow': {
      if (event.leader.id === selfId) return stay(state);
      // A click on the reader already followed stops following (the avatar is a toggle).
      if (state.mode === 'following' && state.leader.id === event.leader.id)
        return stay(notFollowing, `Stopped following ${event.leader.name}`);
      return {
        state: { mode: 'following', leader: event.leader, at: event.reading },
        scrollTo: event.reading,
        say: `Following ${event.leader.name}`,
      };
    }
    case 'stop':
    case 'manual-scroll':
      return state.mode === 'following' ? stay(notFollowing, `Stopped following ${state.leader.name}`) : stay(state);
    case 'leader-moved': {
      if (state.mode !== 'following' || state.leader.id !== event.leaderId) return stay(state);
      if (event.reading === null || event.reading === state.at) return stay(state);
      return { state: { ...state, at: event.reading }, scrollTo: event.reading, say: null };
    }
    case 'leader-left':
      return state.mode === 'following' && state.leader.id === event.leaderId
        ? stay(notFollowing, `${state.leader.name} left; you are no longer following`)
        : stay(state);
    case 'spotlight': {
      const byLeader = state.mode === 'following' && state.leader.id === event.by.id;
      // Following the facilitator, who reads far from the passage: the follower goes to the passage and stops there.
      const leaderElsewhere =
        byLeader &&
        event.byReading !== undefined &&
        event.byReading !== null &&
        Math.abs(event.byReading - event.start) > spotlightNearChars;
      if (leaderElsewhere)
        return {
          state: notFollowing,
          scrollTo: event.start,
          say: `Moved to ${event.by.name}'s ${event.gather ? 'gathering' : 'spotlight'}; ${event.by.name} reads elsewhere, so you stopped following`,
        };
      // A gather moves everyone; a spotlight moves followers at once (the others are offered the jump).
      if (event.gather) return { state: byLeader ? state : notFollowing, scrollTo: event.start, say: null };
      if (state.mode !== 'following') return stay(state);
      if (byLeader) return { state, scrollTo: event.start, say: null };
      // Following someone else: the spotlight wins, and following stops (or the leader would pull the view away again).
      return {
        state: notFollowing,
        scrollTo: event.start,
        say: `Moved to ${event.by.name}'s spotlight; stopped following ${state.leader.name}`,
      };
    }
  }
}
