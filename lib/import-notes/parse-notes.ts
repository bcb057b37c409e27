/**
 * Reads a file of notes from any tool into one neutral shape, so the rest of the import knows nothing of formats.
 * Accepted: a W3C `AnnotationCollection` (its embedded first page, or `items`), a W3C `AnnotationPage`, one W3C
 * `Annotation`, an array of annotations, Hypothesis's JSON export (`{ export_date, annotations: [...] }`) and its
 * API's search answer (`{ rows: [...] }`). Only the `TextQuoteSelector` and `TextPositionSelector` of a target are
 * used; other selectors (Hypothesis's `RangeSelector` of XPaths, a `FragmentSelector`) are ignored, since they point
 * into another tool's HTML, not this text. Each note is parsed on its own, so one bad note is reported by its index
 * rather than failing the file.
 */
import { z } from 'zod';
import { annotationLimits } from '../annotations/limits.ts';
import type { TextPositionSelector, TextQuoteSelector } from '../anchoring/types.ts';
import { noteImportLimits } from '../limits.ts';
import { tagNameOf } from '../tags/tag-name.ts';

/** A note read from a file, whatever tool wrote it. */
export interface IncomingNote {
  /** Its place in the file (0-based), how the answer names it. */
  index: number;
  /** Its id in the file, if any (replies name their note by it). */
  sourceId?: string;
  /** For a reply: the id (in the file) of the note it answers. */
  replyTo?: string;
  quote?: TextQuoteSelector;
  position?: TextPositionSelector;
  comment: string;
  tags: string[];
  /** The original author's display name, if the file gives one. */
  author?: string;
  /** The original creation time (ISO 8601), if valid. */
  created?: string;
  /** A W3C motivation the file gave (`questioning`, `highlighting`, …). */
  motivation?: string;
  /** Glossa's own `noteType` (evidence), when re-importing Glossa's export. */
  noteType?: 'evidence';
}

/** A note of the file that is not imported at all (not a note on a passage), and why. */
export interface SkippedNote {
  index: number;
  reason: string;
}

export interface ParsedNotes {
  notes: IncomingNote[];
  skipped: SkippedNote[];
}

const shortString = z.string().max(annotationLimits.idLength * 8);

const quoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().max(annotationLimits.exactLength, `a quote is at most ${annotationLimits.exactLength} characters`),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const positionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

/** Any selector: only the two Glossa reads are looked into. */
const anySelector = z.object({ type: z.string().max(100) }).loose();
const selectorList = z.union([anySelector, z.array(anySelector).max(20)]);

const specificTarget = z
  .object({
    source: shortString.optional(),
    selector: selectorList.optional(),
  })
  .loose();
const targetSchema = z.union([shortString, specificTarget, z.array(z.union([shortString, specificTarget])).max(10)]);

const creatorSchema = z.union([
  shortString,
  z.object({ id: shortString.optional(), name: shortString.optional(), nickname: shortString.optional() }).loose(),
]);

const textBody = z
  .object({
    type: z.string().max(100).optional(),
    purpose: z.string().max(100).optional(),
    value: z
      .string()
      .max(annotationLimits.commentLength * 2)
      .optional(),
  })
  .loose();
const bodySchema = z.union([shortString, textBody, z.array(z.union([shortString, textBody])).max(annotationLimits.bodiesPerAnnotation)]);

/** One W3C annotation, read leniently: every field the import uses, typed; the rest ignored. */
const w3cAnnotation = z
  .object({
    id: shortString.optional(),
    motivation: z.union([shortString, z.array(shortString).max(10)]).optional(),
    noteType: z.string().max(40).optional(),
    creator: creatorSchema.optional(),
    created: z.string().max(64).optional(),
    body: bodySchema.optional(),
    bodyValue: z
      .string()
      .max(annotationLimits.commentLength * 2)
      .optional(),
    target: targetSchema,
  })
  .loose();

