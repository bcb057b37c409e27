import { describe, expect, it } from 'vitest';
import { incomingLinks, withLink } from '../../lib/annotations/links.ts';
import { annotationSchema } from '../../lib/annotations/schema.ts';
import { aComment } from '../helpers/unit-annotations.ts';

describe('links between notes', () => {
  it('adds, replaces and removes a link to a note', () => {
    const one = withLink(undefined, 'b', 'echoes');
    expect(one).toEqual([{ target: 'b', type: 'echoes' }]);
    expect(withLink(one, 'b', 'answers')).toEqual([{ target: 'b', type: 'answers' }]);
    expect(withLink([...one, { target: 'c', type: 'see-also' }], 'b', null)).toEqual([{ target: 'c', type: 'see-also' }]);
  });

  it('shows each link at both ends', () => {
    const incoming = incomingLinks([
      { id: 'resolutions', links: [{ target: 'letter', type: 'echoes' }] },
      { id: 'letter' },
      { id: 'other', links: [{ target: 'letter', type: 'contrasts-with' }] },
    ]);
    expect(incoming.get('letter')).toEqual([
      { from: 'resolutions', type: 'echoes' },
      { from: 'other', type: 'contrasts-with' },
    ]);
    expect(incoming.has('resolutions')).toBe(false);
  });

  it('refuses a link to itself, twice to one note, or of an unknown type', () => {
    const note = aComment({ id: 'n' });
    expect(annotationSchema.safeParse({ ...note, links: [{ target: 'm', type: 'echoes' }] }).success).toBe(true);
    expect(annotationSchema.safeParse({ ...note, links: [{ target: 'n', type: 'echoes' }] }).success).toBe(false);
    expect(
      annotationSchema.safeParse({
        ...note,
        links: [
          { target: 'm', type: 'echoes' },
          { target: 'm', type: 'answers' },
        ],
      }).success,
    ).toBe(false);
    expect(annotationSchema.safeParse({ ...note, links: [{ target: 'm', type: 'rhymes' }] }).success).toBe(false);
  });
});
