/**
 * A small text with chapters and a fixed set of notes with awkward content — quotes with `"`, commas, newlines,
 * right-to-left and non-Latin scripts, emoji, a note that tries to inject Markdown and HTML, a hidden note as a
 * non-moderator receives it, replies, a reaction and a link — for the export writers' unit tests.
 */
import { describeRange } from '../../lib/anchoring/anchor.ts';
import type { Annotation, Body, Creator, PassageAnnotation, ReplyAnnotation } from '../../lib/annotations/schema.ts';
import { noFilter } from '../../lib/annotations/note-filter.ts';
import { buildExportModel, type ExportDocument, type ExportModel, type ExportOptions } from '../../lib/export/export-model.ts';
import { importPlainText } from '../../lib/text/import-text.ts';

const raw = [
  'title: A "Quoted", Title',
  'author: Lucinda Ortega',
  'year: 1999',
  '',
  'CHAPTER I',
  '',
  'She said, "Leave the letter on the table," and went out.',
  '',
  'Sie sagte: «Nein» — 東京の夜 — שלום עולם — مرحبا بالعالم 🌙✨.',
  '',
  'CHAPTER II',
  '',
  'The second chapter begins with the rain.',
  '',
  'Then the #hashtag, the *stars* and <b>brackets</b> of a line.',
].join('\n');

export const exportText = importPlainText(raw, { fallbackTitle: 'Fallback' });

export const exportDocument: ExportDocument = {
  id: 'a-quoted-title',
  title: exportText.title,
  author: exportText.author,
  metadata: exportText.metadata,
  text: exportText.text,
  blocks: exportText.blocks,
  chapters: exportText.chapters,
};

export const lucinda: Creator = { id: 'reader-lucinda', name: 'Lucinda' };
export const omar: Creator = { id: 'reader-omar', name: 'عمر "Omar"' };
export const fay: Creator = { id: 'reader-fay', name: 'Fay' };

const ctx = 'http://www.w3.org/ns/anno.jsonld' as const;
const comment = (value: string): Body => ({ type: 'TextualBody', purpose: 'commenting', value, format: 'text/plain' });
const tag = (value: string): Body => ({ type: 'TextualBody', purpose: 'tagging', value });

function target(passage: string): PassageAnnotation['target'] {
  const start = exportText.text.indexOf(passage);
  if (start < 0) throw new Error(`no ${passage} in the export fixture`);
  return { source: exportDocument.id, selector: describeRange(exportText.text, { start, end: start + passage.length }) };
}

function note(id: string, passage: string, fields: Partial<PassageAnnotation>): PassageAnnotation {
  return {
    '@context': ctx,
    id,
    type: 'Annotation',
    motivation: 'commenting',
    creator: lucinda,
    created: '2026-11-01T10:00:00.000Z',
    body: [],
    target: target(passage),
    ...fields,
  } as PassageAnnotation;
}

function reply(id: string, parent: string, creator: Creator, value: string, at: string): ReplyAnnotation {
  return {
    '@context': ctx,
    id,
    type: 'Annotation',
    motivation: 'replying',
    creator,
    created: at,
    body: [{ type: 'TextualBody', purpose: 'replying', value, format: 'text/plain' }],
    target: parent,
  };
}

/** The notes, as a non-moderator reader (Lucinda) receives them over HTTP (the hidden note redacted). */
export const exportNotes: Annotation[] = [
  note('n-letter', '"Leave the letter on the table,"', {
    body: [comment('She says "leave it", then, she leaves.\nA second line, with a comma.'), tag('letters'), tag('absence')],
    links: [{ target: 'n-rain', type: 'echoes' }],
  }),
  note('n-scripts', 'שלום עולם — مرحبا بالعالم 🌙✨', {
    creator: omar,
    motivation: 'questioning',
    created: '2026-11-01T11:00:00.000Z',
    modified: '2026-11-02T09:30:00.000Z',
    body: [comment('لماذا؟ Why the switch to 東京? 🤔'), tag('absence')],
  }),
  note('n-inject', 'the #hashtag, the *stars* and <b>brackets</b>', {
    motivation: 'assessing',
    body: [comment('# Not a heading\n<script>alert(1)</script>\n---\ntitle: injected\n[link](javascript:alert(1))'), tag('letters')],
  }),
  note('n-rain', 'The second chapter begins with the rain.', { noteType: 'evidence', body: [comment('Rain, again.')] }),
  note('n-hidden', 'Then the', {
    creator: omar,
    body: [],
    moderation: { action: 'hidden', by: fay, at: '2026-11-03T08:00:00.000Z' },
  }),
  note('n-highlight', 'went out', { motivation: 'highlighting', body: [] }),
  reply('r-1', 'n-letter', omar, 'Agreed — "mostly",\r\nbut 🙂 not quite.', '2026-11-01T12:00:00.000Z'),
  reply('r-2', 'n-letter', fay, 'A later reply.', '2026-11-01T13:00:00.000Z'),
  reply('r-orphan', 'n-deleted', fay, 'Reply to a note that was deleted.', '2026-11-01T14:00:00.000Z'),
  {
    '@context': ctx,
    id: 'react:n-letter:reader-omar',
    type: 'Annotation',
    motivation: 'assessing',
    creator: omar,
    created: '2026-11-01T12:30:00.000Z',
    body: [{ type: 'TextualBody', purpose: 'assessing', value: 'insight' }],
    target: 'n-letter',
  },
];

export const exportVocabulary = [
  { name: 'letters', label: 'letters', color: '#aa3355' },
  { name: 'absence', label: 'absence', color: '#3355aa', description: 'What is not there' },
];

export const origin = 'http://127.0.0.1:4000';

/** Options for the fixture, all notes by theme with replies and MLA unless overridden. */
export function exportOptions(overrides: Partial<ExportOptions> = {}): ExportOptions {
  return {
    selection: 'all',
    filter: noFilter,
    viewer: { id: lucinda.id, moderator: false },
    grouping: 'theme',
    replies: true,
    style: 'mla',
    origin,
    exportedAt: '2026-11-26T12:00:00.000Z',
    ...overrides,
  };
}

/** The export model of the fixture. */
export function fixtureModel(overrides: Partial<ExportOptions> = {}): ExportModel {
  return buildExportModel(exportDocument, exportNotes, exportVocabulary, exportOptions(overrides));
}
