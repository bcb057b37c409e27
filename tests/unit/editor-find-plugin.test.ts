import type { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { findKey, findPlugin, type FindAction } from '../../lib/editor/find-plugin.ts';
import { highlightPlugin } from '../../lib/editor/highlight-plugin.ts';
import { findInText } from '../../lib/text/find.ts';
import { attrsOf, readerState, storyPositions, act as actHighlight, highlightOn, decorationsOf } from '../helpers/unit-editor.ts';
import { storyText } from '../helpers/unit-story.ts';

const act = (state: EditorState, action: FindAction) => state.apply(state.tr.setMeta(findKey, action));
const stateOf = (state: EditorState) => findKey.getState(state)!;
/** [from, to, class] of every find decoration, in document order. */
const painted = (state: EditorState) =>
  stateOf(state)
    .set.find()
    .sort((a, b) => a.from - b.from)
    .map((d) => [d.from, d.to, attrsOf(d).class]);
const matchesOf = (query: string) => findInText(storyText, query).map((r) => storyPositions.toPmRange(r));
const withFind = () => readerState([highlightPlugin(), findPlugin()]);

describe('findPlugin', () => {
  const ofThe = matchesOf('the');

  it('starts empty', () => {
    expect(stateOf(withFind())).toMatchObject({ matches: [], current: -1 });
    expect(painted(withFind())).toEqual([]);
  });

  it.each([
    ['the first match is current', 0, 0],
    ['a current past the end is the last', 10_000, ofThe.length - 1],
    ['a negative current is the first', -3, 0],
  ])('paints every match, %s', (_name, current, expected) => {
    const state = act(withFind(), { type: 'matches', matches: ofThe, current });
    expect(painted(state)).toEqual(ofThe.map((m, i) => [m.from, m.to, i === expected ? 'find-match find-current' : 'find-match']));
    expect(stateOf(state).current).toBe(expected);
  });

  it('paints the text the query found', () => {
    const state = act(withFind(), { type: 'matches', matches: matchesOf('SHE SAID'), current: 0 });
    for (const [from, to] of painted(state)) expect(state.doc.textBetween(from as number, to as number).toLowerCase()).toBe('she said');
  });

  it.each([
    ['next', 1, 1],
    ['wraps after the last', ofThe.length, 0],
    ['wraps before the first', -1, ofThe.length - 1],
  ])('moves the current match: %s', (_name, to, expected) => {
    const state = act(act(withFind(), { type: 'matches', matches: ofThe, current: 0 }), { type: 'current', current: to });
    expect(stateOf(state).current).toBe(expected);
    const current = painted(state).filter(([, , c]) => c === 'find-match find-current');
    expect(current).toEqual([[ofThe[expected]!.from, ofThe[expected]!.to, 'find-match find-current']]);
    expect(painted(state)).toHaveLength(ofThe.length);
  });

  it('clears, and drops matches outside the document', () => {
    let state = act(withFind(), { type: 'matches', matches: [...ofThe, { from: 5, to: 5 }, { from: 1, to: 1e9 }], current: 0 });
    expect(stateOf(state).matches).toHaveLength(ofThe.length);
    state = act(state, { type: 'clear' });
    expect(painted(state)).toEqual([]);
    expect(stateOf(act(state, { type: 'current', current: 2 })).current).toBe(-1);
  });

  it('leaves the notes’ highlights alone', () => {
    let state = actHighlight(withFind(), { type: 'upsert', highlights: [highlightOn('a', 'He believed her.')] });
    state = act(state, { type: 'matches', matches: ofThe, current: 0 });
    state = act(state, { type: 'clear' });
    expect(decorationsOf(state, 'a')).toHaveLength(1);
  });
});
