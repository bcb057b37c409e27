/**
 * Every limit Glossa enforces, in one module that the browser and the server both import, so a limit is changed
 * in one place and the composer, the room and the HTTP routes can never disagree about it. Each group bounds what
 * one client can make the server (or other readers) spend: memory, storage, CPU per message, fan-out.
 */

/** What one note may hold. The room refuses (and takes back) a note past any of these. */
export const annotationLimits = {
  idLength: 128,
  creatorNameLength: 80,
  commentLength: 10_000,
  tagLength: 40,
  tagsPerAnnotation: 20,
  bodiesPerAnnotation: 40,
  /** All body values of one note together, in UTF-16 code units. */
  bodyTotalLength: 40_000,
  exactLength: 20_000,
  contextLength: 256,
  tagDescriptionLength: 500,
} as const;

/** What one live room and one connection to it may cost. */
export const roomLimits = {
  /** Largest y-websocket message after the initial sync (bytes); larger closes the socket with 1009. */
  messageBytes: 1024 * 1024,
  /** Largest initial sync (sync step 2) a client may send once per connection: offline notes come back in it. */
  initialSyncBytes: 16 * 1024 * 1024,
  /** Structs (items) in one update; bounds admission + apply to a few milliseconds. */
  structsPerUpdate: 2_000,
  /** Structs in the initial sync of a connection (offline work), applied once. */
  structsPerInitialSync: 50_000,
  /** Delete ranges in one update. */
  deleteRangesPerUpdate: 2_000,
  /** Delete ranges in the initial sync. */
  deleteRangesPerInitialSync: 50_000,
  /** Length of one garbage-collected range (a client's own deleted clocks). */
  gcLength: 100_000,
  /** Client ids one connection may write under (a stock client uses one; a collision makes it pick another). */
  clientIdsPerConnection: 8,
  /** New notes and replies one connection may add per minute (live updates; the initial sync is exempt). */
  notesPerMinute: 60,
  /** Distinct tags in one room's vocabulary. */
  tagsPerRoom: 300,
  /** Notes (with replies) in one room. */
  annotationsPerRoom: 50_000,
} as const;
