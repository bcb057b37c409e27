/**
 * Bench notes: real W3C passage annotations on the story's canonical text, built with the same function as the
 * composer, because Glossa refuses anything else (and a refused note would look like a lost delivery). The stock
 * server gets the very same values so both carry identical payloads.
 */
import { buildPassageAnnotation } from '../lib/annotations/build-annotation.ts';
import type { PassageAnnotation } from '../lib/annotations/schema.ts';
import type { TextRange } from '../lib/anchoring/types.ts';

export interface NoteWriter {
  id: string;
  name: string;
}

/** Short phrases spread over the whole text, so quotes and context differ from note to note as in real use. */
export function passageRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (const m of text.matchAll(/[A-Za-z]{4,}(?: [A-Za-z]+){0,3}/g)) ranges.push({ start: m.index, end: m.index + m[0].length });
  if (ranges.length === 0) throw new Error('the story text has no words to annotate');
  return ranges;
}

/** A factory of the i-th note of a run; ids are unique per run so a reused room never sees an update as a no-op. */
export function noteFactory(documentId: string, text: string, writer: NoteWriter) {
  const ranges = passageRanges(text);
  const step = Math.max(1, Math.floor(ranges.length / 97)); // 97 is prime: successive notes land far apart
  return (id: string, i: number): PassageAnnotation =>
    buildPassageAnnotation({
      id,
      documentId,
      creator: { id: writer.id, name: writer.name },
      text,
      range: ranges[(i * step) % ranges.length],
      comment: `Bench note ${i}: how does this phrase echo the opening?`,
      tags: i % 3 === 0 ? ['bench', 'echo'] : [],
      now: new Date(),
    });
}
