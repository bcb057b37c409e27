/**
 * A real ProseMirror state of the sample story (no DOM: states need none) and small helpers to drive the
 * highlight plugin with actions and read back its decorations.
 */
import { EditorState, type Plugin } from 'prosemirror-state';
import type { Decoration, DecorationAttrs } from 'prosemirror-view';
import { PositionMap } from '../../lib/anchoring/position-map.ts';
import { buildReaderDoc } from '../../lib/editor/build-reader-doc.ts';
import { highlightKey, highlightPlugin, type Highlight, type HighlightAction } from '../../lib/editor/highlight-plugin.ts';
import { rangeOf, story } from './unit-story.ts';

/** Text offsets ↔ ProseMirror positions of the story's document. */
export const storyPositions = new PositionMap(story.paragraphs);

/** An editor state of the story with the given plugins (the highlight plugin by default). */
export function readerState(plugins: Plugin[] = [highlightPlugin()]): EditorState {
  return EditorState.create({ doc: buildReaderDoc(story.text, story.paragraphs), plugins });
}

/** The highlight of note `id` on the `n`th occurrence of `needle` in the story. */
export function highlightOn(id: string, needle: string, n = 0, color = '#4363d8'): Highlight {
  return { id, ...storyPositions.toPmRange(rangeOf(needle, n)), color };
}

/** The state after one transaction carrying `action` to the highlight plugin. */
export function act(state: EditorState, action: HighlightAction): EditorState {
  return state.apply(state.tr.setMeta(highlightKey, action));
}

/** The state after a sequence of actions. */
export function actAll(state: EditorState, actions: HighlightAction[]): EditorState {
  return actions.reduce(act, state);
}

/** The highlight decorations in the plugin state, optionally only note `id`'s. */
export function decorationsOf(state: EditorState, id?: string): Decoration[] {
  const set = highlightKey.getState(state)?.set;
  if (!set) throw new Error('the state has no highlight plugin');
  return set.find(undefined, undefined, (spec: { id: string }) => id === undefined || spec.id === id);
}

/**
 * The DOM attributes of an inline decoration. prosemirror-view keeps them on the decoration's (internal) type
 * and exposes no getter; reading them here avoids needing a DOM to see the class a highlight renders with.
 */
export function attrsOf(decoration: Decoration): DecorationAttrs {
  return (decoration as unknown as { type: { attrs: DecorationAttrs } }).type.attrs;
}
