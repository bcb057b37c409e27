/**
 * Threads on the real server: a question's author marks a reply as its answer and a facilitator resolves another
 * reader's thread, live at the others and durable across a restart; another annotator cannot resolve it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation } from '../../lib/annotations/schema.ts';
import { withThread } from '../../lib/annotations/threads.ts';
import { buildReply } from '../../lib/annotations/build-annotation.ts';

import { buildNote, fetchCollection, storyId } from '../helpers/annotations.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor } from '../helpers/room-clients.ts';
import { storyOwner, startStoryServer } from '../helpers/story-owner.ts';
import type { TestServer } from '../helpers/test-server.ts';

const owner = storyOwner;
let server: TestServer;
let text: string;

beforeAll(async () => {
  ({ server, text } = await startStoryServer());
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const threadOf = (value: unknown) => (value as PassageAnnotation | undefined)?.thread;

describe('a thread', () => {
  it('is answered by its author, resolved by a facilitator, not by another annotator, and stays so', async () => {
    const a = await joinRoom(server.current.wsUrl, storyId, ann, { notices: '1' });
    const b = await joinRoom(server.current.wsUrl, storyId, ben, { notices: '1' });
    const question = {
      ...buildNote({ text, creator: ann, passage: 'lost in memories', comment: 'Which memories?' }),
      motivation: 'questioning' as const,
    };
    a.annotations.set(question.id, question);
    await waitFor(() => b.annotations.has(question.id), 10_000, 'the question at Ben');
    const reply = buildReply({ id: 'reply-answer', parentId: question.id, creator: ben, text: 'Of Willow.', now: new Date() });
    b.annotations.set(reply.id, reply);
    await waitFor(() => a.annotations.has(reply.id), 10_000, 'the reply at Ann');

    // Ben may not resolve Ann's thread.
    b.annotations.set(question.id, withThread(question, { state: 'resolved' }, ben, new Date().toISOString()));
    await waitFor(() => b.notices.some((n) => n.kind === 'refused' && n.key === question.id), 10_000, 'Ben refused');
    // Ann marks Ben's reply as the answer.
    a.annotations.set(question.id, withThread(question, { state: 'answered', answer: reply.id }, ann, new Date().toISOString()));
    await waitFor(() => threadOf(b.annotations.get(question.id))?.state === 'answered', 10_000, 'answered at Ben');
    // The story's owner resolves it (a facilitator's power), with nothing else changed.
    const o = await joinRoom(server.current.wsUrl, storyId, owner, { notices: '1' });
    await waitFor(() => threadOf(o.annotations.get(question.id))?.state === 'answered', 10_000, 'synced');
    o.annotations.set(
      question.id,
      withThread(o.annotations.get(question.id) as PassageAnnotation, { state: 'resolved' }, owner, new Date().toISOString()),
    );
    await waitFor(() => threadOf(a.annotations.get(question.id))?.state === 'resolved', 10_000, 'resolved at Ann');
    expect(o.notices.filter((n) => n.kind === 'refused')).toEqual([]);

    await server.restart();
    const stored = (await fetchCollection(server.current.url)).first.items.find(
      (x) => x.id === question.id,
    ) as unknown as PassageAnnotation;
    expect(stored.thread).toMatchObject({ state: 'resolved', by: owner });
  });
});
