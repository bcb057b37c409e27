/**
 * The JSON-LD export against the W3C Web Annotation test suite's MUST assertions (its JSON schemas, vendored under
 * tests/fixtures/w3c-web-annotation/): the collection, its embedded page, and every annotation in it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { jsonLdCollection } from '../../lib/export/jsonld-writer.ts';
import { fixtureModel, origin } from '../helpers/export-fixture.ts';

const suite = fileURLToPath(new URL('../fixtures/w3c-web-annotation/', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

interface Assertion {
  id: string;
  expectedResult?: 'valid' | 'invalid';
  errorMessage?: string;
}

const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
addFormats(ajv);
for (const file of jsonFiles(suite)) ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object);

/** The assertion ids a suite's `.test` file lists. */
function assertionsOf(testFile: string): Assertion[] {
  const test = JSON.parse(readFileSync(join(suite, testFile), 'utf8')) as { assertions: string[] };
  return test.assertions.map((path) => JSON.parse(readFileSync(join(suite, path), 'utf8')) as Assertion);
}

/** The MUST assertions of `testFile` that `value` fails, with the suite's error message. */
function failures(testFile: string, value: unknown): string[] {
  return assertionsOf(testFile).flatMap((a) => {
    const validate = ajv.getSchema(a.id);
    if (!validate) throw new Error(`assertion ${a.id} did not load`);
    const valid = validate(value) as boolean;
    return valid === ((a.expectedResult ?? 'valid') === 'valid') ? [] : [`${a.id}: ${a.errorMessage ?? ''}`];
  });
}

const collectionIri = `${origin}/api/documents/a-quoted-title/export?format=jsonld`;
const collection = jsonLdCollection(fixtureModel(), collectionIri);

describe('the JSON-LD export against the W3C Web Annotation test suite', () => {
  it('loads the suite’s MUST assertions (a guard against vacuous passes)', () => {
    expect(assertionsOf('annotations/annotationMusts.test').length).toBeGreaterThan(50);
    expect(failures('annotations/annotationMusts.test', { id: 'not a uri', type: 'Annotation' }).length).toBeGreaterThan(0);
  });

  it('passes the collection MUSTs', () => {
    expect(failures('collections/collectionMusts.test', collection)).toEqual([]);
  });

  it('passes the page MUSTs for the embedded page', () => {
    expect(failures('collections/pages/pageMusts.test', { '@context': collection['@context'], ...collection.first })).toEqual([]);
  });

  it('passes the annotation MUSTs for every note, reply and link', () => {
    expect(collection.first.items.length).toBeGreaterThan(8);
    for (const item of collection.first.items) expect(failures('annotations/annotationMusts.test', item), item.id).toEqual([]);
  });
});

describe('the JSON-LD export’s content', () => {
  const byId = new Map(collection.first.items.map((i) => [i.id, i as Record<string, unknown>]));
  const iri = (id: string) => `${origin}/api/documents/a-quoted-title/annotations/${id}`;

  it('names notes by IRI and targets the document’s IRI with both selectors', () => {
    const note = byId.get(iri('n-scripts'))!;
    expect(note.target).toEqual({
      type: 'SpecificResource',
      source: `${origin}/api/documents/a-quoted-title`,
      selector: [
        expect.objectContaining({ type: 'TextQuoteSelector', exact: 'שלום עולם — مرحبا بالعالم 🌙✨' }),
        expect.objectContaining({ type: 'TextPositionSelector' }),
      ],
    });
    expect(note.creator).toEqual({ id: `${origin}/users/reader-omar`, type: 'Person', name: 'عمر "Omar"' });
  });

  it('targets a reply at its note’s IRI, and a link names both notes', () => {
    expect(byId.get(iri('r-1'))!.target).toBe(iri('n-letter'));
    expect(byId.get(`${iri('n-letter')}/links/n-rain`)).toMatchObject({
      motivation: 'linking',
      target: iri('n-letter'),
      body: iri('n-rain'),
    });
  });

  it('leaves reactions out and carries the room’s themes', () => {
    expect([...byId.keys()].some((id) => id.includes('react'))).toBe(false);
    expect(collection['glossa:themes'].map((t) => t.label)).toEqual(['letters', 'absence']);
  });

  it('round-trips awkward text through JSON unchanged', () => {
    const parsed = JSON.parse(JSON.stringify(collection)) as typeof collection;
    expect(parsed).toEqual(collection);
  });
});
