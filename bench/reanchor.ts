/**
 * Re-anchoring at scale (issue 10, point 7): 10,000 notes taken on War and Peace, re-anchored after 0 %, 1 % and
 * 5 % of the characters were edited (substitutions, insertions and deletions of one character, spread uniformly
 * with a fixed seed — a corrected edition, roughly). For each level, in the same run:
 * - Glossa's re-anchoring (lib/anchoring/reanchor.ts: position, exact quote, fuzzy) — total ms, how many notes land
 *   on the right place, how many by each method, how many are orphans;
 * - the baseline: exact `indexOf` of each quote from the start of the text.
 * "Right" means both ends within {@link TOLERANCE} code units of where the passage really went, computed by mapping
 * the note's offsets through the edits. Pure CPU, in this process; no server.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describeRange } from '../lib/anchoring/anchor.ts';
import { reanchorSelectors } from '../lib/anchoring/reanchor.ts';
import type { TextPositionSelector, TextQuoteSelector, TextRange } from '../lib/anchoring/types.ts';
import { importPlainText } from '../lib/text/import-text.ts';
import { fileURLToPath } from 'node:url';

/** How far (code units) an anchored end may be from the true one and still count as the right place. */
const TOLERANCE = 3;

export interface ReanchorLevel {
  /** Share of the characters edited, 0–1. */
  edited: number;
  edits: number;
  glossa: { ms: number; right: number; wrong: number; orphans: number; byMethod: Record<string, number> };
  indexOf: { ms: number; right: number; wrong: number; orphans: number };
}

export interface ReanchorBenchResult {
  textLength: number;
  notes: number;
  seed: number;
  levels: ReanchorLevel[];
}

/** A small seeded PRNG (mulberry32): the same edits and notes on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const letters = 'abcdefghijklmnopqrstuvwxyz ,.';

/** `text` with `count` one-character edits at distinct random places, and the map of old offsets to new ones. */
function edit(text: string, count: number, random: () => number): { text: string; map: (offset: number) => number } {
  const places = new Set<number>();
  while (places.size < count) places.add(Math.floor(random() * text.length));
  const sorted = [...places].sort((a, b) => a - b);
  const parts: string[] = [];
  // After the k-th edit point, offsets move by shifts[k].
  const shifts: number[] = [];
  let shift = 0;
  let from = 0;
  for (const at of sorted) {
    parts.push(text.slice(from, at));
    const kind = random();
    const letter = letters[Math.floor(random() * letters.length)];
    if (kind < 1 / 3) {
      parts.push(letter === text[at] ? 'x' : letter); // substitution
      from = at + 1;
    } else if (kind < 2 / 3) {
      parts.push(letter, text[at]); // insertion before `at`
      from = at + 1;
      shift++;
    } else {
      from = at + 1; // deletion
      shift--;
    }
    shifts.push(shift);
  }
  parts.push(text.slice(from));
  const map = (offset: number) => {
    // Edits strictly before `offset` move it (an insertion at `offset` lands before it).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + (lo === 0 ? 0 : shifts[lo - 1]);
  };
  return { text: parts.join(''), map };
}

/** Notes on random passages of 20–200 characters, starting and ending at word boundaries where possible. */
function makeNotes(
  text: string,
  count: number,
  random: () => number,
): Array<{ range: TextRange; selectors: [TextQuoteSelector, TextPositionSelector] }> {
  const notes = [];
  while (notes.length < count) {
    let start = Math.floor(random() * (text.length - 300));
    while (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\n') start--;
    let end = start + 20 + Math.floor(random() * 180);
    while (end < text.length && /\w/.test(text[end])) end++;
    const quote = text.slice(start, end);
    if (!quote.trim()) continue;
    const range = { start, end };
    notes.push({ range, selectors: describeRange(text, range) });
  }
  return notes;
}

function isRight(found: TextRange, truth: TextRange): boolean {
  return Math.abs(found.start - truth.start) <= TOLERANCE && Math.abs(found.end - truth.end) <= TOLERANCE;
}

/** Runs the bench on `textPath` with `notes` notes at each edit level. */
export function runReanchorBench(
  textPath = fileURLToPath(new URL('../../shared/texts/war-and-peace.txt', import.meta.url)),
  notes = 10_000,
  levels = [0, 0.01, 0.05],
  seed = 20261126,
): ReanchorBenchResult {
  const text = importPlainText(readFileSync(textPath, 'utf8'), { fallbackTitle: 'War and Peace' }).text;
  const random = prng(seed);
  const taken = makeNotes(text, notes, random);
  const out: ReanchorLevel[] = [];
  for (const level of levels) {
    const edits = Math.round(level * text.length);
    const changed = edit(text, edits, prng(seed + Math.round(level * 1000)));
    const truths = taken.map((n) => ({ start: changed.map(n.range.start), end: changed.map(n.range.end) }));

    // Baseline first, then Glossa's, each over all notes in one timed loop.
    let t0 = performance.now();
    const baseline = taken.map((n) => changed.text.indexOf(n.selectors[0].exact));
    const indexOfMs = performance.now() - t0;
    t0 = performance.now();
    const results = taken.map((n) => reanchorSelectors(changed.text, n.selectors));
    const glossaMs = performance.now() - t0;

    const glossa = { ms: Math.round(glossaMs), right: 0, wrong: 0, orphans: 0, byMethod: {} as Record<string, number> };
    const base = { ms: Math.round(indexOfMs), right: 0, wrong: 0, orphans: 0 };
    results.forEach((r, i) => {
      if (!r.ok) glossa.orphans++;
      else {
        glossa.byMethod[r.method] = (glossa.byMethod[r.method] ?? 0) + 1;
        if (isRight(r.range, truths[i])) glossa.right++;
        else glossa.wrong++;
      }
      const at = baseline[i];
      if (at === -1) base.orphans++;
      else if (isRight({ start: at, end: at + taken[i].selectors[0].exact.length }, truths[i])) base.right++;
      else base.wrong++;
    });
    out.push({ edited: level, edits, glossa, indexOf: base });
  }
  return { textLength: text.length, notes, seed, levels: out };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(2)} %`;

/** The result as a table. */
export function formatReanchor(result: ReanchorBenchResult): string {
  const lines = [
    `Re-anchoring ${result.notes.toLocaleString('en')} notes on War and Peace (${result.textLength.toLocaleString('en')} characters), seed ${result.seed}; right = both ends within ${TOLERANCE} characters of where the passage went`,
    '| edited | method | total ms | right | wrong | orphans | by method |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const l of result.levels) {
    const g = l.glossa;
    const b = l.indexOf;
    const methods = Object.entries(g.byMethod)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ');
    lines.push(
      `| ${(l.edited * 100).toFixed(0)} % (${l.edits} edits) | Glossa (position → quote → fuzzy) | ${g.ms} | ${pct(g.right, result.notes)} | ${g.wrong} | ${g.orphans} | ${methods} |`,
    );
    lines.push(`| | exact indexOf (baseline) | ${b.ms} | ${pct(b.right, result.notes)} | ${b.wrong} | ${b.orphans} | |`);
  }
  return lines.join('\n');
}
