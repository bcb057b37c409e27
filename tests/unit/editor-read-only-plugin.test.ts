import { TextSelection, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { highlightPlugin, highlightsAt } from '../../lib/editor/highlight-plugin.ts';
import { readOnlyPlugin } from '../../lib/editor/read-only-plugin.ts';
import { act, highlightOn, readerState } from '../helpers/unit-editor.ts';

const reader = () => readerState([readOnlyPlugin(), highlightPlugin()]);

// Every way a transaction can change the document; the plugin must filter each one out.
const edits: Array<[string, (tr: Transaction) => Transaction]> = [
  ['typing a character', (tr) => tr.insertText('x', 5)],
  ['replacing a word', (tr) => tr.insertText('was', 5, 10)],
  ['deleting a range', (tr) => tr.delete(5, 40)],
  ['splitting a paragraph', (tr) => tr.split(5)],
  ['joining two paragraphs', (tr) => tr.join(tr.doc.firstChild!.nodeSize)],
  ['changing paragraph attributes', (tr) => tr.setNodeMarkup(0, undefined, { n: 99 })],
];

describe('readOnlyPlugin', () => {
  it.each(edits)('filters out %s: applyTransaction keeps the same state and applies nothing', (_name, edit) => {
    const state = reader();
    const tr = edit(state.tr);
    expect(tr.docChanged).toBe(true); // what this case is about
    const result = state.applyTransaction(tr);
    expect(result.state).toBe(state);
    expect(result.transactions).toEqual([]);
  });

  it.each(edits)('keeps the document unchanged through state.apply when %s', (_name, edit) => {
    const state = reader();
    expect(state.apply(edit(state.tr)).doc).toBe(state.doc);
  });

  it('allows a selection change', () => {
    const state = reader();
    const next = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 5, 40)));
    expect([next.selection.from, next.selection.to]).toEqual([5, 40]);
  });

  it('keeps the document when the selection changes', () => {
    const state = reader();
    expect(state.apply(state.tr.setSelection(TextSelection.create(state.doc, 5, 40))).doc).toBe(state.doc);
  });

  it('lets highlight actions through', () => {
    const note = highlightOn('a', "weren't the same anymore");
    expect(highlightsAt(act(reader(), { type: 'upsert', highlights: [note] }), note.from + 1)).toEqual(['a']);
  });

  it('marks the editor read-only for assistive technology', () => {
    expect(readOnlyPlugin().props.attributes).toMatchObject({ 'aria-readonly': 'true', role: 'textbox', 'aria-multiline': 'true' });
  });

  it.each([
    ['text input', 'handleTextInput'],
    ['paste', 'handlePaste'],
    ['drop', 'handleDrop'],
  ] as const)('claims %s so the view never inserts it', (_name, prop) => {
    const handler = readOnlyPlugin().props[prop] as () => boolean;
    expect(handler()).toBe(true);
  });

  it.each(['beforeinput', 'cut'] as const)('prevents the default of %s events', (type) => {
    const handler = readOnlyPlugin().props.handleDOMEvents![type]!;
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) } as unknown as InputEvent & ClipboardEvent;
    expect([handler.call(undefined as never, undefined as never, event), prevented]).toEqual([true, true]);
  });
});
