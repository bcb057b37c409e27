/**
 * The consistency check behind `npm run db:check`: the annotation and tag rows are a projection of each room's Yjs
 * update log, written in the same transaction, so replaying the log must give exactly the rows. For every document
 * this replays the stored log into a fresh Y.Doc and reports what an honest room could never have stored: a log that
 * cannot be applied, structs or deletes left pending, root types other than the two maps, map entries that are not
 * valid notes or tags, and any difference between the map entries and the rows. It only reads, never throws over
 * what it finds, and returns a report for the caller (a CLI, a test) to print or judge.
 */
import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as Y from 'yjs';
import { annotationBranchOf, annotationSchema, tagSchema, type Annotation } from '../lib/annotations/schema.ts';
import { allowedRootTypes, annotationsMapName, tagsMapName } from '../lib/collab/shared-state.ts';
import { tagNameOf } from '../lib/tags/tag-name.ts';
import type { GlossaDb } from './client.ts';
import { annotationRow } from './queries/room-store.ts';
import * as schema from './schema.ts';
import { annotationBodies, annotations, documents, tags, yjsUpdates } from './schema.ts';

/** What kind of inconsistency a problem is; stable names, so tests and scripts can match on them. */
export type CheckProblemKind =
  /** A stored update throws when applied; the rest of the log and the rows were not compared. */
  | 'log-unreadable'
  /** After replay, structs wait for updates that are not in the log. */
  | 'pending-structs'
  /** After replay, deletes wait for structs that are not in the log. */
  | 'pending-deletes'
  /** The log writes a root type other than `annotations` and `tags`. */
  | 'foreign-root'
  /** A list entry without a key inside one of the two maps. */
  | 'keyless-entry'
  /** A map entry that is not a valid annotation (or tag) under its key. */
  | 'invalid-entry'
  /** A row whose map entry is missing from the replayed log. */
  | 'row-without-entry'
  /** A map entry that has no row. */
  | 'entry-without-row'
  /** A row whose JSON, flattened columns or bodies differ from the map entry. */
  | 'row-differs'
  /** A row that cannot be read back (JSON that does not parse). */
  | 'invalid-row';

/** One inconsistency found in one document. */
export interface CheckProblem {
  documentId: string;
  kind: CheckProblemKind;
  /** `annotations/<id>`, `tags/<name>`, a root type's name or `yjs_updates/<row id>`, when the problem has a place. */
  where?: string;
  detail: string;
}

/** What was checked of one document. */
export interface DocumentCheck {
  documentId: string;
  /** Stored updates in the log. */
  updates: number;
  /** Annotation rows and map entries. */
  annotationRows: number;
  annotationEntries: number;
  /** Tag rows and map entries. */
  tagRows: number;
  tagEntries: number;
  problems: CheckProblem[];
}

/** The result of `checkDatabase`: clean when `problems` is empty. */
export interface CheckReport {
  ok: boolean;
  documents: DocumentCheck[];
  problems: CheckProblem[];
}

/** Checks every document of the database; see the module comment. */
export function checkDatabase(db: GlossaDb): CheckReport {
  const ids = db.select({ id: documents.id }).from(documents).orderBy(asc(documents.id)).all();
  const checks = ids.map(({ id }) => checkDocument(db, id));
  const problems = checks.flatMap((c) => c.problems);
  return { ok: problems.length === 0, documents: checks, problems };
}

