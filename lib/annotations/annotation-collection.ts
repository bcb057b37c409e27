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

/** The IRI of page `page` of a container (`iris`: the page lists annotation IRIs instead of descriptions). */
export function pageIri(containerId: string, page: number, iris = false): string {
  return `${containerId}?page=${page}${iris ? '&iris=1' : ''}`;
}

/** What one `AnnotationPage` of a paged container needs. */
export interface PageOptions {
  containerId: string;
  label: string;
  /** Annotations in the whole container. */
  total: number;
  page: number;
  pageSize: number;
  /** This page's items: protocol descriptions, or their IRIs when `iris`. */
  items: unknown[];
  iris: boolean;
}

/**
 * One page of a paged container (W3C Web Annotation Protocol §4.2): `partOf` names the container with its total,
 * `startIndex` the first item's index, `next`/`prev` the neighbouring pages where there are some.
 */
export function annotationPage(options: PageOptions) {
  const { containerId, page, pageSize, total, iris } = options;
  const last = Math.max(0, Math.ceil(total / pageSize) - 1);
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: pageIri(containerId, page, iris),
    type: 'AnnotationPage',
    partOf: { id: containerId, label: options.label, total },
    startIndex: page * pageSize,
    ...(page < last ? { next: pageIri(containerId, page + 1, iris) } : {}),
    ...(page > 0 ? { prev: pageIri(containerId, page - 1, iris) } : {}),
    items: options.items,
  };
}

/**
 * A paged container (W3C Web Annotation Protocol §4.1): its total, `first` — the first page embedded, or only its IRI
 * for a minimal container — and `last`, the IRI of the last page.
 */
export function pagedCollection(options: {
  containerId: string;
  label: string;
  total: number;
  pageSize: number;
  iris: boolean;
  /** The first page to embed (annotationPage's answer), or null to name it only. */
  first: ReturnType<typeof annotationPage> | null;
}) {
  const { containerId, total, pageSize, iris } = options;
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  // Embedded in its container, the first page needs neither its own context nor `partOf`.
  let first: Record<string, unknown> | string = pageIri(containerId, 0, iris);
  if (options.first) {
    const { '@context': _context, partOf: _partOf, ...embedded } = options.first;
    first = embedded;
  }
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: containerId,
    type: 'AnnotationCollection',
    label: options.label,
    total,
    first,
    last: pageIri(containerId, lastPage, iris),
  };
}
