import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { annotationLimits } from '../../lib/annotations/limits.ts';
import { annotationSchema, tagSchema } from '../../lib/annotations/schema.ts';
import {
  aComment,
  aHighlight,
  aReply,
  aTag,
  aTagging,
  commenting,
  replying,
  storyTarget,
  tagging,
  without,
} from '../helpers/unit-annotations.ts';

const [quote, position] = storyTarget().selector;
/** A story target whose position selector is replaced, typed loosely so invalid positions can be written. */
const withPosition = (start: number, end: number) =>
  ({ source: storyTarget().source, selector: [quote, { type: 'TextPositionSelector', start, end }] }) as never;
const manyTags = (n: number) => Array.from({ length: n }, (_, i) => tagging(`theme ${i}`));

/** Every issue of a failed parse as `path: message`, the alternatives of a union included. */
function issuesOf(error: z.core.$ZodError | undefined): string[] {
  const flat = (issues: readonly z.core.$ZodIssue[]): string[] =>
    issues.flatMap((i) => (i.code === 'invalid_union' ? i.errors.flatMap(flat) : [`${i.path.join('.')}: ${i.message}`]));
  return error ? flat(error.issues) : [];
}

describe('annotationSchema', () => {
  it.each([
    ['a comment', aComment()],
    ['a comment without tags', aComment({ body: [commenting('Only a comment.')] })],
    ['a highlight', aHighlight()],
    ['a tagging', aTagging()],
    ['a reply', aReply()],
    ['a note without @context', without(aComment(), '@context')],
    ['a note with a modified date', aComment({ modified: '2024-05-02T08:30:00.000Z' })],
    ['a date with an offset', aComment({ created: '2024-05-01T12:00:00+02:00' })],
    ['a comment of exactly the limit', aComment({ body: [commenting('x'.repeat(annotationLimits.commentLength))] })],
    ['exactly the most tags', aTagging({ body: manyTags(annotationLimits.tagsPerAnnotation) })],
    ['a one-character passage', aComment({ target: withPosition(position.start, position.start + 1) })],
  ])('accepts %s', (_name, value) => {
    expect(annotationSchema.safeParse(value).success).toBe(true);
  });

  // The third column is a fragment of the `path: message` the refusal must give, so a row cannot pass by
  // failing for some other reason.
  it.each([
    ['a note without a creator', without(aComment(), 'creator'), 'creator: Invalid input'],
    ['a creator with a blank name', aComment({ creator: { id: 'reader-alice', name: '   ' } }), 'creator.name: '],
    ['an id with a space', aComment({ id: 'note 1' }), 'id: id may hold'],
    ['a wrong type', { ...aComment(), type: 'Note' }, 'type: Invalid input: expected "Annotation"'],
    ['an unknown motivation', { ...aComment(), motivation: 'bookmarking' }, 'motivation: Invalid option'],
    ['an extra unknown property on a note', { ...aComment(), rating: 5 }, ': Unrecognized key: "rating"'],
    ['an extra unknown property on a reply', { ...aReply(), rating: 5 }, ': Unrecognized key: "rating"'],
    [
      'a position selector whose end equals its start',
      aComment({ target: withPosition(10, 10) }),
      'target.selector.1: TextPositionSelector end must be after start',
    ],
    [
      'a position selector whose end is before its start',
      aComment({ target: withPosition(20, 10) }),
      'target.selector.1: TextPositionSelector end must be after start',
    ],
    ['a position selector with a negative start', aComment({ target: withPosition(-1, 10) }), 'target.selector.1.start: Too small'],
    [
      'a position selector with a fractional end',
      aComment({ target: withPosition(1, 2.5) }),
      'target.selector.1.end: Invalid input: expected int',
    ],
    ['a comment over the limit', aComment({ body: [commenting('x'.repeat(annotationLimits.commentLength + 1))] }), 'body.0.value: Too big'],
    ['a blank comment', aComment({ body: [commenting('   ')] }), 'body.0.value: Too small'],
    ['a tag over the length limit', aTagging({ body: [tagging('x'.repeat(annotationLimits.tagLength + 1))] }), 'body.0.value: Too big'],
    [
      'too many tags',
      aTagging({ body: manyTags(annotationLimits.tagsPerAnnotation + 1) }),
      `: at most ${annotationLimits.tagsPerAnnotation} tags`,
    ],
    ['a commenting note without a commenting body', aComment({ body: [tagging('loss')] }), ': a commenting note needs a commenting body'],
    ['a tagging note without a tag', aTagging({ body: [] }), ': a tagging needs a tag'],
    [
      'a note on the text holding a reply body',
      aComment({ body: [commenting('Yes.'), replying('And no.')] }),
      ': a note on the text cannot hold a reply or reaction body',
    ],
    ['a reply whose body is commenting', aReply({ body: [commenting('Or he has finally noticed.')] }), ': a reply needs a replying body'],
    ['a reply without a body', aReply({ body: [] }), ': a reply needs a replying body'],
    ['a reply whose target is not an id', aReply({ target: 'not an id!' }), 'target: id may hold'],
    [
      'a selector array in the wrong order',
      aComment({ target: { source: 'should-have-known', selector: [position, quote] } as never }),
      'target.selector.0.type: Invalid input: expected "TextQuoteSelector"',
    ],
    [
      'a target with only a quote selector',
      aComment({ target: { source: 'should-have-known', selector: [quote] } as never }),
      'target.selector: Too small',
    ],
    ['a target with an empty source', aComment({ target: { ...storyTarget(), source: '' } }), 'target.source: Too small'],
    ['a date without a time', aComment({ created: '2024-05-01' }), 'created: Invalid'],
    ['a date in prose', aComment({ created: 'May 1, 2024' }), 'created: Invalid'],
    ['a non-ISO modified date', aComment({ modified: '01/05/2024 10:00' }), 'modified: Invalid'],
    ['a number as date', { ...aComment(), created: 1714557600000 }, 'created: Invalid input: expected string'],
  ])('refuses %s', (_name, value, issue) => {
    const parsed = annotationSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(issuesOf(parsed.error).some((i) => i.includes(issue))).toBe(true);
  });
});

