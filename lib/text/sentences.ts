/**
 * Sentence boundaries in one block of a text, for the reader's caret (move and select by sentence). Unicode's
 * sentence rules (`Intl.Segmenter`) already keep "Wait... what" and "3.5" whole and put a closing quote after the
 * full stop with its sentence; on top of them, a break after a title ("Mr.", "Dr.", "St.") or an initial ("J. R. R.
 * Tolkien") is undone, and so is one before a lower-case word (`"No!" and left` goes on). Pure: no DOM.
 */

/** A sentence as offsets into the block's text: from its first character to just after its last (trailing spaces excluded). */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Words that end with a full stop but seldom end a sentence (compared in lower case, without the stop). */
const titles = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'st',
  'prof',
  'rev',
  'fr',
  'sr',
  'jr',
  'capt',
  'col',
  'gen',
  'lt',
  'sgt',
  'mt',
  'messrs',
  'mme',
  'mlle',
  'hon',
  'gov',
  'sen',
  'rep',
  'no',
  'vol',
  'ch',
  'pp',
  'cf',
  'vs',
  'viz',
]);

let segmenter: Intl.Segmenter | null = null;

/** Whether `piece` (a segment, trailing spaces trimmed) ends with a title or an initial rather than a sentence. */
function endsWithAbbreviation(piece: string): boolean {
  const word = /(?:^|[\s("'“‘])([\p{L}]+)\.$/u.exec(piece)?.[1];
  if (!word) return false;
  // A single capital is an initial ("J."), except "I", which ends sentences ("It was I.") more often than it is one.
  if (word.length === 1 && word !== 'I' && word === word.toUpperCase()) return true;
  return titles.has(word.toLowerCase());
}

/** The sentences of `text` (one block: a paragraph or a heading), in order; none when it is blank. */
export function sentenceSpans(text: string): SentenceSpan[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const spans: SentenceSpan[] = [];
  let joinNext = false;
  for (const { segment, index } of segmenter.segment(text)) {
    const trimmed = segment.replace(/\s+$/u, '');
    if (!trimmed) continue;
    const lead = segment.length - segment.trimStart().length;
    const span = { start: index + lead, end: index + trimmed.length };
    const last = spans.at(-1);
    // A piece that starts in lower case continues the sentence before it ("No!" and left).
    if (last && (joinNext || /^[\p{Ll}]/u.test(segment.trimStart()))) last.end = span.end;
    else spans.push(span);
    joinNext = endsWithAbbreviation(trimmed);
  }
  return spans;
}
