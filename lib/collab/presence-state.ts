/**
 * The one shape of a reader's presence (a y-websocket awareness state) in a Glossa room. The server admits only
 * states that parse with this schema (and then writes the identity fields itself); the browser sends only states
 * built here and renders only states that parse, so a colour that is not `#rrggbb` (`url(http://…)`) can never
 * reach a `style` attribute, and a state of megabytes is never fanned out.
 */
import { z } from 'zod';
import { creatorSchema } from '../annotations/schema.ts';
import { awarenessLimits } from '../limits.ts';

/** A CSS colour that can only be a colour: `#rrggbb`. */
export const presenceColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'colour must be #rrggbb');

/** Who the presence is: identity fields as on a note's `creator` (the server overwrites them), and a colour. */
export const presenceUserSchema = z.strictObject({
  id: creatorSchema.shape.id,
  name: creatorSchema.shape.name,
  color: presenceColorSchema,
});

/** A position in the text (ProseMirror positions are non-negative integers). */
const position = z.int().nonnegative();

/**
 * The reader's selection in the text, as text offsets (UTF-16 offsets into the canonical text, as a note's
 * `TextPositionSelector` counts them), so any client can read it whatever it draws.
 */
export const presenceCursorSchema = z.strictObject({ anchor: position, head: position });

/** The span of the text on the reader's screen, as ProseMirror positions. */
export const presenceViewportSchema = z.strictObject({ from: position, to: position });

/**
 * One awareness state: `{ user, cursor?, viewport?, reading?, idle? }` and nothing else. `reading` is the text offset
 * at the reader's reading line (a third of the way down their window): the paragraph their avatar is drawn at, and
 * where a follower's view goes. `idle` says they have not touched or scrolled the page for a while (or its tab is
 * hidden): others draw them faded.
 */
export const presenceStateSchema = z.strictObject({
  user: presenceUserSchema,
  cursor: presenceCursorSchema.nullable().optional(),
  viewport: presenceViewportSchema.nullable().optional(),
  reading: position.nullable().optional(),
  idle: z.boolean().optional(),
});

export type PresenceUser = z.infer<typeof presenceUserSchema>;
export type PresenceState = z.infer<typeof presenceStateSchema>;

const utf8 = new TextEncoder();

/** The size of a state as the y-websocket protocol carries it: its JSON, in UTF-8 bytes. */
export function presenceStateBytes(state: unknown): number {
  return utf8.encode(JSON.stringify(state) ?? '').length;
}

/** `value` as a presence state, or null when it does not parse or its JSON is over the size cap. */
export function parsePresenceState(value: unknown): PresenceState | null {
  const parsed = presenceStateSchema.safeParse(value);
  if (!parsed.success) return null;
  return presenceStateBytes(parsed.data) <= awarenessLimits.stateBytes ? parsed.data : null;
}
