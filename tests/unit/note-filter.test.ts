import { describe, expect, it } from 'vitest';
import {
  facetCounts,
  filterFromParams,
  filterToParams,
  isFiltering,
  matchesFilter,
  noFilter,
  type NoteFilter,
} from '../../lib/annotations/note-filter.ts';
import { withThread } from '../../lib/annotations/threads.ts';
import { aComment, alice, aReply, bob, commenting, tagging } from '../helpers/unit-annotations.ts';

const guiltQuestion = aComment({ id: 'q', motivation: 'questioning', body: [commenting('Why does he blame himself?'), tagging('guilt')] });
const lossByBob = aComment({ id: 'l', creator: bob, body: [commenting('Willow’s letter'), tagging('loss')] });
const resolved = withThread(
  aComment({ id: 'r', body: [commenting('Settled.')] }),
  { state: 'resolved' },
  alice,
  '2024-05-02T00:00:00.000Z',
);

const f = (patch: Partial<NoteFilter>): NoteFilter => ({ ...noFilter, ...patch });

describe('matchesFilter', () => {
  it.each<[string, NoteFilter, boolean, boolean, boolean]>([
    ['no filter lets everything through', noFilter, true, true, true],
    ['a theme', f({ themes: ['guilt'] }), true, false, false],
    ['any of several themes', f({ themes: ['guilt', 'loss'] }), true, true, false],
    ['a reader', f({ readers: [bob.id] }), false, true, false],
    ['a type', f({ types: ['question'] }), true, false, false],
    ['open threads', f({ thread: 'open' }), true, true, false],
    ['resolved threads', f({ thread: 'resolved' }), false, false, true],
    ['words, ignoring case and accents', f({ q: 'BLAME himself' }), true, false, false],
    ['words in the quoted passage', f({ q: "weren't the same" }), true, true, true],
    ['facets combine', f({ themes: ['guilt'], readers: [bob.id] }), false, false, false],
    ['themes together', f({ together: ['guilt'] }), true, false, false],
    ['themes together that no note shares', f({ together: ['guilt', 'loss'] }), false, false, false],
  ])('%s', (_what, filter, q, l, r) => {
    expect([guiltQuestion, lossByBob, resolved].map((n) => matchesFilter(n, [], filter))).toEqual([q, l, r]);
  });

  it('finds words in replies, and keeps only notes with replies when asked', () => {
    const replies = [aReply({ target: 'l', body: [{ type: 'TextualBody', purpose: 'replying', value: 'The envelope!' }] })];
    expect(matchesFilter(lossByBob, replies, f({ q: 'envelope' }))).toBe(true);
    expect(matchesFilter(lossByBob, [], f({ hasReplies: true }))).toBe(false);
    expect(matchesFilter(lossByBob, replies, f({ hasReplies: true }))).toBe(true);
  });
});

describe('the filter in a URL', () => {
  it('round-trips every facet and keeps other parameters', () => {
    const filter = f({
      themes: ['guilt', 'the chip'],
      together: ['loss', 'time'],
      readers: ['u1'],
      types: ['question', 'claim'],
      thread: 'open',
      hasReplies: true,
      q: 'letter',
    });
    const params = filterToParams(filter, new URLSearchParams('keep=1'));
    expect(params.get('keep')).toBe('1');
    expect(filterFromParams(params)).toEqual(filter);
    expect(filterToParams(noFilter).toString()).toBe('');
    expect(isFiltering(filterFromParams(new URLSearchParams('')))).toBe(false);
  });

  it('ignores unknown values', () => {
    expect(filterFromParams(new URLSearchParams('type=poem&thread=closed'))).toEqual(noFilter);
  });
});

describe('facetCounts', () => {
  it('counts notes per theme, reader and type', () => {
    const counts = facetCounts([guiltQuestion, lossByBob, resolved]);
    expect(Object.fromEntries(counts.themes)).toEqual({ guilt: 1, loss: 1 });
    expect(counts.readers.get(alice.id)).toEqual({ name: alice.name, count: 2 });
    expect(Object.fromEntries(counts.types)).toEqual({ question: 1, comment: 2 });
  });
});
