/**
 * The one typed model every export writer is fed: the document (title, author, metadata, structure) and the
 * selected notes in text order, each with its locator, deep link, citation, type, themes, replies and reaction
 * count, already grouped. Built once from the notes as stored (the caller has already removed what the reader may
 * not see and redacted hidden notes), so Markdown, CSV, JSON-LD and DOCX can never disagree about what was chosen.
 * Pure: no database, no DOM.
 */
import { commentOf, tagsOf } from '../annotations/build-annotation.ts';
import { type NoteFilter, matchesFilter } from '../annotations/note-filter.ts';
import type { SearchViewer } from '../annotations/note-search.ts';
import { type NoteType, noteTypeInfo, noteTypeOf } from '../annotations/note-types.ts';
import type { LinkType } from '../annotations/links.ts';
import {
  type Annotation,
  type Creator,
  isPassageAnnotation,
  isReaction,
  type PassageAnnotation,
  type ReplyAnnotation,
} from '../annotations/schema.ts';
import { coOccurrences } from '../tags/theme-map.ts';
import type { Block, Chapter } from '../text/document-model.ts';
import { formatLocator, type Locator, locate, paragraphNumbers } from '../text/locator.ts';
import { type CitationStyle, type CitedWork, inTextCitation, yearOf } from './citation.ts';

