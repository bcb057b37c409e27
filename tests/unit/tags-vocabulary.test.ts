import { describe, expect, it } from 'vitest';
import { moderate } from '../../lib/annotations/moderation.ts';
import type { Annotation } from '../../lib/annotations/schema.ts';
import { restoreTag, retag } from '../../lib/tags/vocabulary.ts';
import { aComment, alice, aReply, bob, commenting, tagging } from '../helpers/unit-annotations.ts';

const tagsOf = (a: Annotation) => a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
const note = (id: string, tags: string[], comment = true) =>
  aComment({
    id,
    motivation: comment ? 'commenting' : tags.length ? 'tagging' : 'highlighting',
    body: [...(comment ? [commenting('A thought.')] : []), ...tags.map(tagging)],
  });

describe('retag', () => {
  it.each<[string, string[], string | null, string[] | null]>([
    ['renames the theme on a note (merge)', ['shame'], 'guilt', ['guilt']],
    ['keeps one when the note has both', ['shame', 'guilt'], 'guilt', ['guilt']],
    ['keeps the order of the other themes', ['loss', 'shame', 'time'], 'guilt', ['loss', 'guilt', 'time']],
    ['takes the theme off (delete)', ['loss', 'shame'], null, ['loss']],
    ['leaves a note without the theme alone', ['loss'], 'guilt', null],
  ])('%s', (_what, tags, to, expected) => {
    const changed = retag([note('n', tags)], 'shame', to);
    expect(changed.map(tagsOf)).toEqual(expected === null ? [] : [expected]);
  });

  it('turns a tag-only note that loses its only theme into a highlight, and keeps a comment a comment', () => {
    const [tagOnly] = retag([note('t', ['shame'], false)], 'shame', null);
    expect(tagOnly).toMatchObject({ motivation: 'highlighting', body: [] });
    const [comment] = retag([note('c', ['shame'])], 'shame', null);
    expect(comment.motivation).toBe('commenting');
  });

  it('keeps every other field: creator, times, target, and the moderation mark', () => {
    const hidden = moderate(note('h', ['shame']), 'hidden', bob, '2024-05-03T00:00:00.000Z');
    const [changed] = retag([hidden], 'shame', 'guilt');
    const { body: _b, ...rest } = changed;
    const { body: _c, ...before } = hidden as typeof changed;
    expect(rest).toEqual(before);
    expect(changed.creator).toEqual(alice);
  });

  it('skips replies and removed notes', () => {
    const removed = moderate(note('r', ['shame']), 'removed', bob, '2024-05-03T00:00:00.000Z');
    expect(retag([aReply(), removed], 'shame', 'guilt')).toEqual([]);
  });
});

describe('restoreTag', () => {
  it('gives the theme back to the listed notes that lack it, and nothing else', () => {
    const notes = new Map<string, Annotation>([
      ['a', note('a', [])],
      ['b', note('b', ['motif'])],
      ['c', note('c', [], false)],
    ]);
    const changed = restoreTag(notes, ['a', 'b', 'c', 'missing'], 'motif', 20);
    expect(changed.map((n) => [n.id, tagsOf(n), n.motivation])).toEqual([
      ['a', ['motif'], 'commenting'],
      ['c', ['motif'], 'tagging'],
    ]);
  });

  it('does not pass the per-note tag limit', () => {
    const full = note('f', ['t1', 't2']);
    expect(restoreTag(new Map([['f', full]]), ['f'], 'motif', 2)).toEqual([]);
  });
});
