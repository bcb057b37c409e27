import { describe, expect, it } from 'vitest';
import { awarenessLimits } from '../../lib/limits.ts';
import { newPacer, pace, pacerBurst, pacerMinGapMs, pacerRate, type PacerState } from '../../lib/presence/send-pacer.ts';

/** Sends as often as the pacer allows for `ms`, asking every `step` ms; returns the send times. */
function run(ms: number, step: number): number[] {
  let state: PacerState = newPacer(0);
  let last = Number.NEGATIVE_INFINITY;
  const sent: number[] = [];
  for (let t = 0; t <= ms; t += step) {
    const r = pace(state, t, last);
    if (r.sendIn === 0) {
      state = r.state;
      last = t;
      sent.push(t);
    }
  }
  return sent;
}

describe('pace', () => {
  it('sends the first change at once', () => {
    expect(pace(newPacer(0), 0, Number.NEGATIVE_INFINITY).sendIn).toBe(0);
  });

  it('merges changes closer than a frame', () => {
    const first = pace(newPacer(0), 0, Number.NEGATIVE_INFINITY);
    expect(pace(first.state, 10, 0).sendIn).toBe(pacerMinGapMs - 10);
  });

  it('stays under the server’s rate and burst over any window of a long scroll', () => {
    const sent = run(20_000, 1);
    // The server's bucket: burst, refilled at its rate; it must never run dry.
    let tokens: number = awarenessLimits.updateBurst;
    let at = 0;
    for (const t of sent) {
      tokens = Math.min(awarenessLimits.updateBurst, tokens + ((t - at) / 1000) * awarenessLimits.updatesPerSecond);
      at = t;
      expect(tokens).toBeGreaterThanOrEqual(1);
      tokens -= 1;
    }
    expect(sent.length / 20).toBeGreaterThan(pacerRate - 1);
  });

  it('spends its burst at frame pace, then waits for tokens', () => {
    const sent = run(2_000, 1);
    expect(sent.slice(0, 3)).toEqual([0, pacerMinGapMs, 2 * pacerMinGapMs]);
    // The burst (refilled a little as it goes) is spent within the first second; then one send per token.
    const later = sent.filter((t) => t > 1_200);
    expect(sent.filter((t) => t < 1_000).length).toBeGreaterThanOrEqual(pacerBurst);
    for (let i = 1; i < later.length; i++) expect(later[i]! - later[i - 1]!).toBeGreaterThanOrEqual(Math.floor(1000 / pacerRate) - 1);
  });

  it('says how long to wait when out of tokens', () => {
    const empty = { tokens: 0, at: 1000 };
    expect(pace(empty, 1000, 900).sendIn).toBe(Math.ceil(1000 / pacerRate));
  });
});