/** Checks one document's log against its rows. */
export function checkDocument(db: GlossaDb, documentId: string): DocumentCheck {
  const problems: CheckProblem[] = [];
  const report = (kind: CheckProblemKind, detail: string, where?: string) =>
    problems.push({ documentId, kind, detail, ...(where === undefined ? {} : { where }) });

  const log = db
    .select({ id: yjsUpdates.id, data: yjsUpdates.data })
    .from(yjsUpdates)
    .where(eq(yjsUpdates.documentId, documentId))
    .orderBy(asc(yjsUpdates.id))
    .all();
  const annotationRows = readAnnotationRows(db, documentId);
  const bodyRows = db
    .select({
      annotationId: annotationBodies.annotationId,
      position: annotationBodies.position,
      purpose: annotationBodies.purpose,
      value: annotationBodies.value,
    })
    .from(annotationBodies)
    .where(eq(annotationBodies.documentId, documentId))
    .orderBy(asc(annotationBodies.annotationId), asc(annotationBodies.position))
    .all();
  const tagRows = db.select().from(tags).where(eq(tags.documentId, documentId)).all();

  const check: DocumentCheck = {
    documentId,
    updates: log.length,
    annotationRows: annotationRows.length,
    annotationEntries: 0,
    tagRows: tagRows.length,
    tagEntries: 0,
    problems,
  };

  const doc = new Y.Doc({ gc: true });
  try {
    for (const update of log) {
      try {
        Y.applyUpdate(doc, new Uint8Array(update.data));
      } catch (err) {
        report(
          'log-unreadable',
          `the update does not apply (${errorText(err)}); the rest of the log and the rows were not compared`,
          `yjs_updates/${update.id}`,
        );
        return check;
      }
    }

    const pendingStructs = doc.store.pendingStructs;
    if (pendingStructs) {
      const missing = [...pendingStructs.missing].map(([client, clock]) => `client ${client} from clock ${clock}`).join(', ');
      report('pending-structs', `structs wait for updates that are not in the log (${missing}; ${pendingStructs.update.byteLength} bytes)`);
    }
    if (doc.store.pendingDs)
      report('pending-deletes', `deletes wait for structs that are not in the log (${doc.store.pendingDs.byteLength} bytes)`);

    for (const name of doc.share.keys()) {
      if (!allowedRootTypes.has(name)) report('foreign-root', `the log writes a root type "${name}"`, name);
    }

    const annotationMap = doc.getMap<unknown>(annotationsMapName);
    const tagMap = doc.getMap<unknown>(tagsMapName);
    for (const [mapName, map] of [
      [annotationsMapName, annotationMap],
      [tagsMapName, tagMap],
    ] as const) {
      const keyless = countKeyless(map);
      if (keyless) report('keyless-entry', `${keyless} list entr${keyless === 1 ? 'y' : 'ies'} without a key inside the map`, mapName);
    }

    const entries = new Map<string, { value: unknown; annotation: Annotation | null }>();
    for (const key of annotationMap.keys()) {
      const value = annotationMap.get(key);
      const annotation = parseEntry(documentId, key, value, (detail) => report('invalid-entry', detail, `annotations/${key}`));
      entries.set(key, { value, annotation });
    }
    check.annotationEntries = entries.size;
    compareAnnotations(documentId, entries, annotationRows, bodyRows, report);

    const tagEntries = new Map<string, unknown>();
    for (const key of tagMap.keys()) tagEntries.set(key, tagMap.get(key));
    check.tagEntries = tagEntries.size;
    compareTags(tagEntries, tagRows, report);
  } finally {
    doc.destroy();
  }
  return check;
}

type Report = (kind: CheckProblemKind, detail: string, where?: string) => void;
type AnnotationRowRead = ReturnType<typeof readAnnotationRows>[number];
type BodyRowRead = { annotationId: string; position: number; purpose: string; value: string };

/** A document's annotation rows; json is read as text, so a row that does not parse is a finding, not a crash. */
function readAnnotationRows(db: GlossaDb, documentId: string) {
  return db
    .select({ ...rowColumns(), json: sql<string>`${annotations.json}` })
    .from(annotations)
    .where(eq(annotations.documentId, documentId))
    .all();
}

/** The flattened annotation columns, selected under the keys `annotationRow` builds (json apart, read as text). */
function rowColumns() {
  return {
    id: annotations.id,
    documentId: annotations.documentId,
    motivation: annotations.motivation,
    creatorId: annotations.creatorId,
    creatorName: annotations.creatorName,
    created: annotations.created,
    modified: annotations.modified,
    parentId: annotations.parentId,
    exact: annotations.exact,
    prefix: annotations.prefix,
    suffix: annotations.suffix,
    start: annotations.start,
    end: annotations.end,
  } satisfies Record<Exclude<keyof ReturnType<typeof annotationRow>, 'json'>, unknown>;
}

/** The annotation a map entry holds, or null (reported) when it is not one the gate would have let in. */
function parseEntry(documentId: string, key: string, value: unknown, report: (detail: string) => void): Annotation | null {
  if (value instanceof Y.AbstractType) {
    report(`holds a nested shared type (${value.constructor.name}), not JSON`);
    return null;
  }
  const parsed = annotationSchema.safeParse(value);
  if (!parsed.success) {
    // The union's own error says only "Invalid input"; the branch the entry claims to be says what is wrong.
    const branch = annotationBranchOf(value).safeParse(value);
    const issue = branch.success ? parsed.error.issues[0] : branch.error.issues[0];
    report(
      `not a valid annotation: ${issue ? `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` : 'schema mismatch'}`,
    );
    return null;
  }
  if (parsed.data.id !== key) {
    report(`stored under "${key}" but its id is "${parsed.data.id}"`);
    return null;
  }
  if (typeof parsed.data.target !== 'string' && parsed.data.target.source !== documentId) {
    report(`targets another document ("${parsed.data.target.source}")`);
    return null;
  }
  return parsed.data;
}

