/**
 * `@name` mentions in a note's comment or a reply: `@` followed by the display name of one of the people who may be
 * mentioned there (a group's members; see app/api/documents/[id]/members). Names hold spaces ("Bea Lindqvist"), so
 * a mention is not a token: at each `@` the longest candidate name that follows is taken, compared without case or
 * accents ("@zoe" names Zoë), with any run of whitespace read as one space, and it must end at a word boundary
 * ("@Beatrice" does not name Bea). An `@` inside a word ("bea@example.org") starts no mention.
 *
 * Pure, and the same in the browser (highlighting, the composer) and on the server (the inbox, live notices).
 */

/** One mention found in a text: UTF-16 offsets `[start, end)` (the `@` included) and the candidate name it names. */
export interface Mention {
  start: number;
  end: number;
  /** The candidate's name as given (not as typed). */
  name: string;
}

/** A text folded for comparison, with the offset in the original text of each folded code unit. */
export interface FoldedText {
  folded: string;
  /** `origin[k]` is where folded unit `k` came from; `origin[folded.length]` is the original's length. */
  origin: number[];
}

const mark = /\p{M}/u;
const format = /\p{Cf}/u;
const space = /\s/u;
const wordChar = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Folds a text for matching names: lower case, accents taken off (NFD, combining marks dropped), format characters
 * (bidi marks, zero-width joiners) dropped, whitespace runs made one space — keeping where each unit came from so
 * a match maps back to the original's offsets.
 */
export function foldText(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const at = i;
    i += ch.length;
    if (format.test(ch)) continue;
    if (space.test(ch)) {
      if (!folded.endsWith(' ')) {
        folded += ' ';
        origin.push(at);
      }
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let k = 0; k < base.length; k++) origin.push(at);
    folded += base;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** A name folded as texts are (see {@link foldText}), trimmed: the key two spellings of one name share. */
export function foldName(name: string): string {
  return foldText(name).folded.trim();
}

/** Whether the code point before `index` of `s` continues a word or an address (so an `@` there starts no mention). */
function wordBefore(s: string, index: number): boolean {
  if (index === 0) return false;
  const low = /[\udc00-\udfff]/.test(s[index - 1]) && index >= 2;
  const prev = String.fromCodePoint(s.codePointAt(low ? index - 2 : index - 1) ?? 0);
  return wordChar.test(prev) || /[.+@]/.test(prev);
}

/** Whether a word goes on at `index` of `s` (so a name ending just before it would end inside a word). */
function wordAt(s: string, index: number): boolean {
  if (index >= s.length) return false;
  return wordChar.test(String.fromCodePoint(s.codePointAt(index) ?? 0));
}

/** Candidate names prepared once for many texts: folded, longest first, blank and duplicate keys left out. */
export class MentionMatcher {
  private readonly candidates: Array<{ key: string; name: string }>;

  constructor(names: Iterable<string>) {
    const byKey = new Map<string, string>();
    for (const name of names) {
      const key = foldName(name);
      // Two members folding to one key cannot be told apart by what is typed: the first one given is named.
      if (key && !byKey.has(key)) byKey.set(key, name);
    }
    this.candidates = [...byKey].map(([key, name]) => ({ key, name })).sort((a, b) => b.key.length - a.key.length);
  }

  /** The mentions in `text`, in order. */
  find(text: string): Mention[] {
    if (this.candidates.length === 0 || !text.includes('@')) return [];
    const { folded, origin } = foldText(text);
    const found: Mention[] = [];
    let from = 0;
    for (;;) {
      const at = folded.indexOf('@', from);
      if (at < 0) break;
      from = at + 1;
      if (wordBefore(folded, at)) continue;
      for (const c of this.candidates) {
        const end = at + 1 + c.key.length;
        if (!folded.startsWith(c.key, at + 1) || wordAt(folded, end)) continue;
        // The original's end: past the last unit of the name, and past the accents that were folded away with it.
        let originalEnd = origin[end];
        const lastStart = origin[end - 1];
        if (originalEnd === undefined || lastStart === undefined) continue;
        while (originalEnd < text.length && mark.test(text[originalEnd])) originalEnd++;
        found.push({ start: origin[at], end: Math.max(originalEnd, lastStart + 1), name: c.name });
        from = end;
        break;
      }
    }
    return found;
  }
}

/** The mentions of `names` in `text` (see {@link MentionMatcher} to match many texts against the same names). */
export function findMentions(text: string, names: Iterable<string>): Mention[] {
  return new MentionMatcher(names).find(text);
}

/** A piece of a text: plain, or a mention of `mention`. For drawing mentions highlighted, as text. */
export type MentionSegment = { text: string; mention?: string };

/** `text` cut into plain pieces and mentions (consecutive, covering the whole text). */
export function mentionSegments(text: string, matcher: MentionMatcher): MentionSegment[] {
  const out: MentionSegment[] = [];
  let at = 0;
  for (const m of matcher.find(text)) {
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: text.slice(m.start, m.end), mention: m.name });
    at = m.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at) });
  return out;
}

/**
 * The words of a name as a full-text index of unicode61 tokens reads them (letters and digits, without case or
 * accents): a search for them in a row finds every note that may mention the name, for {@link MentionMatcher} to judge.
 */
export function nameWords(name: string): string[] {
  return foldName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
