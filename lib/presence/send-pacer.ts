/**
 * Paces presence sends under the room's rate limit (lib/limits.ts `awarenessLimits`: 10 changes a second on
 * average, bursts of 30; the server drops the excess silently, so a follower would see a stale position). A token
 * bucket like the server's, a little under its rate and burst: a change goes out at once while tokens last (a leader's
 * first scrolls reach followers without delay), and in a long scroll the latest state goes out as tokens come back.
 * Pure: the caller passes the clock and keeps the returned state.
 */
import { awarenessLimits } from '../limits.ts';

export interface PacerState {
  tokens: number;
  at: number;
}

/** The client's budget: under the server's, for the heartbeat and clock differences. */
export const pacerRate = awarenessLimits.updatesPerSecond - 1;
export const pacerBurst = awarenessLimits.updateBurst - 10;
/** Sends closer than this are merged even with tokens left: one per frame is all a follower can show. */
export const pacerMinGapMs = 32;

export function newPacer(now: number): PacerState {
  return { tokens: pacerBurst, at: now };
}

/**
 * Whether a send may go now: `{ sendIn: 0, state }` spends a token; otherwise `sendIn` is the milliseconds to wait
 * before asking again (the state is unchanged). `lastSentAt` is the time of the last send (or -Infinity).
 */
export function pace(state: PacerState, now: number, lastSentAt: number): { sendIn: number; state: PacerState } {
  const tokens = Math.min(pacerBurst, state.tokens + (Math.max(0, now - state.at) / 1000) * pacerRate);
  const gap = lastSentAt + pacerMinGapMs - now;
  if (tokens >= 1 && gap <= 0) return { sendIn: 0, state: { tokens: tokens - 1, at: now } };
  const forToken = tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / pacerRate) * 1000);
  return { sendIn: Math.max(forToken, gap, 1), state };
}
