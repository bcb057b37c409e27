/**
 * One fan-out measurement: N stock y-websocket clients join a room and sync, then one more client (the writer)
 * adds K notes at a steady pace, and every reader's map observer stamps each note's arrival. All clients live in
 * this process, so send and arrival share one clock (performance.now()); the latency therefore includes this
 * process's own decoding queue, which both servers pay alike.
 */
import { tokenForReader } from '../tests/helpers/account-fixture.ts';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { summarize, type Summary } from './stats.ts';

export interface FanoutOptions {
  server: string;
  wsBase: string;
  room: string;
  readers: number;
  notes: number;
  intervalMs: number;
  /** Distinguishes this run's note ids from earlier runs in the same room. */
  runTag: string;
  writer: { id: string; name: string };
  makeNote(id: string, i: number): unknown;
  /** Resident memory of the server process (KiB), read once everyone is connected. */
  serverRss(): number | null;
  /** CPU time the server process has used so far (ms). */
  serverCpu(): number | null;
  syncTimeoutMs: number;
  drainTimeoutMs: number;
  /**
   * Leave this run's notes in the room. Otherwise the writer deletes them afterwards, so every round starts from
   * the same room (a room that grew each round would make later rounds' sync slower and the rounds incomparable).
   */
  keepNotes: boolean;
}

export interface FanoutResult {
  server: string;
  readers: number;
  notes: number;
  intervalMs: number;
  expected: number;
  delivered: number;
  /** Notes the server took back from the writer (Glossa corrections); each is also missing for every reader. */
  refused: number;
  /** Sockets the server closed during the run; should be 0. */
  closedByServer: number;
  syncMs: number;
  latencyMs: Summary;
  rssKiBAfterConnect: number | null;
  rssKiBAfterNotes: number | null;
  writeSpanMs: number;
  /** Server CPU from the first note until all were delivered (or the drain timed out), per note. */
  serverCpuMsPerNote: number | null;
  /** This process's CPU (all clients) over the same span, per note: if it nears intervalMs, clients are the limit. */
  clientCpuMsPerNote: number;
  /** Whether the run's notes were deleted again and the deletion had reached a reader (false when kept). */
  cleanedUp: boolean;
  /** Every (note, reader) latency in ms, for pooling rounds; not written to JSON. */
  latencies: number[];
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  closes: number;
}

function connect(wsBase: string, room: string, params: Record<string, string>): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    // Node 20 has a global BroadcastChannel: without this, clients in one process would hand each other updates
    // directly and the server would be bypassed.
    disableBc: true,
    maxBackoffTime: 1000,
  });
  const client: Client = {
    doc,
    provider,
    closes: 0,
    synced: new Promise<void>((resolve) => {
      if (provider.synced) return resolve();
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        provider.off('sync', onSync);
        resolve();
      };
      provider.on('sync', onSync);
    }),
  };
  provider.on('connection-close', () => {
    if (provider.shouldConnect) client.closes++;
  });
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Runs one fan-out measurement and always disconnects its clients. */
export async function runFanout(o: FanoutOptions): Promise<FanoutResult> {
  const clients: Client[] = [];
  const sentAt = new Float64Array(o.notes).fill(Number.NaN);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < o.notes; i++) indexOf.set(`bench-${o.runTag}-${i}`, i);
  const latencies: number[] = [];
  let refused = 0;
  let onAllDelivered = () => {};
  const expected = o.notes * o.readers;

  try {
    const t0 = performance.now();
    for (let r = 0; r < o.readers; r++) {
      const reader = connect(o.wsBase, o.room, {});
      const seen = new Uint8Array(o.notes);
      reader.doc.getMap('annotations').observe((event) => {
        const now = performance.now();
        for (const [key, change] of event.changes.keys) {
          const i = indexOf.get(key);
          if (i === undefined || change.action !== 'add' || seen[i]) continue;
          seen[i] = 1;
          latencies.push(now - sentAt[i]);
          if (latencies.length === expected) onAllDelivered();
        }
      });
      clients.push(reader);
    }
    await withTimeout(Promise.all(clients.map((c) => c.synced)), o.syncTimeoutMs, `${o.server}: syncing ${o.readers} readers`);
    const syncMs = performance.now() - t0;

    // Glossa's rooms take writes from signed-in sockets only: the writer signs in with a fixture token (the stock
    // server ignores parameters). Readers read, so they join without credentials.
    const token = o.server === 'glossa' ? tokenForReader(o.wsBase.replace(/\/collab$/, ''), o.writer) : null;
    const writer = connect(o.wsBase, o.room, token ? { token } : { user: o.writer.id, name: o.writer.name });
    clients.push(writer);
    await withTimeout(writer.synced, o.syncTimeoutMs, `${o.server}: syncing the writer`);
    // Joining readers announce themselves in awareness to everybody (N² messages); let that settle so it is not
    // measured as note latency.
    await sleep(300);
    const rssKiBAfterConnect = o.serverRss();

    const notes = writer.doc.getMap('annotations');
    notes.observe((event) => {
      // Glossa takes a refused note back by deleting it on the writer; readers never see it.
      if (event.transaction.local) return;
      for (const [key, change] of event.changes.keys) if (change.action === 'delete' && indexOf.has(key)) refused++;
    });
    const allDelivered = new Promise<void>((resolve) => {
      onAllDelivered = resolve;
      if (latencies.length === expected) resolve();
    });
    const cpuBefore = o.serverCpu();
    const clientCpuBefore = process.cpuUsage();
    const writeStart = performance.now();
    for (let i = 0; i < o.notes; i++) {
      await sleep(writeStart + i * o.intervalMs - performance.now()); // paced from the start, so drift does not add up
      const id = `bench-${o.runTag}-${i}`;
      const note = o.makeNote(id, i);
      sentAt[i] = performance.now();
      notes.set(id, note);
    }
    const writeSpanMs = performance.now() - writeStart;
    await withTimeout(allDelivered, o.drainTimeoutMs, 'drain').catch(() => {
      /* losses are reported as delivered < expected, not as a crash */
    });
    const cpuAfter = o.serverCpu();
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const rssKiBAfterNotes = o.serverRss();

    let cleanedUp = false;
    if (!o.keepNotes) {
      const ids = [...indexOf.keys()];
      writer.doc.transact(() => {
        for (const id of ids) notes.delete(id);
      });
      const seenByReader = clients[0].doc.getMap('annotations');
      const deadline = performance.now() + 5_000;
      for (;;) {
        cleanedUp = !ids.some((id) => seenByReader.has(id));
        if (cleanedUp || performance.now() > deadline) break;
        await sleep(20);
      }
    }

    return {
      server: o.server,
      readers: o.readers,
      notes: o.notes,
      intervalMs: o.intervalMs,
      expected,
      delivered: latencies.length,
      refused,
      closedByServer: clients.reduce((n, c) => n + c.closes, 0),
      syncMs,
      latencyMs: summarize(latencies),
      rssKiBAfterConnect,
      rssKiBAfterNotes,
      writeSpanMs,
      serverCpuMsPerNote: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / o.notes,
      clientCpuMsPerNote: (clientCpu.user + clientCpu.system) / 1000 / o.notes,
      cleanedUp,
      latencies,
    };
  } finally {
    // provider.destroy() alone leaves the awareness timer running and the process alive (STACK-NOTES pitfall 6).
    for (const c of clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
    // Give the server time to process the closes, so the next run starts from a quiet server.
    await sleep(300);
  }
}
