/**
 * Other readers in the text: a stack of small avatars (initials in their colour) at the start of the paragraph each
 * reads, their selections as a soft tint in their colour, and the facilitator's spotlight as a glow. All are
 * decorations held in plugin state and keyed by what they show: an update adds and removes only the decorations whose
 * key changed (an avatar moving is one widget out, one in), so the view redraws only the paragraphs concerned.
 *
 * An avatar is a button (its name for screen readers, "Follow Ada"); a press dispatches the DOM event
 * `glossa:presence-follow` (detail: `{ id }`) from the button, bubbling, so the page decides what following means.
 * The "+N" button of a crowded paragraph opens the rest of its stack in place.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { decorationTr } from './dom-selection.ts';

/** One reader drawn as an avatar. */
export interface AvatarView {
  id: string;
  name: string;
  initials: string;
  /** `#rrggbb` (parsed upstream; it goes into a style). */
  color: string;
  idle: boolean;
  /** This reader is the one being followed. */
  followed: boolean;
}

/** The avatars at one paragraph: `pos` is the document position at its start. */
export interface AvatarStackView {
  pos: number;
  shown: AvatarView[];
  more: AvatarView[];
}

/** Another reader's selection, as document positions. */
export interface SelectionView {
  id: string;
  from: number;
  to: number;
  color: string;
  followed: boolean;
}

export type PresenceAction =
  | { type: 'readers'; stacks: AvatarStackView[]; selections: SelectionView[] }
  | { type: 'spotlight'; range: { from: number; to: number } | null };

/** The name of the event an avatar's press dispatches. */
export const followEventName = 'glossa:presence-follow';

interface PresencePluginState {
  set: DecorationSet;
  /** The decorations in the set, by the key of what they show. */
  byKey: Map<string, Decoration>;
}

export const presenceKey = new PluginKey<PresencePluginState>('glossa-presence');

const colorPattern = /^#[0-9a-f]{6}$/i;
const safeColor = (c: string) => (colorPattern.test(c) ? c : '#777777');

/** Black or white, whichever reads better on `color` (WCAG relative luminance), for an avatar's initials. */
export function inkOn(color: string): '#000000' | '#ffffff' {
  const c = safeColor(color);
  const channel = (i: number) => {
    const v = Number.parseInt(c.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is 1.05 / (l + 0.05), with black (l + 0.05) / 0.05: equal at l ≈ 0.179.
  return l > 0.179 ? '#000000' : '#ffffff';
}

function avatarButton(a: AvatarView): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `presence-avatar${a.idle ? ' idle' : ''}${a.followed ? ' followed' : ''}`;
  b.style.setProperty('--pc', safeColor(a.color));
  b.style.setProperty('--pc-ink', inkOn(a.color));
  // The initials are what is seen, drawn by CSS (attr(data-initials)); the name is what is read ("Follow Ada
  // Lovelace"). As text in the button they would be a visible label missing from its name (WCAG 2.5.3).
  b.dataset.initials = a.initials;
  const label = a.followed ? `Stop following ${a.name}` : `Follow ${a.name}`;
  b.setAttribute('aria-label', a.idle ? `${label} (idle)` : label);
  b.title = `${a.name}${a.idle ? ' (idle)' : ''} is reading here — ${a.followed ? 'click to stop following' : 'click to follow'}`;
  b.dataset.user = a.id;
  b.addEventListener('click', (e) => {
    e.preventDefault();
    b.dispatchEvent(new CustomEvent(followEventName, { bubbles: true, detail: { id: a.id } }));
  });
  // Keeps the text's selection and caret where they were (a press in the text would move them).
  b.addEventListener('mousedown', (e) => e.preventDefault());
  return b;
}

function stackDom(stack: AvatarStackView): HTMLElement {
  const el = document.createElement('span');
  el.className = 'presence-stack';
  el.contentEditable = 'false';
  el.dataset.testid = 'presence-stack';
  el.setAttribute('role', 'group');
  const all = [...stack.shown, ...stack.more];
  el.setAttribute('aria-label', `Reading here: ${all.map((a) => a.name).join(', ')}`);
  const row = document.createElement('span');
  row.className = 'presence-row';
  for (const a of stack.shown) row.append(avatarButton(a));
  el.append(row);
  if (stack.more.length > 0) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'presence-more';
    more.dataset.initials = `+${stack.more.length}`;
    more.setAttribute('aria-expanded', 'false');
    more.setAttribute('aria-label', `${stack.more.length} more reading here: ${stack.more.map((a) => a.name).join(', ')}`);
    const list = document.createElement('span');
    list.className = 'presence-more-list';
    list.hidden = true;
    for (const a of stack.more) list.append(avatarButton(a));
    more.addEventListener('mousedown', (e) => e.preventDefault());
    more.addEventListener('click', (e) => {
      e.preventDefault();
      list.hidden = !list.hidden;
      more.setAttribute('aria-expanded', String(!list.hidden));
    });
    row.append(more);
    el.append(list);
  }
  return el;
}

