/**
 * Matches of "find in the text" as decorations, apart from the notes' highlights: every match gets `find-match`,
 * the current one also `find-current`. A new query replaces the set once; moving to the next match repaints two
 * decorations, not all of them.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** A match in ProseMirror positions. */
export interface FindMatch {
  from: number;
  to: number;
}

/** What a transaction can tell the find plugin. */
export type FindAction =
  | { type: 'matches'; matches: FindMatch[]; current: number }
  | { type: 'current'; current: number }
  | { type: 'clear' };

export interface FindState {
  set: DecorationSet;
  matches: readonly FindMatch[];
  /** The index of the current match, or -1. */
  current: number;
}

export const findKey = new PluginKey<FindState>('glossa-find');

const empty: FindState = { set: DecorationSet.empty, matches: [], current: -1 };

function decorate(m: FindMatch, index: number, current: boolean): Decoration {
  return Decoration.inline(m.from, m.to, { nodeName: 'mark', class: current ? 'find-match find-current' : 'find-match' }, { find: index });
}

function apply(tr: Transaction, state: FindState, doc: EditorState['doc']): FindState {
  const action = tr.getMeta(findKey) as FindAction | undefined;
  if (!action) return state;
  if (action.type === 'clear') return empty;
  if (action.type === 'matches') {
    const matches = action.matches.filter((m) => 0 <= m.from && m.from < m.to && m.to <= doc.content.size);
    const current = matches.length ? Math.min(Math.max(action.current, 0), matches.length - 1) : -1;
    return {
      set: DecorationSet.create(
        doc,
        matches.map((m, i) => decorate(m, i, i === current)),
      ),
      matches,
      current,
    };
  }
  const { matches } = state;
  if (!matches.length) return state;
  const current = ((action.current % matches.length) + matches.length) % matches.length;
  if (current === state.current) return state;
  const changed = [state.current, current].filter((i) => i >= 0);
  let set = state.set.remove(state.set.find(undefined, undefined, (spec: { find?: number }) => changed.includes(spec.find ?? -1)));
  set = set.add(
    doc,
    changed.map((i) => decorate(matches[i]!, i, i === current)),
  );
  return { set, matches, current };
}

/** The find plugin; dispatch actions with `tr.setMeta(findKey, action)`. */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => empty,
      apply: (tr, value, _old, newState) => apply(tr, value, newState.doc),
    },
    props: {
      decorations: (state) => findKey.getState(state)?.set,
    },
  });
}
