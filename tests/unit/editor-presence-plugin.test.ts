import type { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import {
  type AvatarStackView,
  type AvatarView,
  inkOn,
  type PresenceAction,
  presenceKey,
  presencePlugin,
  type SelectionView,
} from '../../lib/editor/presence-plugin.ts';
import { readerState, storyPositions } from '../helpers/unit-editor.ts';
import { rangeOf } from '../helpers/unit-story.ts';

const state0 = () => readerState([presencePlugin()]);
const act = (state: EditorState, action: PresenceAction) => state.apply(state.tr.setMeta(presenceKey, action));
const all = (state: EditorState): Decoration[] => presenceKey.getState(state)!.set.find();
const keys = (state: EditorState) => all(state).map((d) => (d.spec as { key: string }).key.slice(0, 2));

const avatar = (name: string, extra: Partial<AvatarView> = {}): AvatarView => ({
  id: `reader-${name.toLowerCase()}`,
  name,
  initials: name.slice(0, 1),
  color: '#4363d8',
  idle: false,
  followed: false,
  ...extra,
});
const atPassage = (needle: string, shown: AvatarView[], more: AvatarView[] = []): AvatarStackView => ({
  pos: storyPositions.toPmPos(rangeOf(needle).start, 'start'),
  shown,
  more,
});
const tint = (id: string, needle: string, extra: Partial<SelectionView> = {}): SelectionView => ({
  id,
  ...storyPositions.toPmRange(rangeOf(needle)),
  color: '#e6194b',
  followed: false,
  ...extra,
});

const ada = atPassage('Things had changed', [avatar('Ada')]);
const ben = atPassage('He believed her.', [avatar('Ben')]);

describe('presencePlugin', () => {
  it('starts with no decorations', () => {
    expect(all(state0())).toEqual([]);
  });

  it('draws a stack of avatars as one widget at its paragraph, and a selection as a tint over its range', () => {
    const sel = tint('reader-ben', 'fallen apart');
    const state = act(state0(), { type: 'readers', stacks: [ada], selections: [sel] });
    const [widget, inline] = all(state);
    expect(widget!.from).toBe(ada.pos);
    expect(widget!.to).toBe(ada.pos);
    expect([inline!.from, inline!.to]).toEqual([sel.from, sel.to]);
  });

  it('keeps every decoration for an update that shows the same thing', () => {
    const once = act(state0(), { type: 'readers', stacks: [ada, ben], selections: [tint('x', 'fallen apart')] });
    const twice = act(once, { type: 'readers', stacks: [{ ...ada }, { ...ben }], selections: [tint('x', 'fallen apart')] });
    expect(presenceKey.getState(twice)).toBe(presenceKey.getState(once));
  });

  it('replaces only the stack of a reader who moved; the others keep their decoration', () => {
    const once = act(state0(), { type: 'readers', stacks: [ada, ben], selections: [] });
    // find() hands out copies placed in the document; the spec is the decoration's own, so the same spec is the same decoration.
    const benBefore = all(once).find((d) => d.from === ben.pos)!.spec;
    const moved = atPassage('fallen apart', [avatar('Ada')]);
    const twice = act(once, { type: 'readers', stacks: [moved, ben], selections: [] });
    expect(all(twice).map((d) => d.from)).toEqual([moved.pos, ben.pos].sort((a, b) => a - b));
    expect(all(twice).find((d) => d.from === ben.pos)!.spec).toBe(benBefore);
  });

  it('redraws a stack whose reader goes idle or is followed', () => {
    const once = act(state0(), { type: 'readers', stacks: [ada], selections: [] });
    const idle = act(once, { type: 'readers', stacks: [atPassage('Things had changed', [avatar('Ada', { idle: true })])], selections: [] });
    expect(all(idle)[0]!.spec).not.toBe(all(once)[0]!.spec);
    const followed = act(idle, {
      type: 'readers',
      stacks: [atPassage('Things had changed', [avatar('Ada', { followed: true })])],
      selections: [],
    });
    expect(all(followed)[0]!.spec).not.toBe(all(idle)[0]!.spec);
  });

  it('drops the tint of a selection that ended, and the stack of a reader who left', () => {
    const once = act(state0(), { type: 'readers', stacks: [ada, ben], selections: [tint('x', 'fallen apart')] });
    const after = act(once, { type: 'readers', stacks: [ben], selections: [] });
    expect(all(after).map((d) => d.from)).toEqual([ben.pos]);
  });

  it('keeps the spotlight across readers’ updates until it is cleared', () => {
    const range = storyPositions.toPmRange(rangeOf('He believed her.'));
    const lit = act(state0(), { type: 'spotlight', range });
    const moved = act(lit, { type: 'readers', stacks: [ada], selections: [] });
    expect(keys(moved).sort()).toEqual(['a:', 'g:']);
    const cleared = act(moved, { type: 'spotlight', range: null });
    expect(keys(cleared)).toEqual(['a:']);
  });

  it('ignores stacks and selections outside the document, empty stacks and empty selections', () => {
    const size = state0().doc.content.size;
    const state = act(state0(), {
      type: 'readers',
      stacks: [
        { pos: size + 5, shown: [avatar('Ada')], more: [] },
        { ...ben, shown: [] },
      ],
      selections: [
        { id: 'x', from: 10, to: 10, color: '#000000', followed: false },
        { id: 'y', from: size - 1, to: size + 3, color: '#000000', followed: false },
      ],
    });
    expect(all(state)).toEqual([]);
  });

  it('leaves other transactions alone', () => {
    const once = act(state0(), { type: 'readers', stacks: [ada], selections: [] });
    expect(presenceKey.getState(once.apply(once.tr))).toBe(presenceKey.getState(once));
  });
});

describe('inkOn', () => {
  it.each([
    ['#ffffff', '#000000'],
    ['#ffe119', '#000000'],
    ['#42d4f4', '#000000'],
    ['#000000', '#ffffff'],
    ['#4363d8', '#ffffff'],
    ['#800000', '#ffffff'],
    ['url(x) (drawn grey)', '#000000'],
  ])('puts %s initials in %s', (color, ink) => {
    expect(inkOn(color.split(' ')[0]!)).toBe(ink);
  });
});