export const exportFormats = ['md', 'csv', 'jsonld', 'docx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const noteSelections = ['all', 'mine', 'filter'] as const;
export type NoteSelection = (typeof noteSelections)[number];
export const exportGroupings = ['theme', 'text', 'reader'] as const;
export type ExportGrouping = (typeof exportGroupings)[number];

/** The document as the writers need it. */
export interface ExportDocument {
  id: string;
  title: string;
  author: string | null;
  metadata: Record<string, string>;
  text: string;
  blocks: readonly Block[];
  chapters: readonly Chapter[];
}

/** A theme of the room's vocabulary. */
export interface ExportTheme {
  name: string;
  label: string;
  color?: string;
  description?: string;
  parent?: string;
}

/** What to export and how. */
export interface ExportOptions {
  selection: NoteSelection;
  /** For `filter`: the reader's URL filter (lib/annotations/note-filter.ts). */
  filter: NoteFilter;
  /** Who exports (their notes are "mine"; their view of hidden notes decides what the filter's words find). */
  viewer: SearchViewer;
  grouping: ExportGrouping;
  replies: boolean;
  style: CitationStyle;
  /** The origin links and IRIs are built from (the request's real origin). */
  origin: string;
  /** When the export was made (ISO). */
  exportedAt: string;
}

/** A reply as exported. */
export interface ExportReply {
  id: string;
  parentId: string;
  author: Creator;
  created: string;
  modified: string | null;
  text: string;
  /** "Hidden by a facilitator (Fay)" or "Removed by a facilitator (Fay)" when the reader gets no text. */
  trace: string | null;
  annotation: ReplyAnnotation;
}

/** A note on a passage as exported. */
export interface ExportNote {
  id: string;
  quote: string;
  start: number;
  end: number;
  locator: Locator;
  /** "ch. 3, ¶ 12", "¶ 12" or "". */
  locatorText: string;
  /** The innermost chapter's title, if any. */
  chapterTitle: string | null;
  comment: string;
  type: NoteType | null;
  /** "Question", "Highlight", … */
  typeLabel: string;
  themes: string[];
  author: Creator;
  created: string;
  modified: string | null;
  /** Every reply kept (replies on or off, so the CSV can count them). */
  replyCount: number;
  /** The replies exported (empty when replies are off). */
  replies: ExportReply[];
  reactions: number;
  links: Array<{ type: LinkType; target: string }>;
  trace: string | null;
  threadState: 'open' | 'resolved' | 'answered';
  deepLink: string;
  citation: string;
  annotation: PassageAnnotation;
}

/** A section of the export. */
export interface ExportGroup {
  title: string;
  notes: ExportNote[];
}

/** Everything a writer needs. */
export interface ExportModel {
  document: Omit<ExportDocument, 'text' | 'blocks' | 'chapters'> & { year: string | null; url: string; iri: string };
  options: ExportOptions;
  /** The selected notes in text order. */
  notes: ExportNote[];
  groups: ExportGroup[];
  /** Themes of the selected notes, most used first, with their counts. */
  themes: Array<ExportTheme & { count: number }>;
  coOccurrences: Array<{ a: string; b: string; count: number }>;
  /** Replies whose note was deleted (kept and exported with "all" when replies are on). */
  orphanReplies: ExportReply[];
  /** The room's vocabulary (for JSON-LD). */
  vocabulary: ExportTheme[];
}

/** The IRI of document `id` under `origin`. */
export function documentIri(origin: string, id: string): string {
  return `${origin}/api/documents/${encodeURIComponent(id)}`;
}

/** The IRI of annotation `annotationId` of document `id`. */
export function annotationIri(origin: string, id: string, annotationId: string): string {
  return `${documentIri(origin, id)}/annotations/${encodeURIComponent(annotationId)}`;
}

/** The reader's deep link to a note (`/d/<id>#<annotationId>` scrolls to it and focuses it). */
export function deepLinkOf(origin: string, id: string, annotationId: string): string {
  return `${origin}/d/${encodeURIComponent(id)}#${encodeURIComponent(annotationId)}`;
}

function traceOf(a: Annotation): string | null {
  if (!a.moderation) return null;
  const by = a.moderation.by.name;
  if (a.moderation.action === 'removed') return `Removed by a facilitator (${by})`;
  // Moderators and the author receive a hidden note whole; everyone else gets it without its bodies.
  return a.body.length === 0 ? `Hidden by a facilitator (${by})` : null;
}

function replyOf(r: ReplyAnnotation): ExportReply {
  return {
    id: r.id,
    parentId: r.target,
    author: r.creator,
    created: r.created,
    modified: r.modified ?? null,
    text: commentOf(r),
    trace: traceOf(r),
    annotation: r,
  };
}

const byTextOrder = (a: ExportNote, b: ExportNote) =>
  a.start - b.start || a.end - b.end || a.created.localeCompare(b.created) || a.id.localeCompare(b.id);

/**
 * The export model of `doc` with `annotations` (as the caller may see them: redacted, filtered for a blind room),
 * the room's `vocabulary`, chosen by `options`.
 */
export function buildExportModel(
  doc: ExportDocument,
  annotations: readonly Annotation[],
  vocabulary: readonly ExportTheme[],
  options: ExportOptions,
): ExportModel {
  const work: CitedWork = { title: doc.title, author: doc.author, year: yearOf(doc.metadata) };
  const repliesOf = new Map<string, ReplyAnnotation[]>();
  const reactionsOf = new Map<string, number>();
  const passages: PassageAnnotation[] = [];
  for (const a of annotations) {
    if (isReaction(a)) reactionsOf.set(a.target, (reactionsOf.get(a.target) ?? 0) + 1);
    else if (isPassageAnnotation(a)) passages.push(a);
    else {
      const list = repliesOf.get(a.target);
      if (list) list.push(a as ReplyAnnotation);
      else repliesOf.set(a.target, [a as ReplyAnnotation]);
    }
  }
  const selected = passages.filter((note) => {
    if (options.selection === 'mine') return options.viewer.id !== null && note.creator.id === options.viewer.id;
    if (options.selection === 'filter') return matchesFilter(note, repliesOf.get(note.id) ?? [], options.filter, options.viewer);
    return true;
  });
  const numbers = paragraphNumbers(doc.blocks, doc.chapters);
  const notes = selected
    .map((a): ExportNote => {
      const [quote, position] = a.target.selector;
      const locator = locate(position.start, doc.blocks, doc.chapters, numbers);
      const type = noteTypeOf(a);
      const replies = [...(repliesOf.get(a.id) ?? [])].sort((x, y) => x.created.localeCompare(y.created) || x.id.localeCompare(y.id));
      const chapter = locator.chapter
        ? doc.chapters.find((c) => c.title === locator.chapter?.title && c.start <= position.start && position.start < c.end)
        : undefined;
      return {
        id: a.id,
        quote: quote.exact,
        start: position.start,
        end: position.end,
        locator,
        locatorText: formatLocator(locator),
        chapterTitle: chapter?.title ?? locator.chapter?.title ?? null,
        comment: commentOf(a),
        type,
        typeLabel: type ? noteTypeInfo[type].label : a.motivation === 'tagging' ? 'Tagging' : 'Highlight',
        themes: tagsOf(a),
        author: a.creator,
        created: a.created,
        modified: a.modified ?? null,
        replyCount: replies.length,
        replies: options.replies ? replies.map(replyOf) : [],
        reactions: reactionsOf.get(a.id) ?? 0,
        links: a.links ?? [],
        trace: traceOf(a),
        threadState: a.thread?.state ?? 'open',
        deepLink: deepLinkOf(options.origin, doc.id, a.id),
        citation: inTextCitation(options.style, work, locator),
        annotation: a,
      };
    })
    .sort(byTextOrder);
  const labels = new Map(vocabulary.map((t) => [t.name, t]));
  const counts = new Map<string, number>();
  for (const n of notes) for (const t of new Set(n.themes)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const themes = [...counts]
    .map(([name, count]) => ({ ...(labels.get(name) ?? { name, label: name }), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const noteIds = new Set(passages.map((p) => p.id));
  const orphanReplies =
    options.selection === 'all' && options.replies
      ? [...repliesOf].filter(([parent]) => !noteIds.has(parent)).flatMap(([, list]) => list.map(replyOf))
      : [];
  return {
    document: {
      id: doc.id,
      title: doc.title,
      author: doc.author,
      metadata: doc.metadata,
      year: work.year,
      url: `${options.origin}/d/${encodeURIComponent(doc.id)}`,
      iri: documentIri(options.origin, doc.id),
    },
    options,
    notes,
    groups: groupNotes(notes, options.grouping, themes),
    themes,
    coOccurrences: coOccurrences(notes.map((n) => n.annotation)).map((c) => ({ a: c.a, b: c.b, count: c.notes.length })),
    orphanReplies,
    vocabulary: [...vocabulary],
  };
}

/** The notes (already in text order) in sections: per theme (a note under each of its themes), per chapter, or per reader. */
export function groupNotes(
  notes: readonly ExportNote[],
  grouping: ExportGrouping,
  themes: ReadonlyArray<ExportTheme & { count: number }>,
): ExportGroup[] {
  const groups = new Map<string, ExportGroup>();
  const add = (key: string, title: string, note: ExportNote) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { title, notes: [] }));
    group.notes.push(note);
  };
  if (grouping === 'theme') {
    // Sections in the overview's order (most used first), untagged notes last.
    for (const t of themes) groups.set(t.name, { title: t.label, notes: [] });
    for (const n of notes) {
      if (n.themes.length === 0) add('\u0000none', 'Without a theme', n);
      for (const t of new Set(n.themes)) add(t, t, n);
    }
    const none = groups.get('\u0000none');
    if (none) {
      groups.delete('\u0000none');
      groups.set('\u0000none', none);
    }
  } else if (grouping === 'reader') {
    const sorted = [...notes].sort((a, b) => a.author.name.localeCompare(b.author.name) || a.author.id.localeCompare(b.author.id));
    for (const n of sorted) add(n.author.id, n.author.name, n);
    for (const g of groups.values()) g.notes.sort(byTextOrder);
  } else {
    for (const n of notes) {
      const key = n.locator.chapter ? `${n.locator.chapter.level}:${n.locator.chapter.ordinal}` : '';
      add(key, n.chapterTitle ?? 'In text order', n);
    }
  }
  return [...groups.values()].filter((g) => g.notes.length > 0);
}
