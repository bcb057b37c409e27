import { describe, expect, it } from 'vitest';
import { validateAnnotation } from '../../lib/annotations/validate-annotation.ts';
import { aComment, aHighlight, aReply, aTagging, storyContext, storyTarget } from '../helpers/unit-annotations.ts';
import { rangeOf, storyText } from '../helpers/unit-story.ts';

const ctx = storyContext();

describe('validateAnnotation', () => {
  it.each([
    ['a comment', aComment()],
    ['a highlight', aHighlight()],
    ['a tagging', aTagging()],
    ['a note on a repeated phrase', aComment({ target: storyTarget('should have known better', 2) })],
    ['a note crossing a paragraph boundary', aComment({ target: storyTarget("If only...'\n\nKnowing that") })],
  ])('accepts %s at its stated offsets, unchanged', (_name, note) => {
    expect(validateAnnotation(note.id, note, ctx)).toEqual({ ok: true, annotation: note, reanchored: false });
  });

  it('refuses a value that is not an annotation', () => {
    const verdict = validateAnnotation('note-1', { ...aComment(), creator: undefined }, ctx);
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/^invalid annotation: /) });
  });

  it('refuses an annotation stored under a key other than its id', () => {
    expect(validateAnnotation('note-2', aComment({ id: 'note-1' }), ctx)).toEqual({
      ok: false,
      reason: 'annotation id note-1 is stored under key note-2',
    });
  });

  it('refuses a note on another document', () => {
    const note = aComment({ target: { ...storyTarget(), source: 'war-and-peace' } });
    expect(validateAnnotation(note.id, note, ctx)).toEqual({ ok: false, reason: 'target.source war-and-peace is not this document' });
  });

  it('refuses a note whose quote is nowhere in the text', () => {
    const [, position] = storyTarget().selector;
    const note = aComment({
      target: { ...storyTarget(), selector: [{ type: 'TextQuoteSelector', exact: 'Buffy wore a hat' }, position] },
    });
    expect(validateAnnotation(note.id, note, ctx)).toEqual({ ok: false, reason: 'the quoted passage is not in the text' });
  });

  it('refuses a note whose quote is in the text only with different case', () => {
    const [quote, position] = storyTarget().selector;
    const note = aComment({ target: { ...storyTarget(), selector: [{ ...quote, exact: quote.exact.toUpperCase() }, position] } });
    expect(validateAnnotation(note.id, note, ctx)).toMatchObject({ ok: false });
  });

  it.each([
    ['shifted back by a few characters', -7],
    ['shifted forward by a few characters', 5],
    ['a paragraph away', 400],
  ])('re-anchors a note whose offsets are %s but whose quote is found', (_name, shift) => {
    const range = rangeOf("weren't the same anymore");
    const [quote] = storyTarget().selector;
    const note = aComment({
      target: { ...storyTarget(), selector: [quote, { type: 'TextPositionSelector', start: range.start + shift, end: range.end + shift }] },
    });
    const verdict = validateAnnotation(note.id, note, ctx);
    expect(verdict).toEqual({
      ok: true,
      reanchored: true,
      annotation: { ...note, target: { ...note.target, selector: [quote, { type: 'TextPositionSelector', ...range }] } },
    });
  });

  it('re-anchors a note whose offsets lie past the end of the text', () => {
    const range = rangeOf('He believed her.');
    const [quote] = storyTarget('He believed her.').selector;
    const note = aComment({
      target: {
        ...storyTarget(),
        selector: [quote, { type: 'TextPositionSelector', start: storyText.length + 1, end: storyText.length + 17 }],
      },
    });
    const verdict = validateAnnotation(note.id, note, ctx);
    expect(verdict.ok && verdict.reanchored && verdict.annotation.target).toEqual({
      ...note.target,
      selector: [quote, { type: 'TextPositionSelector', ...range }],
    });
  });

  it('re-anchors a repeated phrase to the occurrence its context names', () => {
    const third = rangeOf('should have known better', 2);
    const [quote] = storyTarget('should have known better', 2).selector;
    const note = aComment({
      target: { ...storyTarget(), selector: [quote, { type: 'TextPositionSelector', start: 0, end: third.end - third.start }] },
    });
    const verdict = validateAnnotation(note.id, note, ctx);
    expect(verdict.ok && verdict.annotation.target).toMatchObject({ selector: [quote, { start: third.start, end: third.end }] });
  });

  it('accepts a reply whose target is in the room', () => {
    const reply = aReply();
    expect(validateAnnotation(reply.id, reply, storyContext(['note-1']))).toEqual({ ok: true, annotation: reply, reanchored: false });
  });

  it('refuses a reply whose target is not in the room', () => {
    expect(validateAnnotation('reply-1', aReply(), storyContext(['note-2']))).toEqual({
      ok: false,
      reason: 'reply target note-1 is not in the room',
    });
  });

  it('refuses a reply that answers itself', () => {
    const reply = aReply({ target: 'reply-1' });
    expect(validateAnnotation(reply.id, reply, storyContext(['reply-1']))).toEqual({ ok: false, reason: 'a reply cannot answer itself' });
  });
});
