/**
 * Glossa's notice channel: a y-websocket message type that only Glossa's own clients ask for (with the query
 * parameter `notices=1`) and that says, in words fit to show a reader, why the server refused a change or that it
 * cannot save right now. Stock clients never receive it, so the standard protocol is unchanged for them.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { spotlightSchema } from '../meetings/spotlight.ts';

/** The y-websocket message type of a notice (0–3 are the standard protocol's). */
export const messageNotice = 100;

/** The query parameter with which a client opts in. */
export const noticesParam = 'notices';

export const noticeSchema = z.discriminatedUnion('kind', [
  /** A change of the reader's was taken back for everyone. */
  z.object({ kind: z.literal('refused'), map: z.enum(['annotations', 'tags']), key: z.string().max(256), reason: z.string().max(500) }),
  /** A whole message was refused and the socket is being closed with 1008. */
  z.object({ kind: z.literal('rejected'), reason: z.string().max(500) }),
  /** Saving failed (disk full, database locked): changes stay in the browser and are sent again when it works. */
  z.object({ kind: z.literal('saving-paused'), reason: z.string().max(500), retryInMs: z.number().int().nonnegative() }),
  /** Saving works again; the server asks for what it missed. */
  z.object({ kind: z.literal('saving-resumed') }),
  /** The server runs on a read-only database: nothing can be saved until it is restarted writable. */
  z.object({ kind: z.literal('read-only'), reason: z.string().max(500) }),
  /**
   * Reading blind, the reader's new note opened a passage where `notes` notes of others wait: this copy of the room
   * holds placeholders for them, so the client joins again with a fresh doc to see them.
   */
  z.object({
    kind: z.literal('revealed'),
    notes: z.number().int().nonnegative(),
    /**
     * What opened them: the reader's own note or answer (reading blind; the default), reading further (the spoiler
     * guard), or a facilitator putting questions on the agenda (which show to blind readers).
     */
    cause: z.enum(['note', 'reading', 'agenda']).optional(),
  }),
  /**
   * A facilitator spotlighted a passage for everyone (`gather`: and asked everyone to go there now), or cleared the
   * spotlight (`spotlight: null`). Sent to every reader of the room, and to a reader who joins while it stands.
   */
  z.object({ kind: z.literal('spotlight'), spotlight: spotlightSchema.nullable() }),
  /** The document's agenda changed (items, order, the current question): the client reads it again over HTTP. */
  z.object({ kind: z.literal('agenda') }),
  /** A meeting of the document started, ended or changed its reveal phase: the client reads it again over HTTP. */
  z.object({ kind: z.literal('meeting') }),
  /** Something arrived in this reader's inbox (a mention, a reply to their note): the client reads it again. */
  z.object({ kind: z.literal('inbox') }),
]);
export type Notice = z.infer<typeof noticeSchema>;

/** The bytes of a notice message. */
export function encodeNotice(notice: Notice): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageNotice);
  encoding.writeVarString(encoder, JSON.stringify(notice));
  return encoding.toUint8Array(encoder);
}

/** Reads the notice after the message type; null for anything that is not a valid notice. */
export function decodeNotice(decoder: decoding.Decoder): Notice | null {
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
