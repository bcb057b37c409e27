/**
 * Hostile imports of notes: a file over the size limit, bytes that are not JSON, nesting 100,000 deep, 10,000 tiny
 * notes, quotes of 100 kB, forged creators and selectors out of range. Each is refused or reduced to what is safe,
 * the server keeps serving, nothing is stored in anyone else's name, and the log and the rows agree at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRange } from '../../../lib/anchoring/anchor.ts';
import type { PassageAnnotation } from '../../../lib/annotations/schema.ts';
import { noteImportLimits } from '../../../lib/limits.ts';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { fetchCollection, fetchText, rangeOf } from '../../helpers/annotations.ts';
import { expectDatabaseConsistent } from '../../helpers/db-check.ts';
import { createDocument } from '../../helpers/hostile.ts';
import { ann, ben } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let base: string;
let text: string;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  text = await fetchText(base);
  documentId = await createDocument(base, 'Hostile imports', text);
});

afterAll(async () => {
  await server?.dispose();
});

function importRaw(body: string | Uint8Array<ArrayBuffer>): Promise<Response> {
  return fetch(`${base}/api/documents/${documentId}/annotations/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenForReader(server.current.wsUrl, ann)}` },
    body,
  });
}

const stillServing = async () => expect((await fetch(`${base}/api/documents/${documentId}/text`)).status).toBe(200);
const storedCount = async () => (await fetchCollection(base, documentId)).first.items.length;

function note(passage: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'Annotation',
    motivation: 'commenting',
    body: { type: 'TextualBody', purpose: 'commenting', value: 'A note' },
    target: { source: 'x', selector: describeRange(text, rangeOf(text, passage)) },
    ...extra,
  };
}

describe('hostile note imports', () => {
  it('refuses a file over the limit with 413 before reading it all', async () => {
    const huge = new Uint8Array(noteImportLimits.fileBytes + 1024).fill(0x20);
    const res = await importRaw(huge);
    expect(res.status).toBe(413);
    await stillServing();
  });

  it('refuses bytes that are not JSON, and JSON of another shape, with 400', async () => {
    for (const body of ['{"annotations": [', '\u0000\u0001garbage', '42', '{"hello": "world"}']) {
      const res = await importRaw(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/JSON|collection/);
    }
    await stillServing();
  });

  it('reads nesting 100,000 deep as one note that is not an annotation', async () => {
    const deep = `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`;
    const res = await importRaw(deep);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { imported: unknown[]; skipped: Array<{ index: number }> };
    expect(answer.imported).toEqual([]);
    expect(answer.skipped.map((s) => s.index)).toEqual([0]);
    await stillServing();
  });

  it('refuses 10,000 tiny notes in one file with 400, storing none', async () => {
    const before = await storedCount();
    const tiny = Array.from({ length: 10_000 }, () => note('He could have been there for her'));
    const res = await importRaw(JSON.stringify(tiny));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(String(noteImportLimits.notesPerImport));
    expect(await storedCount()).toBe(before);
  });

  it('skips quotes of 100 kB with the reason, and still imports the rest', async () => {
    const giant = {
      type: 'Annotation',
      body: { type: 'TextualBody', purpose: 'commenting', value: 'Huge' },
      target: { selector: { type: 'TextQuoteSelector', exact: 'x'.repeat(100_000) } },
    };
    const res = await importRaw(JSON.stringify([giant, giant, note('Pain that he')]));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { imported: unknown[]; skipped: Array<{ index: number; reason: string }>; orphans: unknown[] };
    expect(answer.skipped.map((s) => s.index)).toEqual([0, 1]);
    expect(answer.skipped[0].reason).toMatch(/quote/);
    expect(answer.imported).toHaveLength(1);
    expect(answer.orphans).toEqual([]);
  });

  it('stores every note as the caller, whatever creator the file forges', async () => {
    const forged = [
      note('He could have been there for her', { creator: { id: ben.id, name: ben.name } }),
      note('But he never found the time', { creator: ben.id }),
      note('Willow had been drowning', { creator: { id: 'instance-owner', name: ann.name } }),
    ];
    const res = await importRaw(JSON.stringify(forged));
    const answer = (await res.json()) as { imported: Array<{ id: string }> };
    expect(answer.imported).toHaveLength(3);
    const stored = (await fetchCollection(base, documentId)).first.items as PassageAnnotation[];
    for (const { id } of answer.imported) expect(stored.find((a) => a.id === id)?.creator).toEqual({ id: ann.id, name: ann.name });
  });

  it('never trusts selectors out of range: a quote corrects them, a position alone is an orphan', async () => {
    const [quote] = describeRange(text, rangeOf(text, 'Tara was gone'));
    const items = [
      { type: 'Annotation', target: { selector: [quote, { type: 'TextPositionSelector', start: 1e9, end: 1e9 + 13 }] } },
      { type: 'Annotation', target: { selector: [quote, { type: 'TextPositionSelector', start: -5, end: 8 }] } },
      { type: 'Annotation', target: { selector: [{ type: 'TextPositionSelector', start: text.length - 3, end: text.length + 40 }] } },
      { type: 'Annotation', target: { selector: [{ type: 'TextPositionSelector', start: 9, end: 3 }] } },
    ];
    const res = await importRaw(JSON.stringify(items));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      imported: Array<{ index: number; id: string; method: string }>;
      orphans: Array<{ index: number; reason: string }>;
    };
    expect(answer.imported.map((i) => [i.index, i.method])).toEqual([
      [0, 'quote'],
      [1, 'quote'],
    ]);
    expect(answer.orphans.map((o) => [o.index, o.reason])).toEqual([
      [2, 'position-out-of-range'],
      [3, 'no-selector'],
    ]);
    const stored = (await fetchCollection(base, documentId)).first.items as PassageAnnotation[];
    const placed = stored.find((a) => a.id === answer.imported[0].id);
    expect(placed?.target.selector[1]).toEqual({ type: 'TextPositionSelector', ...rangeOf(text, 'Tara was gone') });
    expectDatabaseConsistent(server.dbPath);
  });
});
