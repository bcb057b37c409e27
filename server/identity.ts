/**
 * Who a socket speaks for. Today a reader is a browser-made id and a display name passed as query parameters
 * (`?user=…&name=…`, the `params` of a WebsocketProvider); accounts will replace this module, not its callers.
 * A stock client without parameters is an anonymous reader.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { creatorSchema } from '../lib/annotations/schema.ts';

/** A connection's reader: a claimed identity, or anonymous. */
export type ReaderIdentity = { kind: 'reader'; id: string; name: string } | { kind: 'anonymous' };

const paramsSchema = z.object({ user: creatorSchema.shape.id, name: creatorSchema.shape.name });

/** Reads the identity from the upgrade URL's query; an error for parameters that are present but malformed. */
export function identityFromQuery(query: URLSearchParams): ReaderIdentity | { error: string } {
  if (!query.has('user') && !query.has('name')) return { kind: 'anonymous' };
  const parsed = paramsSchema.safeParse({ user: query.get('user'), name: query.get('name') });
  if (!parsed.success) return { error: `bad identity: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  return { kind: 'reader', id: parsed.data.user, name: parsed.data.name };
}

/**
 * The authentication seam of live rooms: who an upgrade request speaks for, or why it may not join (with the close
 * code to use). Asynchronous, so accounts (sessions, tokens in a database) slot in without changing the room.
 */
export type Authenticator = (
  request: IncomingMessage,
  query: URLSearchParams,
) => Promise<ReaderIdentity | { error: string; code?: number }>;

/** Today's authenticator: the identity the query claims (see {@link identityFromQuery}). */
export const claimedIdentity: Authenticator = async (_request, query) => identityFromQuery(query);