function compareAnnotations(
  documentId: string,
  entries: Map<string, { value: unknown; annotation: Annotation | null }>,
  rows: AnnotationRowRead[],
  bodies: BodyRowRead[],
  report: Report,
) {
  const bodiesOf = new Map<string, Array<Omit<BodyRowRead, 'annotationId'>>>();
  for (const { annotationId, ...body } of bodies) {
    let list = bodiesOf.get(annotationId);
    if (!list) bodiesOf.set(annotationId, (list = []));
    list.push(body);
  }
  const rowIds = new Set<string>();
  for (const row of rows) {
    rowIds.add(row.id);
    const where = `annotations/${row.id}`;
    const entry = entries.get(row.id);
    if (!entry) {
      report('row-without-entry', 'a row with no entry in the replayed annotations map', where);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(row.json);
    } catch (err) {
      report('invalid-row', `the row's json does not parse (${errorText(err)})`, where);
      continue;
    }
    if (!isDeepStrictEqual(plain(json), plain(entry.value))) {
      report('row-differs', "the row's json differs from the map entry", where);
      continue;
    }
    if (!entry.annotation) continue; // already reported as an invalid entry; nothing more to derive
    const { json: _expectedJson, ...expected } = annotationRow(documentId, entry.annotation);
    const { json: _rowJson, ...actual } = row;
    const columns = Object.keys(expected).filter(
      (k) => !isDeepStrictEqual(actual[k as keyof typeof actual], expected[k as keyof typeof expected]),
    );
    if (columns.length) report('row-differs', `the row's ${columns.join(', ')} differ from the map entry`, where);
    const expectedBodies = entry.annotation.body.map((b, position) => ({ position, purpose: b.purpose, value: b.value }));
    if (!isDeepStrictEqual(bodiesOf.get(row.id) ?? [], expectedBodies))
      report('row-differs', "the annotation_bodies rows differ from the entry's body", where);
  }
  for (const key of entries.keys()) {
    if (!rowIds.has(key)) report('entry-without-row', 'an entry of the replayed annotations map with no row', `annotations/${key}`);
  }
}

function compareTags(entries: Map<string, unknown>, rows: Array<typeof tags.$inferSelect>, report: Report) {
  const rowNames = new Set<string>();
  for (const row of rows) {
    rowNames.add(row.name);
    const where = `tags/${row.name}`;
    if (!entries.has(row.name)) {
      report('row-without-entry', 'a tag row with no entry in the replayed tags map', where);
      continue;
    }
    const parsed = tagSchema.safeParse(entries.get(row.name));
    if (!parsed.success) continue; // reported below as an invalid entry
    const fromRow = {
      label: row.label,
      color: row.color,
      ...(row.description === null ? {} : { description: row.description }),
      ...(row.parent === null ? {} : { parent: row.parent }),
    };
    if (!isDeepStrictEqual(fromRow, parsed.data)) report('row-differs', 'the tag row differs from the map entry', where);
  }
  for (const [name, value] of entries) {
    const where = `tags/${name}`;
    if (value instanceof Y.AbstractType) report('invalid-entry', `holds a nested shared type (${value.constructor.name}), not JSON`, where);
    else if (!tagSchema.safeParse(value).success) report('invalid-entry', 'not a valid tag', where);
    else if (name !== tagNameOf(name) || !name)
      report('invalid-entry', 'a tag name that is not its own normal form (see tagNameOf)', where);
    if (!rowNames.has(name)) report('entry-without-row', 'an entry of the replayed tags map with no row', where);
  }
}

/** Live (not deleted) items of a map's list part: content that has no key, which no map API can reach. */
function countKeyless(map: Y.Map<unknown>): number {
  let n = 0;
  for (let item = map._start; item; item = item.right) if (!item.deleted) n++;
  return n;
}

/** A JSON value with prototypes normalised, so deep equality compares data only (Yjs and JSON.parse both give plain objects; this guards the rest). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The report as lines a person reads: one per document, then one per problem. */
export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  for (const d of report.documents) {
    const counts = `${d.updates} update${d.updates === 1 ? '' : 's'}, ${d.annotationRows} annotation row${d.annotationRows === 1 ? '' : 's'} / ${d.annotationEntries} entr${d.annotationEntries === 1 ? 'y' : 'ies'}, ${d.tagRows} tag row${d.tagRows === 1 ? '' : 's'} / ${d.tagEntries} entr${d.tagEntries === 1 ? 'y' : 'ies'}`;
    lines.push(`${d.problems.length ? '✗' : '✓'} ${d.documentId}: ${counts}`);
    for (const p of d.problems) lines.push(`    ${p.kind}${p.where ? ` ${p.where}` : ''}: ${p.detail}`);
  }
  const n = report.problems.length;
  lines.push(
    n === 0
      ? `${report.documents.length} document${report.documents.length === 1 ? '' : 's'} checked: the rows match the update logs`
      : `${n} problem${n === 1 ? '' : 's'} in ${report.documents.filter((d) => d.problems.length).length} of ${report.documents.length} documents`,
  );
  return lines.join('\n');
}

/**
 * Opens a database file read-only for checking (never created, never migrated, safe beside a running server).
 * The caller closes it with `db.$client.close()`.
 */
export function openDatabaseForCheck(path: string): GlossaDb {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  return drizzle({ client: sqlite, schema }) as GlossaDb;
}
