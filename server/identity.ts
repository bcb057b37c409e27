/**
 * Who a socket speaks for. Today a reader is a browser-made id and a display name passed as query parameters
 * (`?user=…&name=…`, the `params` of a WebsocketProvider); accounts will replace this module, not its callers.
 * A stock client without parameters is an anonymous reader.
 */
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
