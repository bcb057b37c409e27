import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateShape } from '../../lib/collab/update-shape.ts';
import { aComment, aTag } from '../helpers/unit-annotations.ts';
import { itemsOf, stateAfter, updateOf } from '../helpers/unit-yjs.ts';

/** A client doc whose annotations map already holds note-1, as after its first sync. */
function docWithNote(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('annotations').set('note-1', aComment());
  return doc;
}

describe('checkUpdateShape', () => {
  it.each([
    ['a note set in the annotations map', stateAfter((d) => d.getMap('annotations').set('note-1', aComment()))],
    ['a tag set in the tags map', stateAfter((d) => d.getMap('tags').set('loss', aTag()))],
    ['several entries in both maps at once', stateAfter((d) => {
      d.getMap('annotations').set('note-1', aComment());
      d.getMap('annotations').set('note-2', aComment({ id: 'note-2' }));
      d.getMap('tags').set('loss', aTag());
    })],
    ['a scalar JSON value', stateAfter((d) => d.getMap('tags').set('loss', 'a string'))],
    ['a null value', stateAfter((d) => d.getMap('tags').set('loss', null))],
    ['an empty doc', stateAfter(() => {})],
    ['an incremental update adding a note', updateOf(new Y.Doc(), (d) => d.getMap('annotations').set('note-1', aComment()))],
  ])('accepts %s', (_name, update) => {
    expect(checkUpdateShape(update)).toEqual({ ok: true });
  });

  it('accepts an update that overwrites an existing key, whose item continues the entry by origin', () => {
    const update = updateOf(docWithNote(), (d) => d.getMap('annotations').set('note-1', aComment({ modified: '2024-05-02T08:30:00.000Z' })));
    const [item] = itemsOf(update);
    expect(item).toMatchObject({ parent: null, origin: expect.anything() }); // what this case is about
    expect(checkUpdateShape(update)).toEqual({ ok: true });
  });

  it('accepts the whole state of a doc whose entry was overwritten', () => {
    const doc = docWithNote();
    doc.getMap('annotations').set('note-1', aComment({ modified: '2024-05-02T08:30:00.000Z' }));
    expect(checkUpdateShape(Y.encodeStateAsUpdate(doc))).toEqual({ ok: true });
  });

  it('accepts a deletion', () => {
    const update = updateOf(docWithNote(), (d) => d.getMap('annotations').delete('note-1'));
    expect(checkUpdateShape(update)).toEqual({ ok: true });
  });

  it.each([
    ['text in an allowed name', stateAfter((d) => d.getText('annotations').insert(0, 'hello')), /content type ContentString is not allowed/],
    ['text in another name', stateAfter((d) => d.getText('body').insert(0, 'hello')), /content type ContentString is not allowed/],
    ['an array entry in an allowed name', stateAfter((d) => d.getArray('annotations').push([aComment()])), /"annotations" only takes map entries/],
    ['two array entries in one item', stateAfter((d) => d.getArray('annotations').push([1, 2])), /exactly one value/],
    ['a map entry in a root map of another name', stateAfter((d) => d.getMap('other').set('note-1', aComment())), /root type "other" is not allowed/],
    ['a nested Y.Map value', stateAfter((d) => d.getMap('annotations').set('note-1', new Y.Map())), /content type ContentType is not allowed/],
    ['a nested Y.Text value', stateAfter((d) => d.getMap('tags').set('loss', new Y.Text('x'))), /content type ContentType is not allowed/],
    ['binary content', stateAfter((d) => d.getMap('annotations').set('note-1', new Uint8Array([1, 2, 3]))), /content type ContentBinary is not allowed/],
    ['a subdocument', stateAfter((d) => d.getMap('annotations').set('note-1', new Y.Doc())), /content type ContentDoc is not allowed/],
    ['a formatting mark', stateAfter((d) => d.getText('t').insert(0, 'x', { bold: true })), /content type Content\w+ is not allowed/],
  ])('refuses %s', (_name, update, reason) => {
    expect(checkUpdateShape(update)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('refuses an entry written into a map nested in an allowed map', () => {
    const doc = new Y.Doc();
    const nested = new Y.Map<unknown>();
    doc.getMap('annotations').set('note-1', nested);
    const update = updateOf(doc, () => nested.set('exact', 'hello'));
    expect(checkUpdateShape(update)).toEqual({ ok: false, reason: 'nested shared types are not allowed' });
  });

  it('refuses a whole update when only one of its entries is out of shape', () => {
    const update = stateAfter((d) => {
      d.getMap('annotations').set('note-1', aComment());
      d.getMap('other').set('x', 1);
    });
    expect(checkUpdateShape(update)).toMatchObject({ ok: false });
  });

  it('refuses a root name outside the allowed names it is given', () => {
    const update = stateAfter((d) => d.getMap('tags').set('loss', aTag()));
    expect(checkUpdateShape(update, new Set(['annotations']))).toEqual({ ok: false, reason: 'root type "tags" is not allowed' });
  });

  it.each([
    ['no bytes', []],
    ['one zero byte', [0]],
    ['high bytes', [255, 255, 255]],
    ['counting bytes', [1, 2, 3, 4, 5]],
    ['a pseudo-random run', Array.from({ length: 64 }, (_, i) => (i * 37) % 256)],
  ])('refuses garbage: %s', (_name, bytes) => {
    expect(checkUpdateShape(new Uint8Array(bytes))).toEqual({ ok: false, reason: expect.stringMatching(/^undecodable update: /) });
  });
});
