/**
 * The notes of one room as the reader sees them, and the only code in the browser that writes the room's maps.
 * Framework-free: it wraps a Y.Doc's `annotations` and `tags` maps (see shared-state.ts), parses every value that
 * enters (the maps hold anyone's JSON until parsed), and exposes immutable snapshots with a subscribe/getSnapshot
 * pair that React's `useSyncExternalStore` can use as is. A change to one note replaces only that note's entries
 * (and its parent's reply list): unchanged notes keep their objects, so anything cached per annotation object
 * (anchoring, highlight colours, memoised cards) stays valid.
 */
import type * as Y from 'yjs';
import { buildPassageAnnotation, buildReply, editPassageAnnotation, tagsOf, type NewPassageNote } from '../annotations/build-annotation.ts';
import {
  annotationSchema,
  isPassageAnnotation,
  isReaction,
  reactionIdOf,
  type ReactionAnnotation,
  tagSchema,
  type Annotation,
  type Creator,
  type PassageAnnotation,
  type ReplyAnnotation,
  type Tag,
} from '../annotations/schema.ts';
import { moderate, unhide } from '../annotations/moderation.ts';
import type { NoteType } from '../annotations/note-types.ts';
import type { ReactionKind } from '../annotations/reactions.ts';
import { withLink, type LinkType } from '../annotations/links.ts';
import { withThread } from '../annotations/threads.ts';
import { isWithheldPlaceholder } from '../annotations/blind.ts';
import { colorFor, palette } from '../tags/palette.ts';
import { tagNameOf } from '../tags/tag-name.ts';

/** The two shared maps of a room (a `RoomClient` is one). */
export interface NotesMaps {
  doc: Y.Doc;
  annotations: Y.Map<unknown>;
  tags: Y.Map<unknown>;
}

/** What the reader renders: every valid note, the replies under each note, and the room's tags. */
export interface NotesSnapshot {
  /** Every annotation (notes and replies) that parses, by id. */
  readonly annotations: ReadonlyMap<string, Annotation>;
  /** Notes on the text only, by id (the cards of the margin). */
  readonly passages: ReadonlyMap<string, PassageAnnotation>;
  /** Replies by the id of the note they answer, oldest first. The parent may be gone (a removed note's replies). */
  readonly replies: ReadonlyMap<string, readonly ReplyAnnotation[]>;
  /** The room's tags by lower-case name. */
  readonly tags: ReadonlyMap<string, Tag>;
  /** Reactions by the id of the note they react to (one per reader). */
  readonly reactions: ReadonlyMap<string, readonly ReactionAnnotation[]>;
  /** Reading blind: how many notes, replies and reactions of others the room holds back from this copy for now. */
  readonly withheld: number;
}

/** What `delete` took away, and all `restore` needs to put it back. */
export interface DeletedNote {
  annotation: Annotation;
}

/** A new note as the composer describes it (the store knows the document and makes the id and time). */
export type NewNote = Omit<NewPassageNote, 'documentId' | 'text' | 'id' | 'now'> & { id?: string; now?: Date };

/** A new reply to the note `parentId`. */
export interface NewReplyInput {
  parentId: string;
  creator: Creator;
  text: string;
  id?: string;
  now?: Date;
}

/** The snapshot of a store with nothing in it (also what the reader shows before a room connects). */
export const emptySnapshot: NotesSnapshot = {
  annotations: new Map(),
  passages: new Map(),
  replies: new Map(),
  tags: new Map(),
  reactions: new Map(),
  withheld: 0,
};

const parseAnnotation = (v: unknown): Annotation | null => annotationSchema.safeParse(v).data ?? null;
const parseTag = (v: unknown): Tag | null => tagSchema.safeParse(v).data ?? null;
const byCreated = (x: ReplyAnnotation, y: ReplyAnnotation) => x.created.localeCompare(y.created) || x.id.localeCompare(y.id);

/** A fresh note id (`a-` + UUID: never the composer's draft id). */
export function newNoteId(): string {
  return `a-${crypto.randomUUID()}`;
}

