'use client';
/**
 * Where each note sits in the editor: anchored on the text by position first, then by quote (a note whose offsets
 * drifted is found again). Placements are cached per annotation object: the notes store keeps unchanged notes'
 * objects across changes, so each note is anchored once, not on every remote change.
 */
import { useMemo } from 'react';
import { anchorSelectors } from '../../lib/anchoring/anchor.ts';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';

/** Where a note sits in the editor. */
export interface Placed {
  annotation: PassageAnnotation;
  from: number;
  to: number;
  /** Its paragraph's number, from 1. */
  paragraph: number;
}

/** Each note's placement by id, or null when its passage is not in the text any more. */
export type Placements = ReadonlyMap<string, Placed | null>;

export function useAnchoring(passages: ReadonlyMap<string, PassageAnnotation>, text: string, positions: PositionMap): Placements {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new cache whenever the text or its positions change, so no placement outlives them
  const cache = useMemo(() => new WeakMap<PassageAnnotation, Placed | null>(), [text, positions]);
  return useMemo(() => {
    const out = new Map<string, Placed | null>();
    for (const [id, a] of passages) {
      let p = cache.get(a);
      if (p === undefined) {
        const anchor = anchorSelectors(text, a.target.selector);
        p = anchor && {
          annotation: a,
          ...positions.toPmRange(anchor.range),
          paragraph: positions.paragraphIndexAt(anchor.range.start) + 1,
        };
        cache.set(a, p);
      }
      out.set(id, p);
    }
    return out;
  }, [passages, text, positions, cache]);
}