const avatarKey = (a: AvatarView) => `${a.id}\u0001${a.name}\u0001${a.color}\u0001${a.idle ? 1 : 0}${a.followed ? 1 : 0}`;

/** The decorations an action asks for, by key (a key names everything drawn, so an equal key is an equal drawing). */
function wanted(stacks: AvatarStackView[], selections: SelectionView[], doc: EditorState['doc']): Map<string, () => Decoration> {
  const out = new Map<string, () => Decoration>();
  const size = doc.content.size;
  for (const stack of stacks) {
    if (stack.pos < 0 || stack.pos > size || stack.shown.length === 0) continue;
    const key = `a:${stack.pos}:${stack.shown.map(avatarKey).join('|')}+${stack.more.map(avatarKey).join('|')}`;
    out.set(key, () =>
      Decoration.widget(stack.pos, () => stackDom(stack), {
        key,
        side: -1,
        ignoreSelection: true,
        // Presses, keys and focus inside the stack are the buttons', not the editor's.
        stopEvent: () => true,
      }),
    );
  }
  for (const s of selections) {
    if (!(0 <= s.from && s.from < s.to && s.to <= size)) continue;
    const key = `s:${s.id}:${s.from}:${s.to}:${s.color}:${s.followed ? 1 : 0}`;
    out.set(key, () =>
      Decoration.inline(
        s.from,
        s.to,
        { class: s.followed ? 'presence-sel presence-sel-followed' : 'presence-sel', style: `--pc: ${safeColor(s.color)}` },
        { key },
      ),
    );
  }
  return out;
}

function apply(tr: Transaction, state: PresencePluginState, doc: EditorState['doc']): PresencePluginState {
  const action = tr.getMeta(presenceKey) as PresenceAction | undefined;
  if (!action) return state;
  const next = new Map<string, () => Decoration>();
  if (action.type === 'readers') {
    for (const [key, make] of wanted(action.stacks, action.selections, doc)) next.set(key, make);
    // The spotlight is kept.
    for (const [key, deco] of state.byKey) if (key.startsWith('g:')) next.set(key, () => deco);
  } else {
    for (const [key, deco] of state.byKey) if (!key.startsWith('g:')) next.set(key, () => deco);
    const r = action.range;
    if (r && 0 <= r.from && r.from < r.to && r.to <= doc.content.size) {
      const key = `g:${r.from}:${r.to}`;
      next.set(key, () => Decoration.inline(r.from, r.to, { class: 'spotlight-glow' }, { key }));
    }
  }
  const gone = [...state.byKey.entries()].filter(([key]) => !next.has(key)).map(([, d]) => d);
  const byKey = new Map<string, Decoration>();
  const added: Decoration[] = [];
  for (const [key, make] of next) {
    const kept = state.byKey.get(key);
    if (kept) byKey.set(key, kept);
    else {
      const d = make();
      byKey.set(key, d);
      added.push(d);
    }
  }
  if (gone.length === 0 && added.length === 0) return state;
  return { set: state.set.remove(gone).add(doc, added), byKey };
}

/** The presence plugin; dispatch actions with {@link dispatchPresence}. */
export function presencePlugin(): Plugin<PresencePluginState> {
  return new Plugin<PresencePluginState>({
    key: presenceKey,
    state: {
      init: () => ({ set: DecorationSet.empty, byKey: new Map() }),
      apply: (tr, value, _old, newState) => apply(tr, value, newState.doc),
    },
    props: {
      decorations: (state) => presenceKey.getState(state)?.set,
    },
  });
}

/** Sends `action` to the presence plugin of `view` (a transaction that changes nothing else). */
export function dispatchPresence(view: EditorView, action: PresenceAction): void {
  if (view.isDestroyed || !presenceKey.getState(view.state)) return;
  view.dispatch(decorationTr(view).setMeta(presenceKey, action).setMeta('addToHistory', false));
}