/** The store of one room's notes. `destroy()` removes the observers it added. */
export class NotesStore {
  private snapshot: NotesSnapshot = emptySnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly onAnnotations = (event: Y.YMapEvent<unknown>) => this.applyAnnotations(event.keysChanged);
  private readonly onTags = (event: Y.YMapEvent<unknown>) => this.applyTags(event.keysChanged);
  /** Set when a map changed in the running transaction: subscribers hear once, after it (a note and its tags). */
  private dirty = false;
  /** Keys whose value is a blind reader's placeholder (lib/annotations/blind.ts). */
  private readonly withheldKeys = new Set<string>();
  private readonly onAfterTransaction = () => {
    if (!this.dirty) return;
    this.dirty = false;
    for (const listener of [...this.listeners]) listener();
  };

  /**
   * @param maps the room's doc and maps
   * @param documentId the document new notes target
   * @param text the canonical text new notes quote (their selectors are described on it)
   */
  constructor(
    private readonly maps: NotesMaps,
    private readonly documentId: string,
    private readonly text: string,
  ) {
    maps.annotations.observe(this.onAnnotations);
    maps.tags.observe(this.onTags);
    maps.doc.on('afterTransaction', this.onAfterTransaction);
    this.applyAnnotations(maps.annotations.keys());
    this.applyTags(maps.tags.keys());
    this.dirty = false;
  }

  /** Adds a listener called after every change of the snapshot; returns its removal. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current snapshot: the same object until something changes. */
  getSnapshot = (): NotesSnapshot => this.snapshot;

  /** Writes a new note on a passage (creating its new tags) and returns it. */
  create(note: NewNote): PassageAnnotation {
    const annotation = buildPassageAnnotation({
      ...note,
      id: note.id ?? newNoteId(),
      now: note.now ?? new Date(),
      documentId: this.documentId,
      text: this.text,
    });
    this.writePassage(annotation);
    return annotation;
  }

  /** Replaces the comment and tags of note `id` (creating new tags); null when there is no such note. */
  edit(id: string, comment: string, tags: string[], now = new Date(), type?: NoteType): PassageAnnotation | null {
    const current = this.snapshot.passages.get(id);
    if (!current) return null;
    const annotation = editPassageAnnotation(current, comment, tags, now, type);
    this.writePassage(annotation);
    return annotation;
  }

  /** Deletes a note or reply; returns what `restore` needs, or null when there is no such annotation. */
  delete(id: string): DeletedNote | null {
    const annotation = this.snapshot.annotations.get(id);
    if (!annotation) return null;
    this.maps.doc.transact(() => this.maps.annotations.delete(id), this);
    return { annotation };
  }

  /** Puts a deleted note or reply back as it was (with its tags, should they be gone too). */
  restore(deleted: DeletedNote): void {
    this.put(deleted.annotation);
  }

  /**
   * A facilitator's mark on note or reply `id`: hidden (its text kept for moderators), removed (its text gone, a
   * trace left), or `restore` (a hidden one shown again). Null when there is no such annotation.
   */
  moderate(id: string, action: 'hidden' | 'removed' | 'restore', by: Creator, now = new Date()): Annotation | null {
    const current = this.snapshot.annotations.get(id);
    if (!current) return null;
    const next = action === 'restore' ? unhide(current) : moderate(current, action, by, now.toISOString());
    this.write(next);
    return next;
  }

  /** Links note `id` to note `target` with `type` (replacing a link to it), or unlinks it (null). */
  link(id: string, target: string, type: LinkType | null, now = new Date()): PassageAnnotation | null {
    const current = this.snapshot.passages.get(id);
    if (!current || target === id) return null;
    const { links: _old, ...rest } = current;
    const links = withLink(current.links, target, type);
    const next: PassageAnnotation = { ...rest, ...(links.length ? { links } : {}), modified: now.toISOString() };
    this.write(next);
    return next;
  }

