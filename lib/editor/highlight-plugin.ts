/**
 * Highlights of notes as inline decorations held in plugin state and keyed by annotation id. A remote note adds,
 * replaces or removes only its own decorations (the text never changes, so nothing needs mapping); nothing is
 * rebuilt from scratch when one note arrives.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** What one note paints. */
export interface Highlight {
  id: string;
  from: number;
  to: number;
  /** CSS colour of the tint. */
  color: string;
  /** CSS colour of the tint in the dark theme (the CSS uses it through `--hl-dark`; default: `color`). */
  darkColor?: string;
}

/** Changes a transaction can carry to the highlight plugin. */
export type HighlightAction =
  /** Adds or replaces `highlights`; `remove` takes others away in the same step (one redraw of the text, not two). */
  | { type: 'upsert'; highlights: Highlight[]; remove?: string[] }
  | { type: 'remove'; ids: string[] }
  | { type: 'focus'; id: string | null }
  /** Flashes a note's passage (the `hl-flash` class) until a flash of null; kept in state, so repaints keep it. */
  | { type: 'flash'; id: string | null };

interface HighlightState {
  set: DecorationSet;
  byId: Map<string, Highlight>;
  focused: string | null;
  flashing: string | null;
}

export const highlightKey = new PluginKey<HighlightState>('glossa-highlights');

function decorate(h: Highlight, state: Pick<HighlightState, 'focused' | 'flashing'>): Decoration {
  const className = `hl${h.id === state.focused ? ' hl-focus' : ''}${h.id === state.flashing ? ' hl-flash' : ''}`;
  return Decoration.inline(
    h.from,
    h.to,
    {
      // Its own element per note (nodeName), so overlapping notes nest instead of merging their attributes.
      nodeName: 'span',
      class: className,
      'data-annotation-id': h.id,
      style: h.darkColor ? `--hl: ${h.color}; --hl-dark: ${h.darkColor}` : `--hl: ${h.color}`,
    },
    { id: h.id },
  );
}

function apply(tr: Transaction, state: HighlightState, doc: EditorState['doc']): HighlightState {
  const action = tr.getMeta(highlightKey) as HighlightAction | undefined;
  if (!action) return state;
  let { set, focused, flashing } = state;
  const byId = new Map(state.byId);
  const drop = (ids: Iterable<string>) => {
    const wanted = new Set(ids);
    if (wanted.size) set = set.remove(set.find(undefined, undefined, (spec) => wanted.has(spec.id)));
  };
  if (action.type === 'upsert') {
    const valid = action.highlights.filter((h) => 0 <= h.from && h.from < h.to && h.to <= doc.content.size);
    const removed = action.remove ?? [];
    drop([...removed, ...valid.map((h) => h.id)]);
    for (const id of removed) byId.delete(id);
    for (const h of valid) byId.set(h.id, h);
    set = set.add(
      doc,
      valid.map((h) => decorate(h, { focused, flashing })),
    );
  } else if (action.type === 'remove') {
    drop(action.ids);
    for (const id of action.ids) byId.delete(id);
  } else {
    // A Set, so refocusing the focused note repaints it once rather than adding a second decoration. Flashing
    // the note that flashes repaints it too: a new element, so the animation runs again.
    const before = action.type === 'focus' ? focused : flashing;
    const changed = [...new Set([before, action.id])].filter((id): id is string => !!id && byId.has(id));
    if (action.type === 'focus') focused = action.id;
    else flashing = action.id;
    drop(changed);
    set = set.add(
      doc,
      changed.map((id) => decorate(byId.get(id)!, { focused, flashing })),
    );
  }
  return { set, byId, focused, flashing };
}

/** The highlight plugin; dispatch actions with `tr.setMeta(highlightKey, action)`. */
export function highlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: () => ({ set: DecorationSet.empty, byId: new Map(), focused: null, flashing: null }),
      apply: (tr, value, _old, newState) => apply(tr, value, newState.doc),
    },
    props: {
      decorations: (state) => highlightKey.getState(state)?.set,
    },
  });
}

/** The ids of the notes whose highlights cover a document position. */
export function highlightsAt(state: EditorState, pos: number): string[] {
  const s = highlightKey.getState(state);
  if (!s) return [];
  return s.set.find(pos, pos).map((d) => (d.spec as { id: string }).id);
}
