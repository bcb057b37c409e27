import { describe, expect, it } from 'vitest';
import { describeRange } from '../../lib/anchoring/anchor.ts';
import { FUZZY_MAX_ERRORS, matchQuoteFuzzy, maxErrorsFor } from '../../lib/anchoring/fuzzy-quote.ts';
import { reanchorSelectors } from '../../lib/anchoring/reanchor.ts';
import type { TextPositionSelector, TextQuoteSelector, TextRange, TextSelector } from '../../lib/anchoring/types.ts';
import { rangeOf, storyText } from '../helpers/unit-story.ts';

const position = (start: number, end: number): TextPositionSelector => ({ type: 'TextPositionSelector', start, end });

/** The selectors of `needle`'s `n`th occurrence in `text`. */
function selectorsOf(text: string, needle: string, n = 0): [TextQuoteSelector, TextPositionSelector] {
  let start = text.indexOf(needle);
  for (let i = 0; i < n; i++) start = text.indexOf(needle, start + 1);
  if (start === -1) throw new Error(`no ${needle}`);
  return describeRange(text, { start, end: start + needle.length });
}

/** Where `needle` is in `text` (its `n`th occurrence). */
function where(text: string, needle: string, n = 0): TextRange {
  let start = text.indexOf(needle);
  for (let i = 0; i < n; i++) start = text.indexOf(needle, start + 1);
  if (start === -1) throw new Error(`no ${needle}`);
  return { start, end: start + needle.length };
}

const passage = 'He could have been there for her, could have listened to her talk about her pain';
const sentence = 'But he never found the time to give her a few minutes.';

describe('reanchorSelectors: the three steps', () => {
  it('keeps the position when the quote is still there', () => {
    const result = reanchorSelectors(storyText, selectorsOf(storyText, passage));
    expect(result).toEqual({ ok: true, range: rangeOf(passage), method: 'position', score: 1 });
  });

  it('finds a moved passage by its exact quote', () => {
    const selectors = selectorsOf(storyText, sentence);
    const moved = `${storyText.replace(`${sentence}\n\n`, '')}\n\n${sentence}`;
    const result = reanchorSelectors(moved, selectors);
    expect(result).toMatchObject({ ok: true, method: 'quote', range: where(moved, sentence) });
  });

  it('takes a position without a quote as it stands, and refuses one out of range', () => {
    expect(reanchorSelectors(storyText, [position(10, 20)])).toEqual({
      ok: true,
      range: { start: 10, end: 20 },
      method: 'position',
      score: 1,
    });
    expect(reanchorSelectors(storyText, [position(10, storyText.length + 5)])).toEqual({ ok: false, reason: 'position-out-of-range' });
    expect(reanchorSelectors(storyText, [])).toEqual({ ok: false, reason: 'no-selector' });
  });
});

