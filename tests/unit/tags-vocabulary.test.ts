import { describe, expect, it } from 'vitest';
import { moderate } from '../../lib/annotations/moderation.ts';
import type { Annotation, Tag } from '../../lib/annotations/schema.ts';
import { nestingError, reparent, restoreTag, retag } from '../../lib/tags/vocabulary.ts';
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

describe('nestingError', () => {
  const tags = new Map<string, Tag>([
    ['guilt', { label: 'guilt', color: '#e6194b' }],
    ["survivor's guilt", { label: "survivor's guilt", color: '#911eb4', parent: 'guilt' }],
    ['loss', { label: 'loss', color: '#4363d8' }],
  ]);
  it.each<[string, string, Tag, RegExp | null]>([
    ['a top-level theme', 'time', { label: 'time', color: '#000000' }, null],
    ['nested under a top-level theme', 'shame', { label: 'shame', color: '#000000', parent: 'guilt' }, null],
    ['nested under itself', 'guilt', { label: 'guilt', color: '#000000', parent: 'guilt' }, /itself/],
    ['nested under a missing theme', 'shame', { label: 'shame', color: '#000000', parent: 'nothing' }, /no theme nothing/],
    ['nested two levels', 'shame', { label: 'shame', color: '#000000', parent: "survivor's guilt" }, /one level/],
    ['a parent nested in turn', 'guilt', { label: 'guilt', color: '#000000', parent: 'loss' }, /nested under guilt/],
  ])('%s', (_what, name, tag, expected) => {
    const error = nestingError(name, tag, tags);
    if (expected) expect(error).toMatch(expected);
    else expect(error).toBeNull();
  });
});

describe('reparent', () => {
  const tags = new Map<string, Tag>([
    ['guilt', { label: 'guilt', color: '#e6194b' }],
    ['shame', { label: 'shame', color: '#911eb4', parent: 'guilt' }],
    ['regret', { label: 'regret', color: '#4363d8' }],
    ['remorse', { label: 'remorse', color: '#3cb44b', parent: 'regret' }],
  ]);
  it('moves the nested themes of a merged theme under the theme it merged into', () => {
    expect(reparent(tags, 'guilt', 'regret')).toEqual([{ name: 'shame', label: 'shame', color: '#911eb4', parent: 'regret' }]);
  });
  it('brings them to the top level on a delete, or a merge into a nested theme', () => {
    expect(reparent(tags, 'guilt', null)).toEqual([{ name: 'shame', label: 'shame', color: '#911eb4' }]);
    expect(reparent(tags, 'guilt', 'remorse')).toEqual([{ name: 'shame', label: 'shame', color: '#911eb4' }]);
  });
});
