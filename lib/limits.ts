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
  /** Links from one note to others. */
  linksPerNote: 20,
  bodiesPerAnnotation: 40,
  /** All body values of one note together, in UTF-16 code units. */
  bodyTotalLength: 40_000,
  exactLength: 20_000,
  contextLength: 256,
  tagDescriptionLength: 500,
  /**
   * How far ahead of the server's clock a note's `created` or `modified` may be (a writer's clock running fast);
   * later times are set to the server's now (server/room-gate.ts), so no note dates itself into a meeting to come.
   */
  clockSkewMs: 5 * 60_000,
} as const;

/** What one live room and one connection to it may cost. */
export const roomLimits = {
  /** Largest y-websocket message after the initial sync (bytes); larger closes the socket with 1009. */
  messageBytes: 1024 * 1024,
  /** Largest initial sync (sync step 2) a client may send once per connection: offline notes come back in it. */
  initialSyncBytes: 16 * 1024 * 1024,
  /** Structs (items) in one update; bounds admission + apply to a few milliseconds. */
  structsPerUpdate: 500,
  /** Structs in the initial sync of a connection (offline work), applied once: ~0.5 s of work at most (bench). */
  structsPerInitialSync: 10_000,
  /** Delete ranges in one update. */
  deleteRangesPerUpdate: 500,
  /** Delete ranges in the initial sync. */
  deleteRangesPerInitialSync: 10_000,
  /** Largest state vector in a sync step 1 (about 10 bytes per Yjs client id the sender has seen). */
  stateVectorBytes: 256 * 1024,
  /** Items Yjs's conflict scan may walk in one map entry for a new item (the entry's versions, tombstones included). */
  entryScan: 256,
  /** Length of one garbage-collected range (a client's own deleted clocks). */
  gcLength: 100_000,
  /** Client ids one connection may write under (a stock client uses one; a collision makes it pick another). */
  clientIdsPerConnection: 8,
  /** New notes and replies one connection may add per minute (live updates; the initial sync is exempt). */
  notesPerMinute: 60,
  /**
   * Changes of one connection the room may refuse in a minute before it closes the socket (1008): each refusal is
   * a correction stored and sent to every reader, so a client that keeps sending what it may not write is cut off.
   */
  refusalsPerMinute: 120,
  /** Distinct tags in one room's vocabulary. */
  tagsPerRoom: 300,
  /** Notes (with replies) in one room. */
  annotationsPerRoom: 50_000,
} as const;

/** What one connection's presence (y-websocket awareness) may cost the room and the readers it is fanned out to. */
export const awarenessLimits = {
  /** One presence state as JSON, in UTF-8 bytes; the largest valid state (long id, long name, cursor, viewport) is ~0.8 KB. */
  stateBytes: 2048,
  /** Awareness client ids one connection may introduce (a stock client uses one, and keeps it across reconnects). */
  idsPerConnection: 4,
  /** Entries of one awareness message that are read at all; the rest are ignored unread. */
  entriesPerMessage: 256,
  /** Presence changes one connection may make per second, on average (removals are never limited). */
  updatesPerSecond: 10,
  /** Presence changes one connection may make in a burst. */
  updateBurst: 30,
  /** Released awareness ids whose last clock the room remembers, so a late re-broadcast cannot claim them. */
  releasedIdsRemembered: 10_000,
} as const;

/**
 * What one HTTP request may cost the server, and what may name a document. Bodies are counted as they are read, so
 * a chunked body without `content-length` is refused at the cap instead of being buffered whole.
 */
export const httpLimits = {
  /** Largest request body, in bytes, whatever its type (JSON, plain text); larger is refused with 413. */
  bodyBytes: 12 * 1024 * 1024,
  /** Longest document title in UTF-16 code units, from any source; a longer one is cut and ends with `…`. */
  titleLength: 200,
  /** Longest readable part (slug) of a new document's id, before any `-<n>` suffix. */
  slugLength: 60,
  /** Longest document id. */
  documentIdLength: 128,
} as const;

/** A document id as it appears in `/d/<id>`, `/api/documents/<id>/…` and `/collab/<id>` (after percent-decoding). */
export const documentIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * What one imported file may make the server unpack and parse. An EPUB is a zip: its declared sizes are checked
 * before anything is inflated, so a zip bomb (a few KB that inflate to gigabytes) is refused unread.
 */