/** One Hypothesis annotation (its API's and its export's shape). */
const hypothesisAnnotation = z
  .object({
    id: shortString.optional(),
    text: z
      .string()
      .max(annotationLimits.commentLength * 2)
      .optional(),
    tags: z.array(z.string().max(200)).max(100).optional(),
    user: shortString.optional(),
    user_info: z.object({ display_name: shortString.nullish() }).loose().nullish(),
    created: z.string().max(64).optional(),
    references: z.array(shortString).max(100).optional(),
    target: z.array(specificTarget).max(10),
  })
  .loose();

const isoDate = z.iso.datetime({ offset: true });

/** Whether an item looks like Hypothesis's own JSON rather than W3C's. */
function isHypothesis(item: unknown): boolean {
  if (!item || typeof item !== 'object') return false;
  const o = item as Record<string, unknown>;
  return 'user' in o || 'text' in o || 'references' in o || ('tags' in o && !('body' in o));
}

/** The annotations of the file, or why the file is not one of the accepted shapes. */
function itemsOf(json: unknown): unknown[] | string {
  if (Array.isArray(json)) return json;
  if (!json || typeof json !== 'object')
    return 'the file is not a W3C annotation collection, an array of annotations or a Hypothesis export';
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.annotations)) return o.annotations;
  if (Array.isArray(o.rows)) return o.rows;
  if (Array.isArray(o.items)) return o.items;
  const first = o.first;
  if (first && typeof first === 'object' && Array.isArray((first as Record<string, unknown>).items))
    return (first as Record<string, unknown>).items as unknown[];
  if (o.type === 'AnnotationCollection')
    return 'the collection does not embed its annotations (first.items): download them with the collection';
  if (o.type === 'Annotation' || 'target' in o) return [json];
  return 'the file is not a W3C annotation collection, an array of annotations or a Hypothesis export';
}

function selectorsOf(list: unknown): { quote?: TextQuoteSelector; position?: TextPositionSelector; error?: string } {
  const selectors = Array.isArray(list) ? list : list ? [list] : [];
  let quote: TextQuoteSelector | undefined;
  let position: TextPositionSelector | undefined;
  for (const s of selectors) {
    const type = (s as { type?: unknown }).type;
    if (type === 'TextQuoteSelector' && !quote) {
      const parsed = quoteSelector.safeParse(s);
      if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'invalid TextQuoteSelector' };
      const { exact, prefix, suffix } = parsed.data;
      // Context longer than Glossa keeps is cut to its nearest part: the end of a prefix, the start of a suffix.
      const max = annotationLimits.contextLength;
      if (exact)
        quote = {
          type: 'TextQuoteSelector',
          exact,
          ...(prefix ? { prefix: prefix.slice(-max) } : {}),
          ...(suffix ? { suffix: suffix.slice(0, max) } : {}),
        };
    } else if (type === 'TextPositionSelector' && !position) {
      const parsed = positionSelector.safeParse(s);
      if (parsed.success && parsed.data.end > parsed.data.start)
        position = { type: 'TextPositionSelector', start: parsed.data.start, end: parsed.data.end };
    }
  }
  return { quote, position };
}

/** The passage selectors of a target (the first specific target with a selector). */
function targetSelectors(target: unknown): {
  quote?: TextQuoteSelector;
  position?: TextPositionSelector;
  replyTo?: string;
  error?: string;
} {
  const targets = Array.isArray(target) ? target : [target];
  for (const t of targets)
    if (t && typeof t === 'object' && (t as { selector?: unknown }).selector) return selectorsOf((t as { selector: unknown }).selector);
  // A target that is only an id (or IRI) and names no passage: a reply or a reaction.
  const bare = targets.find((t): t is string => typeof t === 'string');
  return bare !== undefined ? { replyTo: bare } : {};
}

function cleanTags(tags: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const name = tagNameOf(t);
    if (name) out.add(name);
  }
  return [...out].slice(0, annotationLimits.tagsPerAnnotation);
}

function validDate(value: string | undefined): string | undefined {
  return value !== undefined && isoDate.safeParse(value).success ? value : undefined;
}

/** `acct:alice@hypothes.is` → `alice`. */
function hypothesisUser(user: string | undefined): string | undefined {
  const m = user?.match(/^acct:([^@]+)@/);
  return m ? m[1] : user;
}