describe('tagSchema', () => {
  it.each([
    ['a label and a colour', aTag()],
    ['an upper-case colour', aTag({ color: '#ABCDEF' })],
    ['a description', aTag({ description: 'What the town has lost.' })],
    ['a label of exactly the limit', aTag({ label: 'x'.repeat(annotationLimits.tagLength) })],
  ])('accepts %s', (_name, value) => {
    expect(tagSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['a colour name', aTag({ color: 'red' }), 'color: colour must be #rrggbb'],
    ['a short hex colour', aTag({ color: '#fff' }), 'color: colour must be #rrggbb'],
    ['a colour with a non-hex digit', aTag({ color: '#12345g' }), 'color: colour must be #rrggbb'],
    ['a colour without #', aTag({ color: '4363d8' }), 'color: colour must be #rrggbb'],
    ['a colour with alpha', aTag({ color: '#4363d880' }), 'color: colour must be #rrggbb'],
    ['an rgb() colour', aTag({ color: 'rgb(67, 99, 216)' }), 'color: colour must be #rrggbb'],
    ['a missing colour', without(aTag(), 'color'), 'color: Invalid input'],
    ['a blank label', aTag({ label: '  ' }), 'label: Too small'],
    ['a label over the limit', aTag({ label: 'x'.repeat(annotationLimits.tagLength + 1) }), 'label: Too big'],
    ['a description over the limit', aTag({ description: 'x'.repeat(annotationLimits.tagDescriptionLength + 1) }), 'description: Too big'],
    ['an extra unknown property', { ...aTag(), owner: 'reader-alice' }, ': Unrecognized key: "owner"'],
  ])('refuses %s', (_name, value, issue) => {
    const parsed = tagSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(issuesOf(parsed.error).some((i) => i.includes(issue))).toBe(true);
  });
});
