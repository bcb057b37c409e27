/**
 * The W3C JSON-LD export: an `AnnotationCollection` (one embedded page) of the selected notes, their replies and
 * their links, with full selectors and creators. Every id is an IRI under the request's real origin — a note is
 * `<origin>/api/documents/<id>/annotations/<annotationId>`, its target's `source` the document's IRI — so another
 * W3C tool can read it without knowing Glossa. A link between notes is its own annotation (motivation `linking`,
 * body the other note's IRI); the room's themes are on the collection (`glossa:themes`) and as each note's tagging
 * bodies. Reactions are left out (they are counts, not annotations anyone would import).
 */
import { annotationMediaType } from '../annotations/annotation-collection.ts';
import type { Annotation, Creator, ReplyAnnotation } from '../annotations/schema.ts';
import { annotationIri, type ExportModel, type ExportNote } from './export-model.ts';

export { annotationMediaType as jsonLdMediaType };

const context = 'http://www.w3.org/ns/anno.jsonld';

function agent(origin: string, c: Creator) {
  return { id: `${origin}/users/${encodeURIComponent(c.id)}`, type: 'Person', name: c.name };
}

/** The common fields of a note or reply, as IRIs. */
function base(model: ExportModel, a: Annotation) {
  const origin = model.options.origin;
  return {
    '@context': context,
    id: annotationIri(origin, model.document.id, a.id),
    type: 'Annotation',
    creator: agent(origin, a.creator),
    created: a.created,
    ...(a.modified ? { modified: a.modified } : {}),
  };
}

/** `{ body }`, or nothing for a highlight or a redacted note: the model allows no body, not an empty one. */
function bodiesOf(a: Annotation) {
  if (a.body.length === 0) return {};
  return {
    body: a.body.map((b) => ({ ...b, ...(b.purpose === 'commenting' || b.purpose === 'replying' ? { format: 'text/plain' } : {}) })),
  };
}

function noteItem(model: ExportModel, n: ExportNote) {
  const a = n.annotation;
  const [quote, position] = a.target.selector;
  return {
    ...base(model, a),
    motivation: a.motivation,
    ...(a.noteType ? { noteType: a.noteType } : {}),
    ...(a.moderation ? { moderation: { ...a.moderation, by: agent(model.options.origin, a.moderation.by) } } : {}),
    ...(a.thread
      ? {
          thread: {
            ...a.thread,
            by: agent(model.options.origin, a.thread.by),
            ...(a.thread.answer ? { answer: annotationIri(model.options.origin, model.document.id, a.thread.answer) } : {}),
          },
        }
      : {}),
    ...bodiesOf(a),
    target: {
      type: 'SpecificResource',
      source: model.document.iri,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: quote.exact,
          ...(quote.prefix !== undefined ? { prefix: quote.prefix } : {}),
          ...(quote.suffix !== undefined ? { suffix: quote.suffix } : {}),
        },
        { type: 'TextPositionSelector', start: position.start, end: position.end },
      ],
    },
  };
}

function replyItem(model: ExportModel, r: ReplyAnnotation) {
  return {
    ...base(model, r),
    motivation: 'replying',
    ...(r.moderation ? { moderation: { ...r.moderation, by: agent(model.options.origin, r.moderation.by) } } : {}),
    ...bodiesOf(r),
    target: annotationIri(model.options.origin, model.document.id, r.target),
  };
}

function linkItems(model: ExportModel, n: ExportNote) {
  const iri = (id: string) => annotationIri(model.options.origin, model.document.id, id);
  return n.links.map((l) => ({
    '@context': context,
    id: `${iri(n.id)}/links/${encodeURIComponent(l.target)}`,
    type: 'Annotation',
    motivation: 'linking',
    creator: agent(model.options.origin, n.author),
    created: n.modified ?? n.created,
    'glossa:linkType': l.type,
    body: iri(l.target),
    target: iri(n.id),
  }));
}

/** The JSON-LD document (an object) of `model`; `collectionId` is the IRI the export was asked for. */
export function jsonLdCollection(model: ExportModel, collectionId: string) {
  const items = [
    ...model.notes.flatMap((n) => [noteItem(model, n), ...n.replies.map((r) => replyItem(model, r.annotation)), ...linkItems(model, n)]),
    ...model.orphanReplies.map((r) => replyItem(model, r.annotation)),
  ];
  const origin = model.options.origin;
  const label = `Notes on ${model.document.title}`;
  return {
    '@context': context,
    id: collectionId,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    'glossa:themes': model.vocabulary.map((t) => ({
      id: `${model.document.iri}/themes/${encodeURIComponent(t.name)}`,
      label: t.label,
      ...(t.color ? { color: t.color } : {}),
      ...(t.description ? { description: t.description } : {}),
      ...(t.parent ? { parent: `${model.document.iri}/themes/${encodeURIComponent(t.parent)}` } : {}),
    })),
    first: {
      id: `${collectionId}${collectionId.includes('?') ? '&' : '?'}page=0`,
      type: 'AnnotationPage',
      // The suite's page assertions read the collection's description from `partOf`, so it is embedded, not an IRI.
      partOf: { id: collectionId, type: 'AnnotationCollection', label, total: items.length },
      startIndex: 0,
      items,
    },
    generator: { id: `${origin}/`, type: 'Software', name: 'Glossa' },
    generated: model.options.exportedAt,
  };
}

/** The JSON-LD text of `model`. */
export function writeJsonLd(model: ExportModel, collectionId: string): string {
  return JSON.stringify(jsonLdCollection(model, collectionId), null, 2);
}
