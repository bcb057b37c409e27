/**
 * The shape of a change the server makes in a room itself (a facilitator's theme merge or delete asked over HTTP):
 * a planner reads the room's current notes and themes and says what to write. Shared by the room (which applies
 * it in its serial order) and the route handlers (which reach the room through lib/collab/live-rooms.ts). A plan
 * is the server's own change and is not judged by the gate; a note a caller writes over HTTP is a
 * {@link CallerWrite}, judged like a socket's.
 */
import type { Role } from '../access/roles.ts';
import type { Annotation, Tag } from '../annotations/schema.ts';

/** The room's notes and themes as the server's own changes see them (parsed). */
export interface RoomSnapshot {
  annotations: ReadonlyMap<string, Annotation>;
  tags: ReadonlyMap<string, Tag>;
}

/** What a server change writes: annotations replaced whole (or deleted), themes set or deleted. */
export interface ServerPlan {
  upsertAnnotations: Annotation[];
  /** Annotation ids to delete (a caller's delete over HTTP, after the gate's checks). */
  deleteAnnotations?: string[];
  upsertTags: Array<Tag & { name: string }>;
  deleteTags: string[];
}

/** Reads the room and decides: the plan to apply and the answer to give. */
export type Planner<T> = (current: RoomSnapshot) => { plan: ServerPlan; result: T };

/**
 * A note written over HTTP on behalf of a signed-in caller (the W3C Web Annotation Protocol): unlike a plan, it is
 * judged exactly as the gate judges a socket's write of the same note — validation, the role policy with the
 * caller's identity and role, the per-minute note quota — and only then written (server/room.ts `callerWrite`).
 */
export interface CallerWrite {
  /** The caller: a signed-in account, and their role on the document. */
  caller: { userId: string; name: string; role: Role };
  /** The note's id (its key in the room). */
  id: string;
  /**
   * Reads the room's current version of the note (undefined when there is none) and says what to write: a new value
   * (judged by the gate), a delete, or a refusal (a precondition: unknown note, stale `If-Match`).
   */
  decide(current: Annotation | undefined): { value: unknown } | { delete: true } | CallerRefusal;
}

/** Why a caller's write was refused, with the HTTP status that says so. */
export interface CallerRefusal {
  refused: { status: number; reason: string };
}

/** The outcome of a caller's write: the stored note (null after a delete), or the refusal. */
export type CallerWriteOutcome = { ok: true; annotation: Annotation | null } | { ok: false; status: number; reason: string };