export const importLimits = {
  /** Entries in one EPUB's zip (a long novel has a few hundred). */
  zipEntries: 5_000,
  /** All entries of one EPUB together, uncompressed, in bytes (images included: only text entries are inflated). */
  uncompressedBytes: 128 * 1024 * 1024,
  /** The text entries (XHTML, XML) of one EPUB together, uncompressed, in bytes: what is actually inflated. */
  textBytes: 48 * 1024 * 1024,
  /** Largest uncompressed/compressed ratio of one entry over {@link importLimits.ratioCheckedFromBytes} (XHTML is ~3–6). */
  zipBombRatio: 100,
  /** Entries smaller than this (uncompressed) are never refused for their ratio: a run of blank lines compresses well. */
  ratioCheckedFromBytes: 1024 * 1024,
  /** Longest canonical text of an imported document, in UTF-16 code units (War and Peace is about a third of it). */
  textLength: 10_000_000,
} as const;

/**
 * Searching the words of notes (`GET /api/documents/<id>/search`, lib/annotations/note-search.ts): what one query may
 * make the server's full-text index do, and from what size a reader asks the server instead of searching the room
 * it holds.
 */
export const searchLimits = {
  /** Longest query, in UTF-16 code units; longer is refused with 400 (nobody types a page into a search box). */
  queryLength: 500,
  /** Words in one query (each is one lookup in the index per note it could be in); more is refused with 400. */
  wordsPerQuery: 12,
  /** Results in one answer when the caller does not say. */
  defaultResults: 50,
  /** Results one answer may carry: every note and reply of the largest room, so a reader can filter by all of them. */
  maxResults: roomLimits.annotationsPerRoom,
  /** Words of context in a result's snippet. */
  snippetTokens: 16,
  /**
   * Notes in a room past which the reader's filter searches words on the server (debounced); up to it, the reader
   * searches the notes it holds, instantly and live.
   */
  serverSearchFromNotes: 2_000,
} as const;

/** What the library keeps and accepts when a reader renames or deletes a text. */
export const libraryLimits = {
  /** Longest author name in UTF-16 code units (`PATCH /api/documents/<id>`); longer is refused with 400. */
  authorLength: 200,
  /** How long a deleted document (with its notes, replies, tags and log) can be restored before it is purged. */
  restoreWindowMs: 30 * 24 * 60 * 60 * 1000,
} as const;

/** Accounts, sessions and personal access tokens. */
export const accountLimits = {
  passwordMinLength: 8,
  passwordMaxLength: 128,
  /** A session cookie lasts this long (renewed by use). */
  sessionDays: 30,
  /** Longest display name: a note's `creator.name` (set from it) has the same bound. */
  nameLength: annotationLimits.creatorNameLength,
  /** Longest label of a personal access token. */
  tokenLabelLength: 80,
  /** Tokens one user may hold at once. */
  tokensPerUser: 20,
  /** Sign-in and sign-up attempts per minute from one address (`GLOSSA_SIGN_IN_PER_MINUTE` overrides). */
  signInPerMinute: 10,
} as const;

/** Reading groups, their members and their invitation links (`/api/groups/…`, `/api/invites/…`). */
export const groupLimits = {
  /** Longest group name in UTF-16 code units, after trimming. */
  nameLength: 80,
  /** Groups one account may own at once. */
  groupsPerOwner: 50,
  /** Members of one group, its owner included; an invite into a full group is refused (409). */
  membersPerGroup: 500,
  /** Invites of one group that can still be accepted (neither expired nor revoked) at once. */
  activeInvitesPerGroup: 20,
  /**
   * Dead invites (expired or revoked) kept per group so their link can still say "revoked" or "expired"; older ones
   * are deleted when a new invite is made, and their links then answer 404 like any unknown link.
   */
  deadInvitesKept: 50,
  /** How long an invite lasts unless asked otherwise: 7 days. */
  defaultInviteHours: 7 * 24,
  /** The shortest expiry that may be asked for (`expiresInHours`, fractions allowed). */
  minInviteHours: 1,
  /** The longest expiry that may be asked for: 30 days. */
  maxInviteHours: 30 * 24,
  /** Largest JSON body of a group route, in bytes (413 past it). */
  bodyBytes: 4096,
} as const;

