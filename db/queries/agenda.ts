/**
 * A document's agenda (db/schema.ts `agenda_items`; lib/meetings/agenda.ts): its rows in order, and every change to
 * them — add, move, remove, the current question — each in one immediate transaction that reads the rows it decides
 * on and writes in the same step. Changes are serialised by SQLite's write lock, so two facilitators' concurrent
 * moves are applied one after the other, each placed among the rows the other left: no item doubled or lost. (Helpers
 * called with `db` inside a transaction read and write within it: better-sqlite3 has the one connection.)
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { annotationSchema, type Annotation } from '../../lib/annotations/schema.ts';
import { agendaLimits } from '../../lib/limits.ts';
import { type OrderedItem, type Placement, placeItem, placeItems } from '../../lib/meetings/agenda-order.ts';
import type { AgendaRow } from '../../lib/meetings/agenda.ts';
import type { Block, Chapter } from '../../lib/text/document-model.ts';
import type { GlossaDb } from '../client.ts';
import { agendaItems, annotations, documents } from '../schema.ts';
import { documentStructure } from './documents.ts';

/** Why an agenda change was not made (the route answers with the status). */
export type AgendaRefusal = { status: 404 | 409 | 400; reason: string };
export type AgendaChange<T> = { ok: true; value: T } | { ok: false; refusal: AgendaRefusal };

const refuse = <T>(status: AgendaRefusal['status'], reason: string): AgendaChange<T> => ({ ok: false, refusal: { status, reason } });

/** The document's agenda rows in order (by key, then annotation id). */
export function agendaRowsOf(db: GlossaDb, documentId: string): AgendaRow[] {
  return db
    .select({
      annotationId: agendaItems.annotationId,
      position: agendaItems.position,
      current: agendaItems.current,
      addedBy: agendaItems.addedBy,
      addedAt: agendaItems.addedAt,
    })
    .from(agendaItems)
    .where(eq(agendaItems.documentId, documentId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.annotationId))
    .all();
}

/** The ids of the document's agenda questions (exempt from reading blind: lib/annotations/blind.ts). */
export function agendaIdsOf(db: GlossaDb, documentId: string): ReadonlySet<string> {
  const rows = db.select({ id: agendaItems.annotationId }).from(agendaItems).where(eq(agendaItems.documentId, documentId)).all();
  return new Set(rows.map((r) => r.id));
}

const ordered = (rows: readonly AgendaRow[]): OrderedItem[] => rows.map((r) => ({ id: r.annotationId, position: r.position }));

/** Writes new keys of existing rows. */
function writePositions(db: GlossaDb, documentId: string, writes: readonly OrderedItem[], skip: ReadonlySet<string> = new Set()): void {
  for (const w of writes) {
    if (skip.has(w.id)) continue;
    db.update(agendaItems)
      .set({ position: w.position })
      .where(and(eq(agendaItems.documentId, documentId), eq(agendaItems.annotationId, w.id)))
      .run();
  }
}

/**
 * Puts `annotationIds` on the agenda at `placement` (in the order given); ids already on it are skipped, not moved.
 * Refused whole (409) when the agenda would pass its size limit, or (400) when the placement names no item of it.
 * The caller has checked that each id is a question of this document. Returns the ids added.
 */
export function addAgendaItems(
  db: GlossaDb,
  documentId: string,
  annotationIds: readonly string[],
  placement: Placement,
  addedBy: string,
  now = new Date(),
): AgendaChange<string[]> {
  return db.transaction(
    () => {
      const rows = agendaRowsOf(db, documentId);
      const present = new Set(rows.map((r) => r.annotationId));
      const fresh = [...new Set(annotationIds)].filter((id) => !present.has(id));
      if (fresh.length === 0) return { ok: true, value: [] };
      if (rows.length + fresh.length > agendaLimits.items)
        return refuse(409, `an agenda holds at most ${agendaLimits.items} questions (this one has ${rows.length})`);
      const placed = placeItems(ordered(rows), fresh, placement);
      if (!placed.ok) return refuse(400, placed.reason);
      const adding = new Set(fresh);
      for (const w of placed.writes) {
        if (!adding.has(w.id)) continue;
        db.insert(agendaItems)
          .values({ documentId, annotationId: w.id, position: w.position, addedBy, addedAt: now, current: false })
          .run();
      }
      writePositions(db, documentId, placed.writes, adding);
      return { ok: true, value: fresh };
    },
    { behavior: 'immediate' },
  );
}

