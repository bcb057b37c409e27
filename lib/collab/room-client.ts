/**
 * The browser side of a live room: a Y.Doc joined to `/collab/<documentId>` (or the reader's private layer,
 * `/collab/<documentId>/private`) through a stock y-websocket WebsocketProvider, with the reader announced in
 * awareness. Who the reader is, the server takes from the session cookie the socket carries, not from the client.
 * Framework-free, so any client can reuse it.
 */
import type * as decoding from 'lib0/decoding';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { decodeNotice, messageNotice, noticesParam, type Notice } from './notice.ts';
import { parsePresenceState, type PresenceState } from './presence-state.ts';
import { annotationsMapName, tagsMapName } from './shared-state.ts';
import { isInvisible } from '../presence/invisible.ts';
import { sendOwnPresenceOnly } from '../presence/presence-channel.ts';
import type { BlindMode } from '../annotations/blind.ts';

/** A reader as the room sees them. */
export interface RoomReader {
  id: string;
  name: string;
  color: string;
}

export interface RoomClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  annotations: Y.Map<unknown>;
  tags: Y.Map<unknown>;
  /** Calls `listener` with every notice the server sends (why a change was refused, whether saving works). */
  onNotice(listener: (notice: Notice) => void): () => void;
  destroy(): void;
}

/** The WebSocket base URL of the room endpoint for a page served from `location`. */
export function collabUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/** Which layer of a document: the shared room, or the reader's own private notes. */
export type RoomLayer = 'shared' | 'private';

/** The room name of a document's layer (the path after `/collab/`). */
export function roomNameOf(documentId: string, layer: RoomLayer = 'shared'): string {
  return layer === 'private' ? `${documentId}/private` : documentId;
}

/**
 * Joins a document's room (as `reader`, shown in presence; null: not signed in, reading only). With `blind`, the
 * reader reads blind (`?blind=passage|chapter`): the room sends others' notes as placeholders until the reader has
 * posted where they are (a room set blind by its facilitator does so whatever is asked).
 */
export function connectRoom(
  baseUrl: string,
  documentId: string,
  reader: RoomReader | null,
  layer: RoomLayer = 'shared',
  options: { blind?: BlindMode } = {},
): RoomClient {
  const doc = new Y.Doc();
  const params: Record<string, string> = { [noticesParam]: '1' };
  if (options.blind && options.blind !== 'off' && layer === 'shared') params.blind = options.blind;
  const provider = new WebsocketProvider(baseUrl, roomNameOf(documentId, layer), doc, {
    params,
    // No BroadcastChannel between tabs: everything goes through the room, which checks it and filters it per
    // connection (a tab reading blind must not be handed another tab's copy of notes it may not see yet).
    disableBc: true,
    maxBackoffTime: 5000,
  });
  const listeners = new Set<(notice: Notice) => void>();
  // Glossa's own message type: the provider hands it to this handler instead of logging an unknown message.
  provider.messageHandlers[messageNotice] = (_encoder: unknown, decoder: decoding.Decoder) => {
    const notice = decodeNotice(decoder);
    if (notice) for (const listener of listeners) listener(notice);
  };
  // The room's updates are applied with the provider as their origin, which the provider's own update listener
  // ignores; but Yjs encodes every transaction for 'update' listeners before they look (~170 ms for the first sync
  // of a room of 10,000 notes). So that listener is off while a message from the room is applied.
  const applySync = provider.messageHandlers[messageSync];
  provider.messageHandlers[messageSync] = (...args) => {
    doc.off('update', provider._updateHandler);
    try {
      applySync(...args);
    } finally {
      doc.on('update', provider._updateHandler);
    }
  };
  // The whole state, not a field over the provider's default `{}`: the room drops anything but a presence state.
  const stopOwnPresence = sendOwnPresenceOnly(provider);
  // Nobody else sees a private layer; a reader who is not signed in is not shown, nor one who went invisible.
  provider.awareness.setLocalState(reader && layer === 'shared' && !isInvisible() ? presenceFor(reader) : null);
  return {
    doc,
    provider,
    annotations: doc.getMap(annotationsMapName),
    tags: doc.getMap(tagsMapName),
    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      provider.destroy();
      stopOwnPresence();
      doc.destroy();
    },
  };
}

/**
 * The presence state announcing `reader`, or null when it would not pass the room's schema (then nothing is
 * announced rather than a state every other reader drops). The room replaces `id` and `name` with the connection's.
 */
export function presenceFor(reader: RoomReader): PresenceState | null {
  return parsePresenceState({ user: { id: reader.id, name: reader.name, color: reader.color } });
}
