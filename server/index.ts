/**
 * Composes Glossa's one process: Next's pages and HTTP routes, and the live rooms on `/collab/...`, on one port.
 * Next is handed a stand-in emitter as its "http server" so it never attaches its own upgrade handler (which ends
 * sockets whose path matches a page); upgrades are routed here: rooms to the collab server, the rest to Next's
 * dev HMR socket in development and refused in production.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import next from 'next';
import { databaseMode, getDb } from '../db/client.ts';
import { registerLiveRooms } from '../lib/collab/live-rooms.ts';
import { roomLimits } from '../lib/limits.ts';
import { CollabServer } from './collab-server.ts';
import { guardHttpRequest, sendError } from './http-guard.ts';
import { resolvePrincipal } from '../db/principal.ts';
import { userById } from '../db/queries/users.ts';
import { accountAuthenticator } from './identity.ts';
import { log } from './log.ts';
import { rolePolicy } from './permissions.ts';
import { roleOnDocument } from '../db/queries/access.ts';
import { blindModeOf } from '../db/queries/blind-mode.ts';
import { recordReader, spoilerHorizonOf } from '../db/queries/reading-progress.ts';
import { agendaIdsOf } from '../db/queries/agenda.ts';
import { registerMeetingClock } from '../lib/meetings/meeting-clock.ts';
import { MeetingScheduler } from './meeting-scheduler.ts';
import { CloseCode } from './protocol.ts';
import { refuseWriteWhenReadOnly } from './read-only.ts';
import { withInboxNotices } from './inbox-notices.ts';
import { RoomRegistry } from './room-registry.ts';
import { privateRoomPersistence, sqliteRoomPersistence } from './room-persistence.ts';

export interface GlossaServerOptions {
  port: number;
  host?: string;
  dev: boolean;
  /** Project root (where .next and app/ are). */
  dir: string;
  maxMessageBytes?: number;
  /** New notes per minute per connection (`GLOSSA_NOTES_PER_MINUTE`; default `roomLimits.notesPerMinute`). */
  notesPerMinute?: number;
  pingIntervalMs?: number;
}

export interface GlossaServer {
  http: Server;
  url: string;
  rooms: RoomRegistry;
  close(): Promise<void>;
}

/** Starts the server and resolves once it listens. */
export async function startGlossaServer(options: GlossaServerOptions): Promise<GlossaServer> {
  const upgradeEmitter = new EventEmitter();
  const app = next({ dev: options.dev, dir: options.dir, httpServer: upgradeEmitter as unknown as Server });
  await app.prepare();
  const handle = app.getRequestHandler();

  const isAccount = (id: string) => userById(getDb(), id) !== null;
  // Readers mentioned in, or answered by, a stored note hear of it on their sockets (server/inbox-notices.ts).
  const shared = withInboxNotices(sqliteRoomPersistence(getDb()), {
    db: getDb,
    notifyUser: (userId, notice) => rooms.notifyUser(userId, notice),
  });
  const readersRecorded = new Set<string>();
  const rooms = new RoomRegistry(shared, rolePolicy(isAccount), {
    privatePersistence: (userId) => privateRoomPersistence(getDb(), userId),
    maxMessageBytes: options.maxMessageBytes ?? roomLimits.messageBytes,
    notesPerMinute: options.notesPerMinute,
    readOnly: () => (databaseMode().readOnly ? (databaseMode().reason ?? 'the database is read-only') : null),
    // A writer seen in presence may be mentioned there; once per document and user in this process.
    presenceShown: (documentId, userId) => {
      const key = `${documentId}\u0000${userId}`;
      if (databaseMode().readOnly || readersRecorded.has(key)) return;
      recordReader(getDb(), userId, documentId);
      if (readersRecorded.size >= 100_000) readersRecorded.clear();
      readersRecorded.add(key);
    },
  });
  // Route handlers (a delete) reach the rooms through this hook: they run in Next's separate module graph.
  const unregisterRooms = registerLiveRooms({
    closeDocument: (documentId) => rooms.closeDocument(documentId),
    closeSignedIn: (match) => rooms.closeSignedIn(match),
    closeRooms: (documentId, code, reason) => rooms.closeRooms(documentId, code, reason),
    changeRoom: (documentId, planner) => rooms.changeRoom(documentId, planner),
    writeAnnotation: (documentId, write) => rooms.writeAnnotation(documentId, write),
    notify: (documentId, notice, userId) => rooms.notify(documentId, notice, userId),
    notifyUser: (userId, notice) => rooms.notifyUser(userId, notice),
    setSpoilerHorizon: (documentId, userId, horizon) => rooms.setSpoilerHorizon(documentId, userId, horizon),
    setAgenda: (documentId, ids) => rooms.setAgenda(documentId, ids),
  });
  const collab = new CollabServer({
    rooms,
    authenticate: accountAuthenticator(resolvePrincipal),
    async authorize(documentId, identity) {
      const signedIn = identity.kind === 'reader' && identity.verified ? identity.id : null;
      const found = roleOnDocument(getDb(), documentId, signedIn);
      if (!found.found) return { error: 'unknown document', code: CloseCode.unknownDocument };
      if (!found.role)
        return signedIn
          ? { error: "this document is for its group's members", code: CloseCode.noAccess }
          : { error: 'sign in to read this document', code: CloseCode.notSignedIn };
      return { role: found.role };
    },
    blindModeOf: (documentId) => blindModeOf(getDb(), documentId),
    spoilerHorizonOf: (documentId, userId) => spoilerHorizonOf(getDb(), userId, documentId),
    agendaOf: (documentId) => agendaIdsOf(getDb(), documentId),
    maxFrameBytes: Math.max(roomLimits.initialSyncBytes, options.maxMessageBytes ?? 0),
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
  });

  // Meetings' reveal phases: the notes open at their time, after a restart too (server/meeting-scheduler.ts).
  const meetingScheduler = new MeetingScheduler(getDb, {
    reopen: (documentId) => rooms.closeRooms(documentId, CloseCode.roleChanged, "the meeting's notes are open"),
    notify: (documentId) => void rooms.notify(documentId, { kind: 'meeting' }),
  });
  const unregisterMeetingClock = registerMeetingClock(meetingScheduler);
  if (!databaseMode().readOnly) meetingScheduler.start();

  const http = createServer((req, res) => {
    if (guardHttpRequest(req, res)) return;
    if (refuseWriteWhenReadOnly(req, res)) return;
    handle(req, res).catch((err: unknown) => {
      log.error('request failed', { url: req.url, error: String(err) });
      sendError(req, res, 500, 'internal error');
    });
  });
  http.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (collab.handles(request)) collab.handleUpgrade(request, socket, head);
    else if (options.dev) upgradeEmitter.emit('upgrade', request, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    http,
    url,
    rooms,
    async close() {
      unregisterRooms();
      unregisterMeetingClock();
      meetingScheduler.stop();
      await collab.close();
      await rooms.destroyAll();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await app.close?.();
    },
  };
}
