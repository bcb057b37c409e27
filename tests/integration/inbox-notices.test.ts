/**
 * The inbox-notice decorator of the rooms' persistence (server/inbox-notices.ts) on a real SQLite file, without a
 * server: once a change is stored, the members its notes mention and the authors of the notes its replies answer
 * are told — once each, never the writer, never for a reaction, a non-member's name, a change that failed to store,
 * or a note a blind room withholds from them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlossaDb } from '../../db/client.ts';
import { storeRoomChange } from '../../db/queries/room-store.ts';
import { buildPassageAnnotation, buildReply } from '../../lib/annotations/build-annotation.ts';
import { type Annotation, reactionIdOf } from '../../lib/annotations/schema.ts';
import type { Notice } from '../../lib/collab/notice.ts';
import { withInboxNotices } from '../../server/inbox-notices.ts';
import type { RoomPersistence } from '../../server/room-persistence.ts';
import { freshDatabase, type TempDatabase } from '../helpers/db-fixtures.ts';
import { rangeOf, storyDocumentId, storyText } from '../helpers/unit-story.ts';

const olga = { id: 'u-olga', name: 'Olga' };
const ada = { id: 'u-ada', name: 'Ada' };
const bea = { id: 'u-bea', name: 'Bea' };
const beaL = { id: 'u-bea-l', name: 'Bea Lindqvist' };
const cy = { id: 'u-cy', name: 'Cy' };

let temp: TempDatabase;
let told: Array<{ userId: string; notice: Notice }>;
let persistence: RoomPersistence;
let failNext: boolean;

function note(id: string, creator: { id: string; name: string }, passage: string, comment: string): Annotation {
  return buildPassageAnnotation({
    id,
    documentId: storyDocumentId,
    creator,
    text: storyText,
    range: rangeOf(passage),
    comment,
    tags: [],
    now: new Date(),
  });
}

async function store(...annotations: Annotation[]): Promise<void> {
  await persistence.store({
    documentId: storyDocumentId,
    update: new Uint8Array([0, 0]),
    upsertAnnotations: annotations,
    deleteAnnotations: [],
    upsertTags: [],
    deleteTags: [],
  });
  // Notices go out on the next turn, after the store.
  await new Promise((resolve) => setImmediate(resolve));
}

const toldIds = () => told.map((t) => t.userId).sort();

beforeEach(async () => {
  temp = freshDatabase();
  const db: GlossaDb = temp.db;
  const now = Date.now();
  // Olga is the first account: she runs the instance and owns the story (a text from before accounts).
  for (const [i, u] of [olga, ada, bea, beaL, cy].entries())
    db.$client
      .prepare('INSERT INTO users (id, name, email, email_verified, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)')
      .run(u.id, u.name, `${u.id}@example.org`, now + i, now + i);
  told = [];
  failNext = false;
  const inner: RoomPersistence = {
    load: async () => null,
    compact: async () => false,
    async store(change) {
      if (failNext) throw new Error('disk full');
      storeRoomChange(db, change);
    },
  };
  persistence = withInboxNotices(inner, { db: () => db, notifyUser: (userId, notice) => told.push({ userId, notice }) });
  // On a text of no group, the people who may be mentioned are its writers and its owner.
  await store(
    note('bea-1', bea, 'the mausoleum', 'Mine.'),
    note('bea-l-1', beaL, 'a cigarette burning', 'Mine too.'),
    note('cy-1', cy, 'Things in Sunnydale', 'And mine.'),
  );
  told = [];
});

afterEach(() => temp.dispose());

describe('inbox notices', () => {
  it('tell each member a note mentions, once, and never its writer', async () => {
    await store(note('ada-1', ada, 'the chip', '@Bea and @cy, and @Bea again; @Ada is me'));
    expect(toldIds()).toEqual([bea.id, cy.id]);
    expect(told.every((t) => t.notice.kind === 'inbox')).toBe(true);
  });

  it('tell the longest name at the @, not a shorter one inside it', async () => {
    await store(note('ada-2', ada, 'the chip', 'cc @Bea Lindqvist'));
    expect(toldIds()).toEqual([beaL.id]);
  });

  it('tell the author of the note a reply answers', async () => {
    await store(buildReply({ id: 'r-1', parentId: 'bea-1', creator: cy, text: 'Agreed.', now: new Date() }));
    expect(toldIds()).toEqual([bea.id]);
  });

  it('tell no one of a reaction, of a non-member’s name, or of a reply to one’s own note', async () => {
    const reaction = {
      id: reactionIdOf('bea-1', cy.id),
      type: 'Annotation',
      motivation: 'assessing',
      creator: cy,
      created: new Date().toISOString(),
      body: [{ type: 'TextualBody', purpose: 'assessing', value: 'agree' }],
      target: 'bea-1',
    } as Annotation;
    await store(reaction);
    await store(note('ada-3', ada, 'the chip', 'Ask @Zed or @Olgaa'));
    await store(buildReply({ id: 'r-2', parentId: 'bea-1', creator: bea, text: 'Adding to my own note.', now: new Date() }));
    expect(told).toEqual([]);
  });

  it('tell the owner of the text, who may be mentioned without having written', async () => {
    await store(note('ada-4', ada, 'the chip', 'What does @Olga think?'));
    expect(toldIds()).toEqual([olga.id]);
  });

  it('tell no one when storing failed', async () => {
    failNext = true;
    await expect(store(note('ada-5', ada, 'the chip', '@Bea look'))).rejects.toThrow('disk full');
    expect(told).toEqual([]);
  });

  it('tell no one of a note a blind room withholds from them, until their own note opens its paragraph', async () => {
    temp.db.$client.prepare("UPDATE documents SET blind_mode = 'passage' WHERE id = ?").run(storyDocumentId);
    await store(note('ada-6', ada, 'the chip', '@Cy, a thought'));
    expect(told).toEqual([]);
    await store(note('cy-2', cy, 'the chip', 'My own reading first.'));
    await store(note('ada-7', ada, 'the chip', '@Cy, another'));
    expect(toldIds()).toEqual([cy.id]);
  });
});
