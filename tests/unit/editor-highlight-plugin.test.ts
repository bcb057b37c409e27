import { describe, expect, it } from 'vitest';
import { highlightKey, highlightPlugin, highlightsAt, type Highlight } from '../../lib/editor/highlight-plugin.ts';
import { act, actAll, attrsOf, decorationsOf, highlightOn, readerState } from '../helpers/unit-editor.ts';

// Two notes side by side in the second paragraph, one overlapping the end of the second, one far below.
const sameWords = highlightOn('a', "weren't the same anymore");
const changed = highlightOn('b', 'Things had changed, fallen apart', 0, '#e6194b');
const fallen = highlightOn('c', 'fallen apart', 0, '#3cb44b');
const believed = highlightOn('d', 'He believed her.');
const acrossParagraphs: Highlight = {
  id: 'e',
  from: highlightOn('x', 'If only...').from,
  to: highlightOn('x', 'Knowing that').to,
  color: '#911eb4',
};

const withNotes = (...highlights: Highlight[]) => act(readerState(), { type: 'upsert', highlights });
const rangesOf = (state: ReturnType<typeof readerState>, id: string) => decorationsOf(state, id).map((d) => [d.from, d.to]);
const classOf = (state: ReturnType<typeof readerState>, id: string) => decorationsOf(state, id).map((d) => attrsOf(d).class);

/** The spec of note `id`'s one decoration; made with the decoration, so the same object means the same decoration. */
function specOf(state: ReturnType<typeof readerState>, id: string): unknown {
  const found = decorationsOf(state, id);
  expect(found).toHaveLength(1);
  return found[0]!.spec;
}

