/**
 * One live document room speaking the y-websocket protocol (sync + awareness). Unlike the stock server, a client's
 * update is admitted on structure before it is applied, judged on meaning after, corrected for everybody when
 * refused, and stored durably before anyone else receives it — one message at a time, in a per-room serial order,
 * so the asynchronous seams (persistence, policy) always answer about the state they were asked about.
 *
 * The room never runs broken: if applying an admitted update throws or leaves anything pending, the room's doc is
 * thrown away and rebuilt from what is stored, and its readers resync. If storing fails (disk full, database
 * read-only), the change is rolled back the same way, its writer is told that saving is paused, nobody is
 * disconnected, and after a back-off the room asks every reader for what it is missing — their notes were kept in
 * their browsers all along.
 */
import { createHmac, randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { annotationSchema, tagSchema, type Annotation, type Tag } from '../lib/annotations/schema.ts';
import { encodeNotice, type Notice } from '../lib/collab/notice.ts';
import type { CallerWrite, CallerWriteOutcome, Planner, ServerPlan } from '../lib/collab/server-plan.ts';
import { allowedRootTypes, annotationsMapName, tagsMapName } from '../lib/collab/shared-state.ts';
import { themeNamesOf } from '../lib/tags/tag-name.ts';
import { deletesLiveContent } from '../lib/collab/deletes-live.ts';
import { BlindView, spansFor, withheldPlaceholder, type BlindMode } from '../lib/annotations/blind.ts';
import { valuesOf, withholdItems } from '../lib/collab/withhold-update.ts';
import { admissionRoomOf, admitUpdate } from '../lib/collab/update-admission.ts';
import { can, type Role } from '../lib/access/roles.ts';
import { awarenessLimits, roomLimits } from '../lib/limits.ts';
import { AwarenessDecodeError, AwarenessGate } from './awareness-gate.ts';
import type { ReaderIdentity } from './identity.ts';
import { log } from './log.ts';
import type { PermissionPolicy } from './permissions.ts';
import { CloseCode, messageAwareness, messageQueryAwareness, messageSync, syncStep1, syncStep2, syncUpdate } from './protocol.ts';
import { judgeChanges, type GateQuotas, type KeyChange } from './room-gate.ts';
import {
  clientOwnersOf,
  docFromUpdates,
  type ClientOwner,
  type RoomPersistence,
  type StoredRoom,
  type TextStructure,
} from './room-persistence.ts';
import { NoteRate } from './note-rate.ts';

/** The server's own origin for Yjs transactions (corrections), never a connection. */
const serverOrigin = Symbol('glossa-server');

/** Owner keys of Yjs client ids, as stored. */
const serverOwner = 'server';
const anonymousOwner = 'anonymous';

/** A socket in a room and what the room knows of it. */
export interface Connection {
  socket: WebSocket;
  identity: ReaderIdentity;
  /** The connection's role on the document, fixed at join (a role change closes the socket; it joins again). */
  role: Role;
  /** Who owns the client ids this connection writes under: `reader:<id>`, or `anonymous`. */
  ownerKey: string;
  /** Whether this client asked for Glossa's notice channel. */
  notices: boolean;
  createdHere: Set<string>;
  /** Yjs client ids this connection has written under. */
  clients: Set<number>;
  /** True after the room sent sync step 1 and until the client's step 2 answer: that answer gets the larger cap. */
  awaitingStep2: boolean;
  /** When this connection's recent new notes were added (ms), for the per-minute quota. */
  noteTimes: number[];
  /** When the room recently refused this connection's changes (ms), for the refusal budget. */
  refusalTimes: number[];
  /**
   * For a reader reading blind, what they may see: the room sends them everyone else's notes as placeholders until
   * they have posted where those notes are (lib/annotations/blind.ts); null for everyone else.
   */
  blind: BlindView | null;
  /** Whether this connection has shown its reader in presence (told to `RoomOptions.presenceShown` once). */
  shownPresence: boolean;
}

/** How the room knows it may not save at all (a read-only database); null when it may. */
export type ReadOnlyProbe = () => string | null;

export interface RoomOptions {
  documentId: string;
  /** The registry's key (the document id, or the document's private layer of one user); default the document id. */
  key?: string;
  stored: StoredRoom;
  persistence: RoomPersistence;
  policy: PermissionPolicy;
  /** Largest message after the initial sync (bytes). */
  maxMessageBytes?: number;
  readOnly?: ReadOnlyProbe;
  /** New notes one writer may add per minute (default `roomLimits.notesPerMinute`). */
  notesPerMinute?: number;
  /** Signed-in users' note windows, shared by every room (default: this room's own). */
  noteRate?: NoteRate;
  /** Stored updates after which a live room compacts its log (a cold room then loads one update, not thousands). */
  compactEvery?: number;
  /** First wait after a failed store before the room tries again (doubles up to `maxBackoffMs`). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * A signed-in reader who may write here first showed themselves in presence on a connection (an invisible reader
   * never does): they become someone who may be mentioned on the text (db/queries/inbox.ts). Shared rooms only.
   */
  presenceShown?(documentId: string, userId: string): void;
}

/** A live room. */
export class Room {
  readonly documentId: string;
  readonly key: string;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Map<WebSocket, Connection>();
  private doc!: Y.Doc;
  private annotations!: Y.Map<unknown>;
  private tags!: Y.Map<unknown>;
  private text: string;
  private structure: TextStructure = { paragraphs: [], chapters: [] };
  private readonly persistence: RoomPersistence;
  private readonly policy: PermissionPolicy;
  private readonly readOnly: ReadOnlyProbe;
  private readonly maxMessageBytes: number;
  private readonly notesPerMinute: number;
  private readonly noteRate: NoteRate;
  private readonly awarenessGate: AwarenessGate;
  /** Owner of each Yjs client id the room knows (stored, or derived from the notes for logs older than owners). */
  private owners = new Map<number, string>();
  /** Client ids held now by a live anonymous connection. */
  private readonly liveAnonymous = new Map<number, Connection>();
  /**
   * Who showed each awareness id in presence (a stock client's awareness id is its Yjs client id), so that nobody
   * else claims a present reader's client id before that reader's first write: the id is public from the moment
   * it is shown. A reader's claim is never handed to another owner; an anonymous one is tied to its connection
   * (null once it left). Bounded, oldest forgotten first.
   */
  private readonly presenceOwners = new Map<number, { ownerKey: string; conn: Connection | null }>();
  private readonly onAnnotations = this.collect('annotations');
  private readonly onTags = this.collect('tags');
  private pending: { annotations: KeyChange[]; tags: KeyChange[]; updates: Uint8Array[] } | null = null;
  /** The tail of the room's serial order. */
  private queue: Promise<void> = Promise.resolve();
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private backoffMs: number;
  private paused: { until: number; reason: string; timer: NodeJS.Timeout } | null = null;
  private readonly compactEvery: number;
  private storedSinceCompaction = 0;
  private destroyed = false;
  private readonly presenceShown: RoomOptions['presenceShown'] | null;

  constructor(options: RoomOptions) {
    this.documentId = options.documentId;
    this.key = options.key ?? options.documentId;
    this.text = options.stored.text;
    this.persistence = options.persistence;
    this.policy = options.policy;
    this.readOnly = options.readOnly ?? (() => null);
    this.maxMessageBytes = options.maxMessageBytes ?? roomLimits.messageBytes;
    this.notesPerMinute = options.notesPerMinute ?? roomLimits.notesPerMinute;
    this.noteRate = options.noteRate ?? new NoteRate();
    this.compactEvery = options.compactEvery ?? 200;
    this.initialBackoffMs = this.backoffMs = options.backoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.presenceShown = options.presenceShown ?? null;
    this.install(options.stored);
    // Presence lives in a doc of its own so that rebuilding the notes' doc never drops who is here.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null); // the server is not a reader
    this.awarenessGate = new AwarenessGate({ reservedIds: [this.awareness.clientID] });
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Makes `stored` the room's state (first load, or a rebuild). */
  private install(stored: StoredRoom): void {
    if (this.doc) {
      this.annotations.unobserve(this.onAnnotations);
      this.tags.unobserve(this.onTags);
      this.doc.off('update', this.onDocUpdate);
      this.doc.destroy();
    }
    this.text = stored.text;
    if (stored.structure) this.structure = stored.structure;
    let clean = true;
    this.doc = docFromUpdates(stored.updates, (err) => {
      clean = false;
      log.error('a stored update could not be applied and was left out', { documentId: this.documentId, error: String(err) });
    });
    this.annotations = this.doc.getMap(annotationsMapName);
    this.tags = this.doc.getMap(tagsMapName);
    this.annotations.observe(this.onAnnotations);
    this.tags.observe(this.onTags);
    this.doc.on('update', this.onDocUpdate);
    this.owners = clientOwnersOf(this.doc, stored.clientOwners);
    this.fullState = clean && stored.updates.length === 1 ? stored.updates[0] : null;
  }

  private collect(which: 'annotations' | 'tags') {
    return (event: Y.YMapEvent<unknown>) => {
      if (!this.pending || event.transaction.origin === serverOrigin) return;
      for (const [key, change] of event.changes.keys) this.pending[which].push({ key, action: change.action, oldValue: change.oldValue });
    };
  }

  private readonly onDocUpdate = (update: Uint8Array) => {
    this.fullState = null;
    this.pending?.updates.push(update);
  };

  /**
   * The whole state as an update, kept until the doc changes: most joiners have nothing (an empty state vector),
   * and a cold room's compacted log is exactly this, so the first reader of 10,000 notes is not kept waiting on
   * encoding them again.
   */
  private fullState: Uint8Array | null = null;

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = added.concat(updated, removed);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.broadcast(encoding.toUint8Array(encoder));
  };

  /** Adds a socket: sends it the room state (sync step 1), who is here, and whether saving works. */
  join(
    socket: WebSocket,
    identity: ReaderIdentity,
    options: { notices?: boolean; role?: Role; blind?: BlindMode; horizon?: number | null; agenda?: ReadonlySet<string> } = {},
  ): Connection {
    const conn: Connection = {
      socket,
      identity,
      // Rooms behind the server always get the role from the access rule; the default serves rooms in unit tests.
      role: options.role ?? (identity.kind === 'reader' ? 'annotator' : 'viewer'),
      ownerKey: identity.kind === 'reader' ? `reader:${identity.id}` : anonymousOwner,
      notices: options.notices ?? false,
      createdHere: new Set(),
      clients: new Set(),
      awaitingStep2: false,
      noteTimes: [],
      refusalTimes: [],
      blind: null,
      shownPresence: false,
    };
    const horizon = options.horizon ?? null;
    if ((options.blind && options.blind !== 'off') || horizon !== null) {
      const readerId = identity.kind === 'reader' && identity.verified ? identity.id : null;
      const mode = options.blind ?? 'off';
      conn.blind = new BlindView(readerId, mode, spansFor(mode, this.structure), horizon);
      if (options.agenda) conn.blind.setAgenda(options.agenda);
      for (const value of this.annotations.values()) conn.blind.learn(value);
    }
    this.connections.set(socket, conn);
    this.sendStep1(conn);
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const aw = encoding.createEncoder();
      encoding.writeVarUint(aw, messageAwareness);
      encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
      this.send(conn, encoding.toUint8Array(aw));
    }
    const blocked = this.savingBlocked();
    if (blocked) this.notify(conn, blocked);
    return conn;
  }

  /** Removes a socket and the presence it held. */
  leave(socket: WebSocket): void {
    const conn = this.connections.get(socket);
    if (!conn) return;
    this.connections.delete(socket);
    for (const client of conn.clients) if (this.liveAnonymous.get(client) === conn) this.liveAnonymous.delete(client);
    for (const id of this.awarenessGate.idsOf(socket)) {
      const shown = this.presenceOwners.get(id);
      if (shown?.conn === conn) shown.conn = null;
    }
    const ids = this.awarenessGate.release(socket);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  /** Handles one binary message from a socket. Bad input closes that socket (never throws). */
  receive(socket: WebSocket, data: Uint8Array): void {
    const conn = this.connections.get(socket);
    if (!conn || this.destroyed) return;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === messageSync) {
        const sub = decoding.readVarUint(decoder);
        if (sub !== syncStep1 && sub !== syncStep2 && sub !== syncUpdate)
          return this.reject(conn, CloseCode.invalidPayload, `unknown sync message ${sub}`);
        // The answer to our sync step 1 may carry a whole offline session: it gets the initial-sync cap once.
        const initial = sub === syncStep2 && conn.awaitingStep2;
        if (initial) conn.awaitingStep2 = false;
        if (!initial && data.byteLength > this.maxMessageBytes)
          return this.reject(conn, CloseCode.messageTooBig, `message of ${data.byteLength} bytes is over ${this.maxMessageBytes}`);
        const payload = decoding.readVarUint8Array(decoder);
        // A state vector costs time to decode and answer in proportion to its size: honest ones are small.
        if (sub === syncStep1 && payload.byteLength > roomLimits.stateVectorBytes)
          return this.reject(conn, CloseCode.messageTooBig, `a state vector of ${payload.byteLength} bytes`);
        this.enqueue(() => (sub === syncStep1 ? this.answerStep1(conn, payload) : this.applyClientUpdate(conn, payload, initial)));
      } else if (type === messageAwareness) {
        if (data.byteLength > this.maxMessageBytes) return this.reject(conn, CloseCode.messageTooBig, 'awareness message too big');
        const admitted = this.awarenessGate.admit(socket, conn.identity, decoding.readVarUint8Array(decoder));
        if (admitted) {
          this.rememberPresence(conn);
          awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted, socket);
          this.noticeShownPresence(conn);
        }
      } else if (type === messageQueryAwareness) {
        if (!this.awarenessGate.admitQuery(socket)) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageAwareness);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
        );
        this.send(conn, encoding.toUint8Array(encoder));
      } else {
        this.reject(conn, CloseCode.invalidPayload, `unknown message type ${type}`);
      }
    } catch (err) {
      const reason = err instanceof AwarenessDecodeError ? err.message : `malformed message: ${(err as Error).message}`;
      this.reject(conn, CloseCode.invalidPayload, reason);
    }
  }

  /** Runs `task` after everything queued before it, so the room handles one message at a time. */
  private enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue
      .then(async () => {
        if (!this.destroyed) await task();
      })
      .catch((err: unknown) => log.error('a room task failed', { documentId: this.documentId, error: String(err) }));
  }

  /** Resolves once every message received so far has been handled (tests, shutdown). */
  settled(): Promise<void> {
    return this.queue;
  }

  private answerStep1(conn: Connection, stateVector: Uint8Array): void {
    let update: Uint8Array;
    try {
      if (Y.decodeStateVector(stateVector).size === 0) update = this.fullState ??= Y.encodeStateAsUpdate(this.doc);
      else update = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch (err) {
      return this.reject(conn, CloseCode.invalidPayload, `malformed state vector: ${(err as Error).message}`);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    encoding.writeVarUint(encoder, syncStep2);
    encoding.writeVarUint8Array(encoder, this.viewFor(conn, update));
    this.send(conn, encoding.toUint8Array(encoder));
  }

  /**
   * What `conn` may receive of `update`: everything, or, for a reader reading blind, the update with the notes they
   * may not see yet replaced by placeholders (lib/collab/withhold-update.ts). Every struct of `update` is in the room's
   * doc (it was applied or encoded from it), where its entry is found; anything that cannot be placed is withheld.
   */
  private viewFor(conn: Connection, update: Uint8Array): Uint8Array {
    const blind = conn.blind;
    if (!blind) return update;
    const noteOf = (id: string) => this.annotations.get(id);
    // Theme names the reader may not see yet: those used only by notes withheld from them, unless the server made
    // the theme (the suggested vocabulary) or the reader did. Worked out once per update, only if it holds a theme.
    let hiddenThemes: Set<string> | null = null;
    const themeHidden = (name: string) => {
      if (!hiddenThemes) {
        const used = new Set<string>();
        const seen = new Set<string>();
        for (const value of this.annotations.values()) {
          const names = themeNamesOf(value);
          if (names.length === 0) continue;
          const shows = blind.shows(value, noteOf);
          for (const n of names) (shows ? seen : used).add(n);
        }
        hiddenThemes = new Set([...used].filter((n) => !seen.has(n)));
      }
      if (!hiddenThemes.has(name)) return false;
      const owner = this.owners.get(this.firstVersionOf(this.tags, name)?.first.id.client ?? -1);
      return owner !== serverOwner && owner !== conn.ownerKey;
    };
    return withholdItems(
      update,
      (item) => {
        let stored: Y.Item;
        try {
          stored = Y.getItem(this.doc.store, item.id) as Y.Item;
        } catch {
          return true;
        }
        if (stored.parent === this.tags) return typeof stored.parentSub === 'string' && themeHidden(stored.parentSub);
        return !valuesOf(item).every((value) => blind.shows(value, noteOf));
      },
      withheldPlaceholder,
      this.withheldKey,
    );
  }

  /** A room's secret for the keys of withheld entries: stable while the room lives, unguessable from the key. */
  private readonly withheldSecret = randomBytes(16);
  private readonly withheldKey = (key: string) =>
    `withheld:${createHmac('sha256', this.withheldSecret).update(key).digest('base64url').slice(0, 22)}`;

  /** The sync message of `update` as `conn` may receive it (see {@link viewFor}); `shared` when they get it whole. */
  private syncFor(conn: Connection, update: Uint8Array, shared: Uint8Array): Uint8Array {
    return conn.blind ? syncMessage(this.viewFor(conn, update)) : shared;
  }

  /**
   * After `written` notes were stored: a blind reader whose own new note opens a passage where others' notes wait
   * is told (notice \`revealed\`) to take a fresh copy of the room, which shows them; their current copy holds those
   * notes' placeholders under the same clocks, so it cannot receive them. (A stock client without notices keeps
   * its placeholders until it joins again with a new doc.)
   */
  private revealAfter(written: readonly unknown[]): void {
    for (const conn of this.connections.values()) {
      const blind = conn.blind;
      if (!blind) continue;
      // The reader's own new notes open their passages; their own answer to an agenda question opens the others' there.
      const opened = new Set<number>();
      const answered = new Set<string>();
      for (const value of written) {
        const learned = blind.learn(value);
        for (const unit of learned.units) opened.add(unit);
        if (learned.answered !== null) answered.add(learned.answered);
      }
      if (opened.size === 0 && answered.size === 0) continue;
      let waiting = 0;
      for (const value of this.annotations.values()) {
        if (blind.own(value)) continue;
        const target = (value as { target?: unknown } | null)?.target;
        if (blind.touches(value, opened) || (typeof target === 'string' && answered.has(target))) waiting++;
      }
      if (waiting > 0) this.notify(conn, { kind: 'revealed', notes: waiting });
    }
  }

  /**
   * The room's agenda changed: every blind connection exempts its questions from reading blind; one whose copy holds
   * placeholders for questions that now show is told to take a fresh copy (\`revealed\`). How many were told.
   */
  setAgenda(ids: ReadonlySet<string>): number {
    return this.changeViews(
      (view) => view.mode !== 'off',
      (view) => view.setAgenda(ids),
      'agenda',
    );
  }

  /** Changes the views `which` selects with `change`, and tells each connection whose view now shows more notes. */
  private changeViews(which: (view: BlindView) => boolean, change: (view: BlindView) => void, cause: 'reading' | 'agenda'): number {
    let told = 0;
    const noteOf = (id: string) => this.annotations.get(id);
    for (const conn of this.connections.values()) {
      const view = conn.blind;
      if (!view || !which(view)) continue;
      const hidden = [...this.annotations.values()].filter((value) => !view.shows(value, noteOf));
      change(view);
      const shown = hidden.filter((value) => view.shows(value, noteOf)).length;
      if (shown > 0 && conn.notices) {
        this.notify(conn, { kind: 'revealed', notes: shown, cause });
        told++;
      }
    }
    return told;
  }

  /**
   * A reader with the spoiler guard read further (or turned it off: null): each of their connections here moves its
   * horizon, and one whose copy holds placeholders for notes that now show is told (\`revealed\`, cause \`reading\`)
   * to take a fresh copy. A connection joined without the guard is left as it is (turning the guard on joins again).
   * How many connections were told.
   */
  setHorizon(userId: string, horizon: number | null): number {
    return this.changeViews(
      (view) => view.horizon !== null && view.readerId === userId,
      (view) => view.setHorizon(horizon),
      'reading',
    );
  }

  private sendStep1(conn: Connection): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    conn.awaitingStep2 = true;
    this.send(conn, encoding.toUint8Array(encoder));
  }

  /**
   * Counts `n` refused changes of `conn` in its one-minute window; over {@link roomLimits.refusalsPerMinute} the
   * socket is closed (1008) and true is returned: each refusal costs a correction for every reader.
   */
  private overRefusalBudget(conn: Connection, n: number): boolean {
    const now = Date.now();
    while (conn.refusalTimes.length && now - conn.refusalTimes[0] > 60_000) conn.refusalTimes.shift();
    for (let i = 0; i < n; i++) conn.refusalTimes.push(now);
    if (conn.refusalTimes.length <= roomLimits.refusalsPerMinute) return false;
    this.reject(conn, CloseCode.policyViolation, `more than ${roomLimits.refusalsPerMinute} refused changes in a minute`);
    return true;
  }

  /** Why saving is impossible now, as a notice; null when the room can save. */
  private savingBlocked(): Notice | null {
    const readOnly = this.readOnly();
    if (readOnly) return { kind: 'read-only', reason: readOnly };
    if (this.paused) return { kind: 'saving-paused', reason: this.paused.reason, retryInMs: Math.max(0, this.paused.until - Date.now()) };
    return null;
  }

  /** Tells `presenceShown` the first time a signed-in writer's connection holds a presence state. */
  private noticeShownPresence(conn: Connection): void {
    const hook = this.presenceShown;
    const who = conn.identity;
    if (!hook || conn.shownPresence || who.kind !== 'reader' || !who.verified || !can(conn.role, 'annotate')) return;
    const states = this.awareness.getStates();
    if (!this.awarenessGate.idsOf(conn.socket).some((id) => states.has(id))) return;
    conn.shownPresence = true;
    try {
      hook(this.documentId, who.id);
    } catch (err) {
      // A record that could not be written (a full disk) costs a name in the mention list, never the reader's room.
      log.warn('recording a reader failed', { documentId: this.documentId, error: String(err) });
    }
  }

  /** Records `conn` as the one who showed the awareness ids it holds now (see {@link Room.presenceOwners}). */
  private rememberPresence(conn: Connection): void {
    for (const id of this.awarenessGate.idsOf(conn.socket)) {
      const shown = this.presenceOwners.get(id);
      if (shown?.conn === conn) continue;
      // The gate lets one socket hold an id at a time; a reader's claim still never passes to anyone else.
      if (shown && shown.ownerKey !== anonymousOwner && shown.ownerKey !== conn.ownerKey) continue;
      this.presenceOwners.delete(id); // re-inserted last: newest
      this.presenceOwners.set(id, { ownerKey: conn.ownerKey, conn });
      if (this.presenceOwners.size > awarenessLimits.releasedIdsRemembered)
        this.presenceOwners.delete(this.presenceOwners.keys().next().value!);
    }
  }

  /** Whether `conn` may introduce structs under Yjs client id `client`. */
  private mayWrite(conn: Connection, client: number): boolean {
    if (conn.clients.has(client)) return true;
    if (client === this.doc.clientID) return false;
    if (conn.clients.size >= roomLimits.clientIdsPerConnection) return false;
    const owner = this.owners.get(client);
    const holder = this.liveAnonymous.get(client);
    if (owner === undefined) {
      // Nobody wrote under it yet, but a reader may have shown it in presence: only they may claim it.
      const shown = this.presenceOwners.get(client);
      // An anonymous reader who left cannot prove it comes back (its presence clock may not have moved), so after it
      // left any anonymous connection may claim the id, as with a stored anonymous owner.
      if (shown && (shown.ownerKey !== conn.ownerKey || (shown.ownerKey === anonymousOwner && shown.conn !== null && shown.conn !== conn)))
        return false;
      return holder === undefined || holder === conn;
    }
    if (owner === anonymousOwner) return conn.ownerKey === anonymousOwner && (holder === undefined || holder === conn);
    return owner === conn.ownerKey;
  }

  /** The first version of `key` in `map` (its versions are a chain of items, newest last; the walk is bounded like Yjs's own conflict scan). */
  private firstVersionOf(map: Y.Map<unknown>, key: string): { first: Y.Item; latest: Y.Item } | null {
    const latest = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
    if (!latest) return null;
    let first = latest;
    for (let steps = 0; first.left && steps < roomLimits.entryScan; steps++) first = first.left as Y.Item;
    return { first, latest };
  }

  /**
   * The owner of the first version of note `key` when it is an earlier version written by someone other than `conn`,
   * else null (a new key, the connection's own earlier note, or a writer the room cannot tell).
   */
  private firstWriterOf(key: string, conn: Connection): string | null {
    const versions = this.firstVersionOf(this.annotations, key);
    if (!versions || versions.first === versions.latest) return null;
    const owner = this.owners.get(versions.first.id.client);
    return owner === undefined || owner === conn.ownerKey ? null : owner;
  }

  private quotasFor(conn: Connection, initial: boolean): GateQuotas {
    return {
      tagsPerRoom: roomLimits.tagsPerRoom,
      annotationsPerRoom: roomLimits.annotationsPerRoom,
      allowNewNote: () => {
        if (initial) return true; // notes written offline arrive together; the quota is for live writing
        const who = conn.identity;
        const times = who.kind === 'reader' && who.verified ? this.noteRate.windowOf(who.id) : conn.noteTimes;
        return NoteRate.take(times, this.notesPerMinute);
      },
    };
  }

  private async applyClientUpdate(conn: Connection, update: Uint8Array, initial: boolean): Promise<void> {
    if (!this.connections.has(conn.socket)) return;
    const blocked = this.savingBlocked();
    if (blocked) {
      // Not applied and not stored: the writer keeps the change and sends it again when asked (resume).
      this.notify(conn, blocked);
      return;
    }
    const verdict = admitUpdate(update, admissionRoomOf(this.doc), {
      roots: allowedRootTypes,
      bounds: initial
        ? { structs: roomLimits.structsPerInitialSync, deleteRanges: roomLimits.deleteRangesPerInitialSync }
        : { structs: roomLimits.structsPerUpdate, deleteRanges: roomLimits.deleteRangesPerUpdate },
      gcLength: roomLimits.gcLength,
      entryScan: roomLimits.entryScan,
      mayWrite: (client) => this.mayWrite(conn, client),
    });
    if (!verdict.ok) return this.reject(conn, CloseCode.policyViolation, verdict.reason);
    if (!this.policy.mayWrite(conn.role) && (verdict.writtenClients.length > 0 || deletesLiveContent(this.doc, update))) {
      // A read-only socket's new content or deletion is never applied (so never stored, broadcast or corrected);
      // the socket stays open, so a reader whose page wrote by mistake keeps reading. (An honest client's sync
      // answer carries its whole delete set, which deletes nothing live and passes.)
      if (this.overRefusalBudget(conn, 1)) return;
      this.notify(conn, { kind: 'rejected', reason: 'this connection may read but not write: nothing was saved' });
      return;
    }

    this.pending = { annotations: [], tags: [], updates: [] };
    const stateBefore = Y.encodeStateVector(this.doc);
    let collected: NonNullable<Room['pending']>;
    try {
      Y.applyUpdate(this.doc, update, conn.socket);
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) throw new Error('the update left structs pending');
      collected = this.pending;
    } catch (err) {
      this.pending = null;
      log.error('applying an admitted update failed; rebuilding the room from storage', {
        documentId: this.documentId,
        reader: describeConnection(conn),
        error: String(err),
      });
      this.reject(conn, CloseCode.policyViolation, 'update could not be applied');
      await this.rebuild();
      return;
    } finally {
      this.pending = null;
    }
    if (collected.updates.length === 0) return; // nothing new (a repeat)

    const judged = await judgeChanges({
      documentId: this.documentId,
      text: this.text,
      identity: conn.identity,
      role: conn.role,
      createdHere: conn.createdHere,
      policy: this.policy,
      annotations: this.annotations,
      tags: this.tags,
      annotationChanges: collected.annotations,
      tagChanges: collected.tags,
      quotas: this.quotasFor(conn, initial),
      usedByAnother: (key) => this.firstWriterOf(key, conn) !== null,
    });
    // Over budget the socket is closed; its refused changes are still taken back below, for everyone else.
    if (judged.rejections.length) this.overRefusalBudget(conn, judged.rejections.length);
    for (const r of judged.rejections)
      log.warn('refused change', {
        documentId: this.documentId,
        reader: describeConnection(conn),
        map: r.map,
        key: r.key,
        reason: r.reason,
      });
    let corrections: Uint8Array | null = null;
    if (judged.corrections.length) {
      const serverUpdates: Uint8Array[] = [];
      const listen = (u: Uint8Array) => serverUpdates.push(u);
      this.doc.on('update', listen);
      this.doc.transact(() => {
        for (const c of judged.corrections) {
          const map = c.map === 'annotations' ? this.annotations : this.tags;
          if (c.value === undefined) map.delete(c.key);
          else map.set(c.key, c.value);
        }
      }, serverOrigin);
      this.doc.off('update', listen);
      corrections = serverUpdates.length ? Y.mergeUpdates(serverUpdates) : null;
    }

    // With corrections, the client's raw update still carries the refused content (deleted, but in its bytes).
    // The room has already garbage-collected it, so the difference of the room's state holds only what stands.
    const merged = corrections
      ? Y.encodeStateAsUpdate(this.doc, stateBefore)
      : collected.updates.length === 1
        ? collected.updates[0]
        : Y.mergeUpdates(collected.updates);
    const claims: ClientOwner[] = verdict.writtenClients
      .filter((client) => !this.owners.has(client))
      .map((clientId) => ({ clientId, owner: conn.ownerKey }));
    if (corrections && !this.owners.has(this.doc.clientID)) claims.push({ clientId: this.doc.clientID, owner: serverOwner });
    try {
      await this.persistence.store({
        documentId: this.documentId,
        update: merged,
        upsertAnnotations: judged.upsertAnnotations,
        deleteAnnotations: judged.deleteAnnotations,
        upsertTags: judged.upsertTags,
        deleteTags: judged.deleteTags,
        claimClients: claims,
      });
    } catch (err) {
      await this.pauseSaving(conn, err);
      return;
    }
    this.backoffMs = this.initialBackoffMs;
    if (++this.storedSinceCompaction >= this.compactEvery) {
      this.storedSinceCompaction = 0;
      this.enqueue(() => this.compact());
    }
    for (const { clientId, owner } of claims) this.owners.set(clientId, owner);
    for (const client of verdict.writtenClients) {
      conn.clients.add(client);
      if (conn.ownerKey === anonymousOwner) this.liveAnonymous.set(client, conn);
    }
    const message = syncMessage(merged);
    for (const other of this.connections.values()) if (other !== conn) this.send(other, this.syncFor(other, merged, message));
    if (corrections) this.send(conn, syncMessage(this.viewFor(conn, corrections)));
    this.revealAfter(judged.upsertAnnotations);
    for (const r of judged.rejections) this.notify(conn, { kind: 'refused', map: r.map, key: r.key, reason: r.reason.slice(0, 500) });
  }

  /**
   * Storing failed: memory now holds what disk does not. Roll the room back to what is stored, tell the readers
   * that saving is paused (their notes stay in their browsers), and try again after a growing back-off by asking
   * every reader for what the room is missing. Nobody is disconnected.
   */
  private async pauseSaving(conn: Connection, err: unknown): Promise<void> {
    const retryInMs = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    const reason = /SQLITE_FULL|disk is full|ENOSPC/i.test(String(err))
      ? 'the server is out of disk space'
      : /READONLY|read-only/i.test(String(err))
        ? 'the database is read-only'
        : 'the server could not save';
    log.error('storing a room change failed; saving paused', {
      documentId: this.documentId,
      reader: describeConnection(conn),
      error: String(err),
      retryInMs,
    });
    const timer = setTimeout(() => this.enqueue(() => this.resumeSaving()), retryInMs);
    timer.unref();
    this.paused = { until: Date.now() + retryInMs, reason, timer };
    await this.rebuild({ resync: false });
    for (const other of this.connections.values()) this.notify(other, { kind: 'saving-paused', reason, retryInMs });
  }

  private resumeSaving(): void {
    this.paused = null;
    log.info('retrying to save: asking readers for what the room is missing', { documentId: this.documentId });
    for (const conn of this.connections.values()) {
      this.notify(conn, { kind: 'saving-resumed' });
      this.sendStep1(conn);
    }
  }

  /**
   * Replaces the room's doc by one rebuilt from storage. With `resync`, every reader is asked (sync step 1) for what
   * the rebuilt room lacks; their answers go through admission again.
   */
  private async rebuild(options: { resync?: boolean } = {}): Promise<void> {
    let stored: StoredRoom | null;
    try {
      stored = await this.persistence.load(this.documentId);
    } catch (err) {
      log.error('reloading a room failed; closing it', { documentId: this.documentId, error: String(err) });
      for (const conn of this.connections.values()) conn.socket.close(CloseCode.internalError, 'could not reload the document');
      return;
    }
    if (!stored) {
      for (const conn of this.connections.values()) conn.socket.close(CloseCode.unknownDocument, 'unknown document');
      return;
    }
    this.install(stored);
    log.info('rebuilt room from storage', { documentId: this.documentId });
    if (options.resync ?? true)
      for (const conn of this.connections.values()) if (conn.socket.readyState === conn.socket.OPEN) this.sendStep1(conn);
  }

  /** Refuses a message: tells a Glossa client why and closes the socket with `code`. */
  private reject(conn: Connection, code: number, reason: string): void {
    log.warn(code === CloseCode.policyViolation ? 'refused update' : 'bad message', {
      documentId: this.documentId,
      reader: describeConnection(conn),
      code,
      reason,
    });
    this.notify(conn, { kind: 'rejected', reason: reason.slice(0, 500) });
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.close(code, reason.slice(0, 120));
  }

  /** Sends `notice` to every Glossa client here (of `userId` only, when given); how many. */
  broadcastNotice(notice: Notice, userId?: string): number {
    const message = encodeNotice(notice);
    let sent = 0;
    for (const conn of this.connections.values()) {
      if (!conn.notices || (userId !== undefined && (conn.identity.kind !== 'reader' || conn.identity.id !== userId))) continue;
      this.send(conn, message);
      sent++;
    }
    return sent;
  }

  private notify(conn: Connection, notice: Notice): void {
    if (conn.notices) this.send(conn, encodeNotice(notice));
  }

  private send(conn: Connection, message: Uint8Array): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.socket.send(message, (err) => {
      if (err) conn.socket.terminate();
    });
  }

  private broadcast(message: Uint8Array): void {
    for (const conn of this.connections.values()) this.send(conn, message);
  }

  /** Replaces the stored log by the room's state (in the room's serial order, so it is exactly what was stored). */
  private async compact(): Promise<void> {
    try {
      if (await this.persistence.compact(this.documentId, () => this.encodeState(), this.compactEvery))
        log.info('compacted room log', { documentId: this.documentId });
    } catch (err) {
      log.error('compacting a room log failed (the log is unchanged)', { documentId: this.documentId, error: String(err) });
    }
  }

  /**
   * A change the server makes itself (a facilitator's merge or delete of a theme, asked over HTTP), in the room's
   * serial order: `planner` sees the room's current notes and themes and says what to write; the room writes it in
   * a server transaction, stores the update with its rows, and only then sends it to every reader. Rejects (and
   * leaves the room as stored) when saving is impossible. The gate does not judge a plan (it is the server's own
   * change); a note written for a caller goes through {@link Room.callerWrite}, which the gate judges.
   */
  serverChange<T>(planner: Planner<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(async () => {
        try {
          resolve(await this.applyServerPlan(planner));
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  private async applyServerPlan<T>(planner: Planner<T>): Promise<T> {
    const blocked = this.savingBlocked();
    if (blocked) throw new Error(blocked.kind === 'read-only' ? blocked.reason : 'saving is paused');
    const annotations = new Map<string, Annotation>();
    for (const [key, value] of this.annotations.entries()) {
      const parsed = annotationSchema.safeParse(value);
      if (parsed.success && parsed.data.id === key) annotations.set(key, parsed.data);
    }
    const tags = new Map<string, Tag>();
    for (const [key, value] of this.tags.entries()) {
      const parsed = tagSchema.safeParse(value);
      if (parsed.success) tags.set(key, parsed.data);
    }
    const { plan, result } = planner({ annotations, tags });
    await this.writePlan(plan);
    return result;
  }

  /** Writes a server plan in a server transaction, stores the update with its rows, then sends it to every reader. */
  private async writePlan(plan: ServerPlan): Promise<void> {
    const deleteAnnotations = plan.deleteAnnotations ?? [];
    if (!plan.upsertAnnotations.length && !deleteAnnotations.length && !plan.upsertTags.length && !plan.deleteTags.length) return;
    const stateBefore = Y.encodeStateVector(this.doc);
    this.doc.transact(() => {
      for (const a of plan.upsertAnnotations) this.annotations.set(a.id, a);
      for (const id of deleteAnnotations) this.annotations.delete(id);
      for (const { name, ...tag } of plan.upsertTags) this.tags.set(name, tag);
      for (const name of plan.deleteTags) this.tags.delete(name);
    }, serverOrigin);
    const update = Y.encodeStateAsUpdate(this.doc, stateBefore);
    const claims: ClientOwner[] = this.owners.has(this.doc.clientID) ? [] : [{ clientId: this.doc.clientID, owner: serverOwner }];
    try {
      await this.persistence.store({
        documentId: this.documentId,
        update,
        upsertAnnotations: plan.upsertAnnotations,
        deleteAnnotations,
        upsertTags: plan.upsertTags,
        deleteTags: plan.deleteTags,
        claimClients: claims,
      });
    } catch (err) {
      log.error('storing a server change failed; the room is rebuilt from storage', { documentId: this.documentId, error: String(err) });
      await this.rebuild();
      throw err;
    }
    for (const { clientId, owner } of claims) this.owners.set(clientId, owner);
    const message = syncMessage(update);
    for (const conn of this.connections.values()) this.send(conn, this.syncFor(conn, update, message));
    this.revealAfter(plan.upsertAnnotations);
  }

  /**
   * A note a signed-in caller writes over HTTP (the W3C protocol's POST, PUT, DELETE), in the room's serial order.
   * It is judged exactly as the gate judges a socket's write of the same note (room-gate.ts `judgeChanges`: schema
   * and anchor, the role policy with the caller's identity and role, the per-minute note quota — one window per
   * user, shared with their sockets — and a new id's history), before anything is applied; only then is it
   * written as a server change: stored with its rows in one transaction and sent to every reader. Resolves with the
   * stored note (re-anchored if its offsets drifted) or the refusal and its HTTP status; rejects when saving is
   * impossible.
   */
  callerWrite(write: CallerWrite): Promise<CallerWriteOutcome> {
    return new Promise<CallerWriteOutcome>((resolve, reject) => {
      this.enqueue(async () => {
        try {
          resolve(await this.judgeCallerWrite(write));
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  private async judgeCallerWrite(write: CallerWrite): Promise<CallerWriteOutcome> {
    const blocked = this.savingBlocked();
    if (blocked) throw new Error(blocked.kind === 'read-only' ? blocked.reason : 'saving is paused');
    const raw = this.annotations.get(write.id);
    const parsed = raw === undefined ? undefined : annotationSchema.safeParse(raw);
    const decision = write.decide(parsed?.success && parsed.data.id === write.id ? parsed.data : undefined);
    if ('refused' in decision) return { ok: false, ...decision.refused };
    const { caller } = write;
    if (!this.policy.mayWrite(caller.role))
      return { ok: false, status: 403, reason: `your role (${caller.role}) may not write notes here` };
    const remove = 'delete' in decision;
    if (remove && raw === undefined) return { ok: false, status: 404, reason: `no note ${write.id} in this room` };
    // Which seam refused says the status: the policy 403, the quota 429, the id's history 409; else the value, 400.
    let refusedBy: 'policy' | 'quota' | 'id' | null = null;
    const policy: PermissionPolicy = {
      mayWrite: (role) => this.policy.mayWrite(role),
      checkAnnotationWrite: async (w) => {
        const denied = await this.policy.checkAnnotationWrite(w);
        if (denied) refusedBy = 'policy';
        return denied;
      },
      checkTagWrite: (w) => this.policy.checkTagWrite(w),
    };
    const ownerKey = `reader:${caller.userId}`;
    const judged = await judgeChanges({
      documentId: this.documentId,
      text: this.text,
      identity: { kind: 'reader', id: caller.userId, name: caller.name, verified: true },
      role: caller.role,
      createdHere: new Set(),
      policy,
      annotations: remove ? this.annotations : withEntry(this.annotations, write.id, decision.value),
      tags: this.tags,
      annotationChanges: [{ key: write.id, action: remove ? 'delete' : raw === undefined ? 'add' : 'update', oldValue: raw }],
      tagChanges: [],
      quotas: {
        tagsPerRoom: roomLimits.tagsPerRoom,
        annotationsPerRoom: roomLimits.annotationsPerRoom,
        allowNewNote: () => {
          const allowed = NoteRate.take(this.noteRate.windowOf(caller.userId), this.notesPerMinute);
          if (!allowed) refusedBy = 'quota';
          return allowed;
        },
      },
      // Judged before the write, so any earlier version of the key is someone's deleted note (its replies are kept
      // under its id): only its own writer may take the id again, as on a socket.
      usedByAnother: (key) => {
        const versions = this.firstVersionOf(this.annotations, key);
        const used = versions !== null && this.owners.get(versions.first.id.client) !== ownerKey;
        if (used) refusedBy = 'id';
        return used;
      },
    });
    const refusal = judged.rejections[0];
    if (refusal) {
      log.warn('refused change over HTTP', { documentId: this.documentId, reader: caller.userId, key: write.id, reason: refusal.reason });
      const status = refusedBy === 'policy' ? 403 : refusedBy === 'quota' ? 429 : refusedBy === 'id' ? 409 : 400;
      return { ok: false, status, reason: refusal.reason };
    }
    await this.writePlan({
      upsertAnnotations: judged.upsertAnnotations,
      deleteAnnotations: judged.deleteAnnotations,
      upsertTags: [],
      deleteTags: [],
    });
    return { ok: true, annotation: remove ? null : (judged.upsertAnnotations[0] ?? null) };
  }

  /** Compacts the stored log to the room's state when it has grown past `threshold` updates (registry, on load and drop). */
  compactStored(threshold: number): Promise<boolean> {
    return this.persistence.compact(this.documentId, () => this.encodeState(), threshold);
  }

  /** The state to compact the log to, or null while the room must not be compacted (nothing but accepted state). */
  encodeState(): Uint8Array | null {
    if (this.paused || this.doc.store.pendingStructs || this.doc.store.pendingDs) return null;
    for (const name of this.doc.share.keys()) if (!allowedRootTypes.has(name)) return null;
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** The notes' map (read-only use: tests and diagnostics). */
  get annotationsMap(): Y.Map<unknown> {
    return this.annotations;
  }

  /** Releases listeners, timers and the docs. */
  destroy(): void {
    this.destroyed = true;
    if (this.paused) clearTimeout(this.paused.timer);
    this.annotations.unobserve(this.onAnnotations);
    this.tags.unobserve(this.onTags);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.doc.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function syncMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function describeConnection(conn: Connection): string {
  return conn.identity.kind === 'reader' ? `${conn.identity.name} (${conn.identity.id})` : 'anonymous';
}

/**
 * `map` as the gate sees it with `value` under `key`: a caller's write is judged before it is applied. The gate reads
 * the notes' map only through `get`, `has`, `size` and `values` (room-gate.ts), which this view answers.
 */
function withEntry(map: Y.Map<unknown>, key: string, value: unknown): Y.Map<unknown> {
  const view = {
    get: (k: string) => (k === key ? value : map.get(k)),
    has: (k: string) => k === key || map.has(k),
    get size() {
      return map.size + (map.has(key) ? 0 : 1);
    },
    *values() {
      for (const [k, v] of map.entries()) if (k !== key) yield v;
      yield value;
    },
  };
  return view as unknown as Y.Map<unknown>;
}
