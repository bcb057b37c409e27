/** Wraps annotations in a W3C AnnotationCollection with one embedded page (JSON-LD), as the HTTP API serves them. */
import type { Annotation } from './schema.ts';

/** The media type of W3C annotation JSON-LD. */
export const annotationMediaType = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** A collection of every annotation of a document, in one page. */
export function annotationCollection(id: string, label: string, items: Annotation[]) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: {
      id: `${id}?page=0`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: items.map((a) => ({ '@context': 'http://www.w3.org/ns/anno.jsonld', ...a })),
    },
  };
}