describe('reanchorSelectors: fuzzy matching', () => {
  // Each row: the passage as quoted, how the new text changed it, what the note should land on.
  const changed: Array<{ name: string; quoted: string; edited: string }> = [
    {
      name: 'a typo fixed',
      quoted: 'seen the hurt and confusion in her eyes',
      edited: 'seen the hurt and confusion in her eyes'.replace('confusion', 'confusoin'),
    },
    {
      name: 'a word inserted',
      quoted: 'He could have been there for her, could have listened to her talk about her pain',
      edited: 'He could have been there for her, could easily have listened to her talk about her pain',
    },
    {
      name: 'a word deleted and a comma added',
      quoted: 'Too captivated by golden locks to pay heed to Willow',
      edited: 'Too captivated by locks, to pay heed to Willow',
    },
  ];
  it.each(changed)('places a quote whose words changed slightly: $name', ({ quoted, edited }) => {
    const selectors = selectorsOf(storyText, quoted);
    const newText = storyText.replace(quoted, edited);
    const result = reanchorSelectors(newText, selectors);
    expect(result).toMatchObject({ ok: true, method: 'fuzzy' });
    if (!result.ok) return;
    const truth = where(newText, edited);
    expect(Math.abs(result.range.start - truth.start)).toBeLessThanOrEqual(1);
    expect(Math.abs(result.range.end - truth.end)).toBeLessThanOrEqual(1);
    expect(result.score).toBeGreaterThan(0.8);
    expect(result.score).toBeLessThan(1);
  });

  it('places a changed quote even without a position (found over the whole text)', () => {
    const [quote] = selectorsOf(storyText, passage);
    const newText = storyText.replace('listened to her', 'listened to Willow');
    const result = reanchorSelectors(newText, [quote]);
    expect(result).toMatchObject({ ok: true, method: 'fuzzy' });
    if (result.ok) expect(result.range.start).toBe(newText.indexOf('He could have been there'));
  });

  it('lets the prefix and suffix decide between two copies of a changed quote', () => {
    const text =
      'First came the hall. The old door creaked open slowly. Then the garden, and the gate. The old door creaked open slowly. Then nothing.';
    const second = where(text, 'The old door creaked open slowly.', 1);
    const selectors = describeRange(text, second);
    const edited = text.replaceAll('creaked open', 'creaked opened');
    // No position: only the context can tell the two copies apart.
    const result = reanchorSelectors(edited, [selectors[0]]);
    expect(result).toMatchObject({ ok: true, method: 'fuzzy' });
    if (result.ok) expect(result.range.start).toBe(where(edited, 'The old door', 1).start);
  });

  it('refuses to choose between two copies that nothing tells apart', () => {
    const text = 'abc. The old door creaked open slowly. xyz. The old door creaked open slowly. xyz.';
    // The same context around both copies, and no position.
    const quote: TextQuoteSelector = {
      type: 'TextQuoteSelector',
      exact: 'The old door creaked opened slowly.',
      prefix: '. ',
      suffix: ' xyz.',
    };
    expect(reanchorSelectors(text, [quote])).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('leaves a vanished quote an orphan', () => {
    const selectors = selectorsOf(storyText, sentence);
    const newText = storyText.replace(sentence, 'He went out to the cemetery and sat down among the stones for a while.');
    const result = reanchorSelectors(newText, selectors);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['not-found', 'low-score']).toContain(result.reason);
  });

  it('does not match a short quote fuzzily', () => {
    const text = 'the cat sat on the mat';
    expect(reanchorSelectors(text, [{ type: 'TextQuoteSelector', exact: 'the dog' }])).toEqual({ ok: false, reason: 'too-short' });
  });

  it('anchors right-to-left text (Hebrew) with a changed letter', () => {
    const text = 'בראשית ברא אלהים את השמים ואת הארץ. והארץ היתה תהו ובהו וחשך על פני תהום.';
    const selectors = selectorsOf(text, 'והארץ היתה תהו ובהו');
    const edited = text.replace('היתה', 'הייתה');
    const result = reanchorSelectors(edited, selectors);
    expect(result).toMatchObject({ ok: true, method: 'fuzzy', range: where(edited, 'והארץ הייתה תהו ובהו') });
  });

  it('anchors Japanese text with an inserted character', () => {
    const text =
      '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。';
    const quote = 'どこで生れたかとんと見当がつかぬ';
    const selectors = selectorsOf(text, quote);
    const edited = text.replace('生れた', '生まれた');
    const result = reanchorSelectors(edited, selectors);
    expect(result).toMatchObject({ ok: true, method: 'fuzzy', range: where(edited, 'どこで生まれたかとんと見当がつかぬ') });
  });

  it('counts UTF-16 offsets with emoji before the passage, and never cuts an emoji in half', () => {
    const text = 'Party 🎉🎉 then 🥳 the night went on and on until the morning 🌅 came.';
    const quote = 'the night went on and on until the morning 🌅';
    const selectors = selectorsOf(text, quote);
    const edited = `🎈${text.replace('went on and on', 'went on and on and on')}`;
    const result = reanchorSelectors(edited, selectors);
    expect(result).toMatchObject({ ok: true, method: 'fuzzy' });
    if (!result.ok) return;
    const truth = where(edited, 'the night went on and on and on until the morning 🌅');
    expect(result.range).toEqual(truth);
    expect(edited.slice(result.range.start, result.range.end).endsWith('🌅')).toBe(true);
  });

  it('places a 2,000-character quote with edits spread through it, quickly', () => {
    const long = storyText.slice(1000, 3000);
    const selectors: TextSelector[] = describeRange(storyText, { start: 1000, end: 3000 });
    let edited = '';
    for (let i = 0; i < long.length; i++) edited += i % 100 === 50 ? 'X' : long[i];
    const newText = `${storyText.slice(0, 1000)}${edited}${storyText.slice(3000)}`;
    const t0 = performance.now();
    const result = reanchorSelectors(newText, selectors);
    const ms = performance.now() - t0;
    expect(result).toMatchObject({ ok: true, method: 'fuzzy', range: { start: 1000, end: 3000 } });
    expect(ms).toBeLessThan(200);
  });

  it('bounds the errors a search allows: a quarter of the quote, at most 64', () => {
    expect(maxErrorsFor(8)).toBe(2);
    expect(maxErrorsFor(100)).toBe(25);
    expect(maxErrorsFor(10_000)).toBe(FUZZY_MAX_ERRORS);
  });

  it('refuses a quote more than a quarter wrong', () => {
    const text = 'Nothing here resembles anything in particular, really.';
    // Every third character changed: a third of the quote is wrong.
    const exact = [...'Nothing here resembles anything'].map((c, i) => (i % 3 === 2 ? '#' : c)).join('');
    expect(matchQuoteFuzzy(text, { type: 'TextQuoteSelector', exact })).toEqual({ ok: false, reason: 'not-found' });
    // Three changed characters in 31 are within bounds.
    expect(matchQuoteFuzzy(text, { type: 'TextQuoteSelector', exact: 'Nothing hear resembled anythink' }).ok).toBe(true);
  });
});
