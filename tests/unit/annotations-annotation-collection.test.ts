import { describe, expect, it } from 'vitest';
import { annotationCollection, annotationMediaType } from '../../lib/annotations/annotation-collection.ts';
import { aComment, aHighlight, aReply } from '../helpers/unit-annotations.ts';

const id = 'https://glossa.example/api/documents/should-have-known/annotations';
const context = 'http://www.w3.org/ns/anno.jsonld';

describe('annotationCollection', () => {
  it('is an AnnotationCollection with its id, label and total', () => {
    const collection = annotationCollection(id, 'Notes on Should Have Known', [aComment(), aHighlight()]);
    expect(collection).toMatchObject({
      '@context': context,
      id,
      type: 'AnnotationCollection',
      label: 'Notes on Should Have Known',
      total: 2,
    });
  });

  it('embeds one AnnotationPage starting at index 0, whose id is page 0 of the collection', () => {
    const collection = annotationCollection(id, 'Notes', [aComment()]);
    expect(collection.first).toMatchObject({ id: `${id}?page=0`, type: 'AnnotationPage', startIndex: 0 });
  });

  it('lists every annotation in order, each with the annotation @context', () => {
    const { '@context': _omitted, ...bare } = aComment();
    const collection = annotationCollection(id, 'Notes', [bare, aReply()]);
    expect(collection.first.items).toEqual([
      { '@context': context, ...bare },
      { '@context': context, ...aReply() },
    ]);
  });

  it('gives an empty page and a total of 0 for no annotations', () => {
    const collection = annotationCollection(id, 'Notes', []);
    expect(collection.total).toBe(0);
    expect(collection.first.items).toEqual([]);
  });

  it('round-trips through JSON unchanged', () => {
    const collection = annotationCollection(id, 'Notes', [aComment(), aReply()]);
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
  });
});

describe('annotationMediaType', () => {
  it('is JSON-LD with the W3C annotation profile', () => {
    expect(annotationMediaType).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
  });
});