function fromHypothesis(index: number, item: z.infer<typeof hypothesisAnnotation>): IncomingNote | SkippedNote {
  if (item.references?.length) return { index, reason: 'a reply (Hypothesis replies are not imported)' };
  const found = targetSelectors(item.target);
  if (found.error) return { index, reason: found.error };
  return {
    index,
    ...(item.id ? { sourceId: item.id } : {}),
    ...(found.quote ? { quote: found.quote } : {}),
    ...(found.position ? { position: found.position } : {}),
    comment: (item.text ?? '').trim(),
    tags: cleanTags(item.tags ?? []),
    ...optional('author', item.user_info?.display_name?.trim() || hypothesisUser(item.user)),
    ...optional('created', validDate(item.created)),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined | null | ''): { [P in K]?: V } {
  return (value === undefined || value === null || value === '' ? {} : { [key]: value }) as { [P in K]?: V };
}

function fromW3c(index: number, item: z.infer<typeof w3cAnnotation>): IncomingNote | SkippedNote {
  const motivation = Array.isArray(item.motivation) ? item.motivation[0] : item.motivation;
  const bodies = item.body === undefined ? [] : Array.isArray(item.body) ? item.body : [item.body];
  const comments: string[] = [];
  const tags: string[] = [];
  if (item.bodyValue) comments.push(item.bodyValue);
  for (const b of bodies) {
    if (typeof b === 'string') continue; // a body by IRI: nothing to import
    if (!b.value) continue;
    if (b.purpose === 'tagging') tags.push(b.value);
    else if (b.purpose === 'assessing' && motivation === 'assessing' && typeof item.target === 'string') continue;
    else comments.push(b.value);
  }
  const found = targetSelectors(item.target);
  if (found.error) return { index, reason: found.error };
  if (found.replyTo !== undefined) {
    if (motivation === 'assessing') return { index, reason: 'a reaction (reactions are not imported)' };
    if (!comments.length) return { index, reason: 'a reply without text' };
  }
  const creator = item.creator;
  const author = typeof creator === 'string' ? undefined : (creator?.name ?? creator?.nickname)?.trim();
  return {
    index,
    ...(item.id ? { sourceId: item.id } : {}),
    ...(found.replyTo !== undefined ? { replyTo: found.replyTo } : {}),
    ...(found.quote ? { quote: found.quote } : {}),
    ...(found.position ? { position: found.position } : {}),
    comment: comments.join('\n\n').trim(),
    tags: cleanTags(tags),
    ...optional('author', author),
    ...optional('created', validDate(item.created)),
    ...optional('motivation', motivation),
    ...(item.noteType === 'evidence' ? { noteType: 'evidence' as const } : {}),
  };
}

/**
 * The notes of a parsed JSON file, or why the file as a whole cannot be read (not one of the accepted shapes, or
 * more than {@link noteImportLimits.notesPerImport} annotations). A note that cannot be read is in `skipped`.
 */
export function parseNotesFile(json: unknown): { ok: true; value: ParsedNotes } | { ok: false; error: string } {
  const items = itemsOf(json);
  if (typeof items === 'string') return { ok: false, error: items };
  if (items.length > noteImportLimits.notesPerImport)
    return { ok: false, error: `a file may hold at most ${noteImportLimits.notesPerImport} annotations (this one holds ${items.length})` };
  const notes: IncomingNote[] = [];
  const skipped: SkippedNote[] = [];
  items.forEach((item, index) => {
    const hypothesis = isHypothesis(item);
    const parsed = (hypothesis ? hypothesisAnnotation : w3cAnnotation).safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({ index, reason: `not an annotation: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` });
      return;
    }
    const note = hypothesis
      ? fromHypothesis(index, parsed.data as z.infer<typeof hypothesisAnnotation>)
      : fromW3c(index, parsed.data as z.infer<typeof w3cAnnotation>);
    if ('reason' in note) skipped.push(note);
    else notes.push(note);
  });
  return { ok: true, value: { notes, skipped } };
}