describe('highlightPlugin', () => {
  it('starts with no decorations', () => {
    expect(decorationsOf(readerState())).toEqual([]);
  });

  it('adds a decoration over the note range on upsert', () => {
    expect(rangesOf(withNotes(sameWords), 'a')).toEqual([[sameWords.from, sameWords.to]]);
  });

  it("gives a note with a dark-theme tint both colours, for the dark theme's CSS", () => {
    const state = withNotes({ ...changed, color: 'rgba(230, 25, 75, 0.32)', darkColor: 'rgba(230, 25, 75, 0.34)' });
    expect(attrsOf(decorationsOf(state, 'b')[0]!).style).toBe('--hl: rgba(230, 25, 75, 0.32); --hl-dark: rgba(230, 25, 75, 0.34)');
  });

  it('keeps the note id in the decoration spec', () => {
    expect(decorationsOf(withNotes(sameWords)).map((d) => d.spec)).toEqual([{ id: 'a' }]);
  });

  it('paints the decoration with the note colour and id', () => {
    expect(attrsOf(decorationsOf(withNotes(changed), 'b')[0]!)).toMatchObject({
      class: 'hl',
      'data-annotation-id': 'b',
      style: '--hl: #e6194b',
    });
  });

  it('adds one decoration per note when several are upserted at once', () => {
    const state = withNotes(sameWords, changed, believed);
    expect(
      decorationsOf(state)
        .map((d) => d.spec.id)
        .sort(),
    ).toEqual(['a', 'b', 'd']);
  });

  it('paints a note across a paragraph boundary in both paragraphs', () => {
    const state = withNotes(acrossParagraphs);
    expect([highlightsAt(state, acrossParagraphs.from + 1), highlightsAt(state, acrossParagraphs.to - 1)]).toEqual([['e'], ['e']]);
  });

  it.each([
    ['in the same paragraph', changed],
    ['in another paragraph', believed],
  ])('leaves the decorations of other notes untouched when one note %s is upserted', (_name, other) => {
    const before = withNotes(sameWords, other);
    const after = act(before, { type: 'upsert', highlights: [{ ...other, color: '#000075' }] });
    expect(specOf(after, 'a')).toBe(specOf(before, 'a'));
  });

  it('replaces the decoration of a note upserted again, leaving one', () => {
    const state = act(withNotes(sameWords), { type: 'upsert', highlights: [{ ...believed, id: 'a' }] });
    expect(rangesOf(state, 'a')).toEqual([[believed.from, believed.to]]);
  });

  it('repaints a note upserted again with its new colour', () => {
    const state = act(withNotes(sameWords), { type: 'upsert', highlights: [{ ...sameWords, color: '#000075' }] });
    expect(decorationsOf(state, 'a').map((d) => attrsOf(d).style)).toEqual(['--hl: #000075']);
  });

  it('drops deleted decorations', () => {
    const state = act(withNotes(sameWords, changed, believed), { type: 'remove', ids: ['a', 'd'] });
    expect(decorationsOf(state).map((d) => d.spec.id)).toEqual(['b']);
  });

  it('removes notes and adds others in one step', () => {
    const state = act(withNotes(sameWords, believed), { type: 'upsert', highlights: [changed], remove: ['a', 'd'] });
    expect(decorationsOf(state).map((d) => d.spec.id)).toEqual(['b']);
  });

  it('changes nothing when removing a note it does not show', () => {
    const before = withNotes(sameWords);
    const after = act(before, { type: 'remove', ids: ['unknown'] });
    expect(highlightKey.getState(after)!.set).toBe(highlightKey.getState(before)!.set);
  });

  it('shows a removed note again when it is upserted again', () => {
    const state = actAll(withNotes(sameWords), [
      { type: 'remove', ids: ['a'] },
      { type: 'upsert', highlights: [sameWords] },
    ]);
    expect(rangesOf(state, 'a')).toEqual([[sameWords.from, sameWords.to]]);
  });

  it('shows both overlapping notes on the words they share', () => {
    const state = withNotes(changed, fallen);
    expect(highlightsAt(state, fallen.from + 3).sort()).toEqual(['b', 'c']);
  });

  it('shows only the note that covers words outside the overlap', () => {
    const state = withNotes(changed, fallen);
    expect(highlightsAt(state, changed.from + 3)).toEqual(['b']);
  });

  it('shows no note where there is no highlight', () => {
    expect(highlightsAt(withNotes(sameWords), believed.from + 3)).toEqual([]);
  });

  it('marks only the focused note hl-focus', () => {
    const state = act(withNotes(sameWords, changed, fallen), { type: 'focus', id: 'b' });
    expect([classOf(state, 'a'), classOf(state, 'b'), classOf(state, 'c')]).toEqual([['hl'], ['hl hl-focus'], ['hl']]);
  });

  it('unmarks the previously focused note when another is focused', () => {
    const state = actAll(withNotes(sameWords, changed), [
      { type: 'focus', id: 'a' },
      { type: 'focus', id: 'b' },
    ]);
    expect([classOf(state, 'a'), classOf(state, 'b')]).toEqual([['hl'], ['hl hl-focus']]);
  });

  it('unmarks the focused note when focus is cleared', () => {
    const state = actAll(withNotes(sameWords), [
      { type: 'focus', id: 'a' },
      { type: 'focus', id: null },
    ]);
    expect(classOf(state, 'a')).toEqual(['hl']);
  });

  it('keeps one decoration for a note focused twice', () => {
    const state = actAll(withNotes(sameWords), [
      { type: 'focus', id: 'a' },
      { type: 'focus', id: 'a' },
    ]);
    expect(classOf(state, 'a')).toEqual(['hl hl-focus']);
  });

  it('leaves the other notes untouched when focus moves', () => {
    const before = withNotes(sameWords, changed, believed);
    const after = act(before, { type: 'focus', id: 'b' });
    expect(specOf(after, 'd')).toBe(specOf(before, 'd'));
  });

  it('paints a note focused before it arrived as focused', () => {
    const state = act(act(readerState(), { type: 'focus', id: 'a' }), { type: 'upsert', highlights: [sameWords] });
    expect(classOf(state, 'a')).toEqual(['hl hl-focus']);
  });

  it('keeps the focus mark on a focused note upserted again', () => {
    const state = actAll(withNotes(sameWords), [
      { type: 'focus', id: 'a' },
      { type: 'upsert', highlights: [{ ...sameWords, color: '#000075' }] },
    ]);
    expect(classOf(state, 'a')).toEqual(['hl hl-focus']);
  });

  it('marks a flashing note hl-flash until the flash is cleared, whatever its focus does', () => {
    const flashing = actAll(withNotes(sameWords, changed), [
      { type: 'flash', id: 'a' },
      { type: 'focus', id: 'a' },
    ]);
    expect([classOf(flashing, 'a'), classOf(flashing, 'b')]).toEqual([['hl hl-focus hl-flash'], ['hl']]);
    expect(classOf(act(flashing, { type: 'flash', id: null }), 'a')).toEqual(['hl hl-focus']);
  });

  it('repaints a note flashed again, so its animation runs again', () => {
    const once = act(withNotes(sameWords), { type: 'flash', id: 'a' });
    const twice = act(once, { type: 'flash', id: 'a' });
    expect(classOf(twice, 'a')).toEqual(['hl hl-flash']);
    expect(specOf(twice, 'a')).not.toBe(specOf(once, 'a'));
  });

  it.each([
    ['ending past the end of the doc', (size: number) => ({ from: size - 5, to: size + 1 })],
    ['lying wholly past the end of the doc', (size: number) => ({ from: size + 10, to: size + 20 })],
    ['empty', () => ({ from: 20, to: 20 })],
    ['reversed', () => ({ from: 30, to: 20 })],
    ['starting before the doc', () => ({ from: -5, to: 10 })],
  ])('ignores a range %s', (_name, range) => {
    const state = readerState();
    const after = act(state, {
      type: 'upsert',
      highlights: [{ id: 'bad', color: '#000075', ...range(state.doc.content.size) }, sameWords],
    });
    expect(decorationsOf(after).map((d) => d.spec.id)).toEqual(['a']);
  });

  it('keeps its state for a transaction that carries no action', () => {
    const state = withNotes(sameWords);
    const after = state.apply(state.tr.setMeta('other', true));
    expect(highlightKey.getState(after)).toBe(highlightKey.getState(state));
  });

  it('gives its decoration set to the view through the decorations prop', () => {
    const plugin = highlightPlugin();
    const state = act(readerState([plugin]), { type: 'upsert', highlights: [sameWords] });
    expect(plugin.props.decorations!.call(plugin, state)).toBe(highlightKey.getState(state)!.set);
  });
});