/** Moves an item right after or before another; 404 when it is not on the agenda, 400 for a bad placement. */
export function moveAgendaItem(db: GlossaDb, documentId: string, annotationId: string, placement: Placement): AgendaChange<true> {
  return db.transaction(
    () => {
      const rows = agendaRowsOf(db, documentId);
      if (!rows.some((r) => r.annotationId === annotationId)) return refuse(404, `${annotationId} is not on the agenda`);
      const placed = placeItem(ordered(rows), annotationId, placement);
      if (!placed.ok) return refuse(400, placed.reason);
      writePositions(db, documentId, placed.writes);
      return { ok: true, value: true as const };
    },
    { behavior: 'immediate' },
  );
}

/** What a removal took off the agenda, and where it was (for an undo that puts it back there). */
export interface RemovedItem {
  annotationId: string;
  /** The item it followed (null: it was first). */
  after: string | null;
  current: boolean;
}

/** Takes an item off the agenda (its note stays in the room); 404 when it is not on it. */
export function removeAgendaItem(db: GlossaDb, documentId: string, annotationId: string): AgendaChange<RemovedItem> {
  return db.transaction(
    () => {
      const rows = agendaRowsOf(db, documentId);
      const at = rows.findIndex((r) => r.annotationId === annotationId);
      if (at === -1) return refuse(404, `${annotationId} is not on the agenda`);
      db.delete(agendaItems)
        .where(and(eq(agendaItems.documentId, documentId), eq(agendaItems.annotationId, annotationId)))
        .run();
      return { ok: true, value: { annotationId, after: rows[at - 1]?.annotationId ?? null, current: rows[at]!.current } };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Makes `annotationId` the current question (null: none); 404 when it is not on the agenda. `changed` says whether
 * the current question is now another than before (a meeting records only changes).
 */
export function setCurrentAgendaItem(db: GlossaDb, documentId: string, annotationId: string | null): AgendaChange<{ changed: boolean }> {
  return db.transaction(
    () => {
      const rows = agendaRowsOf(db, documentId);
      const before = rows.find((r) => r.current)?.annotationId ?? null;
      if (annotationId !== null && !rows.some((r) => r.annotationId === annotationId))
        return refuse(404, `${annotationId} is not on the agenda`);
      if (before === annotationId) return { ok: true, value: { changed: false } };
      db.update(agendaItems).set({ current: false }).where(eq(agendaItems.documentId, documentId)).run();
      if (annotationId !== null)
        db.update(agendaItems)
          .set({ current: true })
          .where(and(eq(agendaItems.documentId, documentId), eq(agendaItems.annotationId, annotationId)))
          .run();
      return { ok: true, value: { changed: true } };
    },
    { behavior: 'immediate' },
  );
}

/** The stored notes of a document with these ids (parsed; unknown ids are left out). */
export function notesByIds(db: GlossaDb, documentId: string, ids: readonly string[]): Map<string, Annotation> {
  const found = new Map<string, Annotation>();
  if (ids.length === 0) return found;
  const rows = db
    .select({ json: annotations.json })
    .from(annotations)
    .where(and(eq(annotations.documentId, documentId), inArray(annotations.id, [...ids])))
    .all();
  for (const row of rows) {
    const parsed = annotationSchema.safeParse(row.json);
    if (parsed.success) found.set(parsed.data.id, parsed.data);
  }
  return found;
}

/** How many replies each of these notes has. */
export function replyCountsOf(db: GlossaDb, documentId: string, ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (ids.length === 0) return counts;
  const rows = db
    .select({ parentId: annotations.parentId })
    .from(annotations)
    .where(and(eq(annotations.documentId, documentId), eq(annotations.motivation, 'replying'), inArray(annotations.parentId, [...ids])))
    .all();
  for (const { parentId } of rows) if (parentId) counts.set(parentId, (counts.get(parentId) ?? 0) + 1);
  return counts;
}

/** A document's blocks and chapters without its text (the agenda's locators; a novel's text is megabytes). */
export function structureOf(db: GlossaDb, documentId: string): { blocks: Block[]; chapters: Chapter[] } | null {
  const row = db
    .select({ paragraphs: documents.paragraphs, blocks: documents.blocks, chapters: documents.chapters })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
  return row ? documentStructure(row) : null;
}