/** A group's id (`grp-<uuid>`) as it appears in `/groups/<id>` and `/api/groups/<id>`. */
export const groupIdPattern = /^grp-[0-9a-f-]{36}$/;

/** An invite's id (`inv-<uuid>`) as it appears in `/api/groups/<id>/invites/<inviteId>`. */
export const inviteIdPattern = /^inv-[0-9a-f-]{36}$/;

/** An account's id as it appears in `/api/groups/<id>/members/<userId>` (Better Auth's ids, test fixtures' ids). */
export const userIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The W3C Web Annotation Protocol on `/api/documents/<id>/annotations` (lib/annotations/annotation-paging.ts): how
 * many annotations one page of the container carries, and how large one annotation sent over HTTP may be.
 */
export const protocolLimits = {
  /** Annotations per `AnnotationPage` (`GLOSSA_ANNOTATION_PAGE_SIZE` overrides it on the server, for tests). */
  pageSize: 500,
  /** Largest page size the override may ask for. */
  maxPageSize: 5_000,
  /**
   * Largest body of one `POST`/`PUT` of an annotation, in bytes (413 past it): the largest valid note (40,000
   * characters of text, a 20,000-character quote) fits with room for JSON escapes and multi-byte scripts.
   */
  annotationBodyBytes: 512 * 1024,
} as const;

/** What one export request (`GET /api/documents/<id>/export`, lib/export/) may ask for. */
export const exportLimits = {
  /** The whole query string, in characters (414 past it). */
  queryLength: 4_096,
  /** Values of one filter facet (`theme`, `with`, `reader`, `type`). */
  valuesPerFacet: 50,
  /** One filter value (a theme's name, a reader's id). */
  valueLength: 128,
} as const;

/** What one import of notes (`POST /api/documents/<id>/annotations/import`, lib/import-notes/) may cost. */
export const noteImportLimits = {
  /** The file, in bytes (413 past it): 5,000 Hypothesis notes with long quotes fit. */
  fileBytes: 8 * 1024 * 1024,
  /** Annotations in one file (400 past it): one import is one change of the room, stored and sent at once. */
  notesPerImport: 5_000,
  /**
   * Milliseconds of re-anchoring one import may spend before the notes left are stored as orphans unsearched
   * (reason `time-budget`): a file of quotes that are nowhere in the text costs a search of the whole text each.
   */
  anchorBudgetMs: 5_000,
  /** Orphans one reader may keep on one document (past it the import is refused: place or discard some first). */
  orphansPerReader: 10_000,
} as const;

/** What one document's agenda (lib/meetings/agenda.ts, `/api/documents/<id>/agenda`) may hold and be sent. */
export const agendaLimits = {
  /** Questions on one agenda (409 past it): an evening's discussion, with room to spare. */
  items: 200,
  /** A JSON body of an agenda request, in bytes (413 past it): a question at the comment limit fits. */
  bodyBytes: 64 * 1024,
} as const;

/** A reader's inbox (`/api/inbox`) and the mention autocomplete (`/api/documents/<id>/members`). */
export const inboxLimits = {
  /**
   * The newest candidates of each kind (mentions, replies) one inbox looks at, and so the newest items it can hold:
   * the unread count counts within them. Bounds the work of one request for a reader in many documents.
   */
  window: 500,
  /** Items in one answer (`?limit=`, default 50). */
  pageSize: 100,
  /** Items one `POST /api/inbox/read` may name (400 past it). */
  markItems: 500,
  /** A JSON body of `POST /api/inbox/read`, in bytes (413 past it). */
  bodyBytes: 128 * 1024,
  /** Characters of `?q=` in the members route (400 past it): a name is at most 80. */
  queryLength: 80,
  /** Members one members answer lists by default (`?limit=`)… */
  members: 20,
  /** …and at most: every member of the largest group (`groupLimits.membersPerGroup`). */
  membersMax: 500,
  /** Characters of an item's snippet. */
  snippet: 200,
} as const;