  /** Sets `by`'s reaction to note `noteId` (one per reader: another kind replaces it), or takes it back (null). */
  react(noteId: string, kind: ReactionKind | null, by: Creator, now = new Date()): void {
    const id = reactionIdOf(noteId, by.id);
    if (kind === null) {
      if (this.maps.annotations.has(id)) this.maps.doc.transact(() => this.maps.annotations.delete(id), this);
      return;
    }
    // Changing one's reaction edits it (the room keeps an annotation's creation time).
    const existing = this.snapshot.annotations.get(id);
    const reaction: ReactionAnnotation = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id,
      type: 'Annotation',
      motivation: 'assessing',
      creator: { id: by.id, name: by.name },
      created: existing?.created ?? now.toISOString(),
      ...(existing ? { modified: now.toISOString() } : {}),
      body: [{ type: 'TextualBody', purpose: 'assessing', value: kind }],
      target: noteId,
    };
    this.write(reaction);
  }

  /** Resolves, answers (with reply `answer`) or reopens (null) the thread of note `id`. Null when there is no such note. */
  setThread(
    id: string,
    mark: { state: 'resolved' | 'answered'; answer?: string } | null,
    by: Creator,
    now = new Date(),
  ): PassageAnnotation | null {
    const current = this.snapshot.passages.get(id);
    if (!current) return null;
    const next = withThread(current, mark, by, now.toISOString());
    this.write(next);
    return next;
  }

  /**
   * Writes an annotation exactly as it is (id, times and all): a private note shared into the room keeps what it
   * was. Its tags are created if the room lacks them.
   */
  put(annotation: Annotation): void {
    if (isPassageAnnotation(annotation)) this.writePassage(annotation);
    else this.write(annotation);
  }

  /** Writes a reply under a note and returns it. */
  reply(input: NewReplyInput): ReplyAnnotation {
    const reply = buildReply({ ...input, id: input.id ?? newNoteId(), now: input.now ?? new Date() });
    this.write(reply);
    return reply;
  }

  /** Renames, recolours or describes theme `name` (a facilitator's change; the room refuses it from others). */
  updateTag(name: string, patch: Partial<Tag>): Tag | null {
    const current = this.snapshot.tags.get(name);
    if (!current) return null;
    // A field set to undefined is dropped (a theme no longer nested, a description cleared), never stored as such.
    const merged = Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, v]) => v !== undefined));
    const next = tagSchema.parse(merged);
    this.maps.doc.transact(() => this.maps.tags.set(name, next), this);
    return next;
  }

  /** Deletes theme `name` from the vocabulary (a facilitator's change, for a theme no note uses). */
  deleteTag(name: string): void {
    if (this.maps.tags.has(name)) this.maps.doc.transact(() => this.maps.tags.delete(name), this);
  }

  /** Creates the tags of `names` the room lacks, each with its palette colour. */
  ensureTags(names: Iterable<string>): void {
    this.maps.doc.transact(() => this.addMissingTags(names), this);
  }

  /** Stops observing the maps and drops every listener. */
  destroy(): void {
    this.maps.annotations.unobserve(this.onAnnotations);
    this.maps.tags.unobserve(this.onTags);
    this.maps.doc.off('afterTransaction', this.onAfterTransaction);
    this.listeners.clear();
  }

  private writePassage(annotation: PassageAnnotation): void {
    this.maps.doc.transact(() => {
      this.addMissingTags(tagsOf(annotation));
      this.maps.annotations.set(annotation.id, checked(annotation));
    }, this);
  }

  private write(annotation: Annotation): void {
    this.maps.doc.transact(() => this.maps.annotations.set(annotation.id, checked(annotation)), this);
  }

  private addMissingTags(names: Iterable<string>): void {
    for (const label of names) {
      const name = tagNameOf(label);
      if (name && !this.maps.tags.has(name)) this.maps.tags.set(name, { label: name, color: this.freeColour(name) } satisfies Tag);
    }
  }

  /** A palette colour no theme of the room has yet (themes stay apart), else the name's own hashed one. */
  private freeColour(name: string): string {
    const used = new Set<string>();
    for (const tag of this.snapshot.tags.values()) used.add(tag.color.toLowerCase());
    for (const value of this.maps.tags.values())
      if (typeof (value as Tag)?.color === 'string') used.add((value as Tag).color.toLowerCase());
    // In palette order, which alternates hues, so the first themes of a room are far apart; past the palette a
    // theme takes its name's own colour.
    return palette.find((c) => !used.has(c)) ?? colorFor(name);
  }

  /** Re-reads only `keys` of the annotations map into a new snapshot. */
  private applyAnnotations(keys: Iterable<string>): void {
    const prev = this.snapshot;
    const annotations = new Map(prev.annotations);
    let passages: Map<string, PassageAnnotation> | null = null;
    // The parents whose reply lists change, with the replies added under each.
    const added = new Map<string, ReplyAnnotation[]>();
    const touch = (parent: string) => {
      if (!added.has(parent)) added.set(parent, []);
      return added.get(parent)!;
    };
    // Reactions are kept apart from replies, by note; a note whose reactions change gets a new list.
    let reactions: Map<string, readonly ReactionAnnotation[]> | null = null;
    const react = (note: string, update: (list: ReactionAnnotation[]) => ReactionAnnotation[]) => {
      reactions ??= new Map(prev.reactions);
      const list = update([...(reactions.get(note) ?? [])]);
      if (list.length) reactions.set(note, list);
      else reactions.delete(note);
    };
    let withheld = prev.withheld;
    for (const key of keys) {
      const value = this.maps.annotations.get(key);
      const isWithheld = isWithheldPlaceholder(value);
      if (isWithheld !== this.withheldKeys.has(key)) {
        if (isWithheld) this.withheldKeys.add(key);
        else this.withheldKeys.delete(key);
        withheld = this.withheldKeys.size;
      }
      const parsed = value === undefined || isWithheld ? null : parseAnnotation(value);
      const old = annotations.get(key);
      if (old && isPassageAnnotation(old)) (passages ??= new Map(prev.passages)).delete(key);
      else if (old && isReaction(old)) react(old.target, (list) => list.filter((r) => r.id !== key));
      else if (old) touch(old.target);
      // A value whose key is not its id is not a note of this room (nothing valid would write it).
      if (parsed && parsed.id === key) {
        annotations.set(key, parsed);
        if (isPassageAnnotation(parsed)) (passages ??= new Map(prev.passages)).set(key, parsed);
        else if (isReaction(parsed)) react(parsed.target, (list) => [...list.filter((r) => r.id !== key), parsed]);
        else touch(parsed.target).push(parsed);
      } else annotations.delete(key);
    }
    // Only the reply lists of the parents whose replies changed are rebuilt.
    let replies = prev.replies;
    if (added.size) {
      const next = new Map(prev.replies);
      for (const [parent, fresh] of added) {
        const list = (prev.replies.get(parent) ?? []).filter((r) => annotations.get(r.id) === r).concat(fresh);
        list.sort(byCreated);
        if (list.length) next.set(parent, list);
        else next.delete(parent);
      }
      replies = next;
    }
    this.snapshot = {
      ...prev,
      annotations,
      passages: passages ?? prev.passages,
      replies,
      reactions: reactions ?? prev.reactions,
      withheld,
    };
    this.dirty = true;
  }

  /** Re-reads only `keys` of the tags map into a new snapshot. */
  private applyTags(keys: Iterable<string>): void {
    const tags = new Map(this.snapshot.tags);
    for (const key of keys) {
      const value = this.maps.tags.get(key);
      const parsed = value === undefined ? null : parseTag(value);
      if (parsed) tags.set(key, parsed);
      else tags.delete(key);
    }
    this.snapshot = { ...this.snapshot, tags };
    this.dirty = true;
  }
}

/** The annotation parsed before it is written: the store never puts what the room would refuse on structure. */
function checked(annotation: Annotation): Annotation {
  const parsed = annotationSchema.safeParse(annotation);
  if (!parsed.success) throw new Error(`not a valid annotation: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}
