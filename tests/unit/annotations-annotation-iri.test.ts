import { describe, expect, it } from 'vitest';
import {
  annotationIdOf,
  annotationIri,
  containerIri,
  documentIri,
  fromProtocol,
  toProtocol,
} from '../../lib/annotations/annotation-iri.ts';
import { aComment, aReply } from '../helpers/unit-annotations.ts';

const base = { origin: 'https://glossa.example', documentId: 'should-have-known' };
const container = 'https://glossa.example/api/documents/should-have-known/annotations';

describe('the IRIs of a document', () => {
  it('builds the document, container and annotation IRIs from the origin', () => {
    expect(documentIri(base)).toBe('https://glossa.example/api/documents/should-have-known');
    expect(containerIri(base)).toBe(container);
    expect(annotationIri(base, 'note-1')).toBe(`${container}/note-1`);
  });
});

describe('annotationIdOf', () => {
  it.each([
    [`${container}/note-1`, 'note-1'],
    ['note-1', 'note-1'],
    [`${container}/react:note-1:reader-ann`, 'react:note-1:reader-ann'],
    [`${container}/../secret`, null],
    [`${container}/a/b`, null],
    [`${container}/%2e%2e`, null],
    [`${container}/..`, null],
    ['..', null],
    [`${container}/`, null],
    ['https://elsewhere.example/api/documents/should-have-known/annotations/note-1', null],
    ['https://glossa.example/api/documents/another-text/annotations/note-1', null],
    [`${container}/${'x'.repeat(129)}`, null],
    ['http://glossa.example/api/documents/should-have-known/annotations/note-1', null],
  ])('reads %s as %s', (value, expected) => {
    expect(annotationIdOf(base, value)).toBe(expected);
  });
});

describe('toProtocol and fromProtocol', () => {
  it('makes a note’s id and target.source IRIs, with the annotation context first', () => {
    const note = aComment();
    const served = toProtocol(base, note);
    expect(Object.keys(served)[0]).toBe('@context');
    expect(served).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `${container}/${note.id}`,
      target: { source: 'https://glossa.example/api/documents/should-have-known', selector: note.target.selector },
    });
  });

  it('makes a reply’s target its note’s IRI', () => {
    const reply = aReply();
    expect(toProtocol(base, reply).target).toBe(`${container}/${reply.target}`);
  });

  it.each([
    ['a note', aComment()],
    ['a reply', aReply()],
  ])('round-trips %s to the room form', (_what, annotation) => {
    const { '@context': _context, ...bare } = annotation as Record<string, unknown>;
    expect(fromProtocol(base, toProtocol(base, annotation))).toEqual({ ok: true, value: bare });
  });

  it('accepts bare ids and the bare document id as they are', () => {
    const { '@context': _context, ...bare } = aComment() as Record<string, unknown>;
    expect(fromProtocol(base, bare)).toEqual({ ok: true, value: bare });
  });

  it('leaves a body without id alone (the server names a new annotation)', () => {
    const { id: _id, ...noId } = aComment() as Record<string, unknown>;
    const mapped = fromProtocol(base, noId);
    expect(mapped.ok && 'id' in mapped.value).toBe(false);
  });

  it.each([
    ['an id of another container', { id: 'https://glossa.example/api/documents/other/annotations/n' }, /id .* is not an annotation/],
    ['an id with ../', { id: `${container}/../../x` }, /not an annotation of this container/],
    ['a reply to another origin’s note', { target: 'https://evil.example/api/documents/should-have-known/annotations/n' }, /target/],
    ['a note on another document', { target: { source: 'https://glossa.example/api/documents/other' } }, /target.source/],
    ['a note on a bare other document', { target: { source: 'other' } }, /target.source/],
  ])('refuses %s', (_what, value, reason) => {
    const mapped = fromProtocol(base, { type: 'Annotation', ...value });
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) expect(mapped.reason).toMatch(reason);
  });
});
