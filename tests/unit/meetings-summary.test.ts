import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../lib/annotations/schema.ts';
import { writeMeetingMarkdown } from '../../lib/meetings/meeting-markdown.ts';
import { meetingWindow, summarizeMeeting, writtenInWindow } from '../../lib/meetings/meeting-summary.ts';
import { aComment, alice, aReply, bob, commenting, storyTarget } from '../helpers/unit-annotations.ts';

const t = (hhmm: string) => `2026-11-26T${hhmm}:00.000Z`;
const window = meetingWindow(new Date(t('19:00')), new Date(t('21:00')), new Date(t('23:00')));

const before = aComment({ id: 'before', created: t('18:00'), body: [commenting('Written before the meeting.')] });
const question = aComment({
  id: 'q1',
  motivation: 'questioning',
  created: t('18:30'),
  body: [commenting('Why does the town forget?')],
  target: storyTarget('lost in memories'),
});
const during = aComment({ id: 'during', creator: bob, created: t('19:15'), body: [commenting('Written in the meeting.')] });
const after = aComment({ id: 'after', created: t('21:30'), body: [commenting('Written after.')] });
const replyInMeeting = aReply({ id: 'r1', target: 'q1', created: t('19:20') });
const replyToOld = aReply({ id: 'r2', target: 'before', created: t('19:30') });
const replyAfter = aReply({ id: 'r3', target: 'during', created: t('22:00') });
const reaction = (note: string, reader: { id: string; name: string }, when: string, value = 'agree'): Annotation =>
  ({
    id: `react:${note}:${reader.id}`,
    type: 'Annotation',
    motivation: 'assessing',
    creator: reader,
    created: when,
    body: [{ type: 'TextualBody', purpose: 'assessing', value }],
    target: note,
  }) as Annotation;
const notes: Annotation[] = [
  before,
  question,
  during,
  after,
  replyInMeeting,
  replyToOld,
  replyAfter,
  reaction('during', alice, t('19:40')),
  reaction('during', { id: 'reader-cy', name: 'Cy' }, t('19:41'), 'insight'),
  reaction('before', bob, t('19:42')),
  reaction('after', bob, t('21:45')),
];
const events = [
  { at: new Date(t('19:05')), kind: 'current', data: JSON.stringify({ annotationId: 'q1' }) },
  { at: new Date(t('19:06')), kind: 'current', data: JSON.stringify({ annotationId: 'q1' }) },
  { at: new Date(t('19:10')), kind: 'spotlight', data: JSON.stringify({ start: 10, end: 30, exact: 'a passage' }) },
  { at: new Date(t('19:50')), kind: 'gather', data: JSON.stringify({ start: 40, end: 60, exact: 'another' }) },
  { at: new Date(t('19:55')), kind: 'current', data: JSON.stringify({ annotationId: 'withheld-question' }) },
  { at: new Date(t('19:56')), kind: 'current', data: '{not json' },
];

describe('a meeting’s summary', () => {
  const summary = summarizeMeeting(window, events, notes);

  it('lists the notes written during the meeting, and none from before or after', () => {
    expect(summary.notes.map((n) => n.id)).toEqual(['during']);
  });

  it('lists the replies written during the meeting, to old notes too, with the note replied to', () => {
    expect(summary.replies.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(summary.replies[1]?.parent?.quote).toBe(before.target.selector[0].exact);
  });

  it('lists the questions discussed in order, once each, with their words and the replies they got', () => {
    expect(summary.questions).toHaveLength(1);
    expect(summary.questions[0]?.note.comment).toBe('Why does the town forget?');
    expect(summary.questions[0]?.replies.map((r) => r.id)).toEqual(['r1']);
  });

  it('leaves out a question the caller may not see, and events it cannot read', () => {
    expect(JSON.stringify(summary)).not.toContain('withheld-question');
  });

  it('lists the passages spotlighted and gathered to', () => {
    expect(summary.spotlights.map((s) => [s.gather, s.start, s.exact])).toEqual([
      [false, 10, 'a passage'],
      [true, 40, 'another'],
    ]);
  });

  it('ranks notes by the reactions they got during the meeting', () => {
    expect(summary.mostReacted.map((r) => [r.note.id, r.reactions])).toEqual([
      ['during', 2],
      ['before', 1],
    ]);
    expect(summary.mostReacted[0]?.kinds).toEqual({ agree: 1, insight: 1 });
  });

  it('keeps at most five most reacted notes', () => {
    const many = Array.from({ length: 8 }, (_, i) => aComment({ id: `n${i}`, created: t('19:30') }));
    const reacts = many.map((n) => reaction(n.id, bob, t('19:31')));
    expect(summarizeMeeting(window, [], [...many, ...reacts]).mostReacted).toHaveLength(5);
  });

  it('of a meeting still open runs to now', () => {
    const open = meetingWindow(new Date(t('19:00')), null, new Date(t('21:40')));
    expect(summarizeMeeting(open, [], notes).notes.map((n) => n.id)).toEqual(['during', 'after']);
  });
});

describe('the notes an export of a meeting keeps', () => {
  it('keeps its notes and the older notes it answered, with the replies and reactions of the window, and nothing else', () => {
    expect(writtenInWindow(notes, window).map((a) => a.id)).toEqual([
      'before', // answered during the meeting (r2)
      'q1', // answered during the meeting (r1)
      'during',
      'r1',
      'r2',
      'react:during:reader-alice',
      'react:during:reader-cy',
      'react:before:reader-bob',
    ]);
  });

  it('keeps a reaction made before the meeting and changed during it', () => {
    const changed = { ...reaction('during', bob, t('18:00')), modified: t('19:50') } as Annotation;
    const untouched = reaction('during', { id: 'reader-di', name: 'Di' }, t('18:10'));
    expect(writtenInWindow([during, changed, untouched], window).map((a) => a.id)).toEqual(['during', 'react:during:reader-bob']);
  });

  it('keeps an older note only for a reply written in the window, not for a reaction or a later reply', () => {
    const old = aComment({ id: 'old', created: t('18:00') });
    const laterReply = aReply({ id: 'late', target: 'old', created: t('22:00') });
    expect(writtenInWindow([old, laterReply, reaction('old', bob, t('19:30'))], window)).toEqual([]);
  });
});

describe('the summary as Markdown', () => {
  it('has its four sections and escapes what readers wrote', () => {
    const hostile = aComment({
      id: 'h',
      created: t('19:30'),
      body: [commenting('# Not a heading\n<script>x</script> [link](http://e.vil)')],
    });
    const md = writeMeetingMarkdown(summarizeMeeting(window, events, [...notes, hostile]), {
      document: { id: 'story', title: 'The story', author: 'An Author' },
      meeting: { title: 'Chapter 3', startedAt: t('19:00'), endedAt: t('21:00') },
      origin: 'http://glossa.test',
      locatorOf: (offset) => `¶ ${offset}`,
      exportedAt: t('23:00'),
    });
    for (const heading of [
      '## Questions discussed',
      '## Notes written',
      '## Replies written',
      '## Passages spotlighted',
      '## Most reacted',
    ])
      expect(md).toContain(heading);
    expect(md).toContain('title: "Chapter 3 — The story"');
    const written = md.slice(md.indexOf('## Notes written'), md.indexOf('## Replies written'));
    expect(written).toContain('Written in the meeting.');
    expect(written).not.toContain('Written before the meeting.');
    expect(md).toContain('\\# Not a heading');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\[link\\]');
    expect(md).toContain('http://glossa.test/d/story#during');
  });
});
