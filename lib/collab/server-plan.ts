/**
 * The shape of a change the server makes in a room itself (a facilitator's theme merge or delete asked over HTTP):
 * a planner reads the room's current notes and themes and says what to write. Shared by the room (which applies
 * it in its serial order) and the route handlers (which reach the room through lib/collab/live-rooms.ts).
 */
import type { Annotation, Tag } from '../annotations/schema.ts';

/** The room's notes and themes as the server's own changes see them (parsed). */
export interface RoomSnapshot {
  annotations: ReadonlyMap<string, Annotation>;
  tags: ReadonlyMap<string, Tag>;
}

/** What a server change writes: annotations replaced whole, themes set or deleted. */
export interface ServerPlan {
  upsertAnnotations: Annotation[];
  upsertTags: Array<Tag & { name: string }>;
  deleteTags: string[];
}

/** Reads the room and decides: the plan to apply and the answer to give. */
export type Planner<T> = (current: RoomSnapshot) => { plan: ServerPlan; result: T };
