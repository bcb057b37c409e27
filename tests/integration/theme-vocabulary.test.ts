/**
 * A room's theme vocabulary governed over HTTP on the real server: a facilitator merges one theme into another and
 * every note of it (whoever wrote it) carries the other, live at a second reader and after a restart; deleting a
 * theme takes it off every note and the answer holds what its undo needs; the undo gives it back. Annotators,
 * viewers and readers without an account are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageAnnotation, Tag } from '../../lib/annotations/schema.ts';
import { tokenForReader } from '../helpers/account-fixture.ts';
import { buildNote, fetchCollection, storyId } from '../helpers/annotations.ts';
import { ann, ben, destroyAllClients, joinRoom, waitFor, type TestReader } from '../helpers/room-clients.ts';
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

function themeRequest(reader: TestReader | null, method: string, name: string, body?: unknown): Promise<Response> {
  const auth: Record<string, string> = reader ? { authorization: `Bearer ${tokenForReader(server.current.wsUrl, reader)}` } : {};
  return fetch(`${server.current.url}/api/documents/${storyId}/themes/${encodeURIComponent(name)}`, {
    method,
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const tagsOfNote = (a: unknown) => (a as PassageAnnotation).body.filter((b) => b.purpose === 'tagging').map((b) => b.value);

describe('the theme vocabulary', () => {
  it('merges a theme into another on every note, live and durable, whoever wrote the notes', async () => {
    const a = await joinRoom(server.current.wsUrl, storyId, ann);
    const b = await joinRoom(server.current.wsUrl, storyId, ben);
    const first = buildNote({ text, creator: ann, passage: 'lost in memories', comment: 'Memory.', tags: ['shame'] });
    const second = buildNote({ text, creator: ben, passage: 'fallen apart', comment: 'Both.', tags: ['shame', 'guilt'] });
    // As the reader's notes store does: a note's new themes enter the vocabulary with it.
    a.doc.transact(() => {
      a.tags.set('shame', { label: 'shame', color: '#911eb4' });
      a.annotations.set(first.id, first);
    });
    b.doc.transact(() => {
      b.tags.set('guilt', { label: 'guilt', color: '#e6194b' });
      b.annotations.set(second.id, second);
    });
    await waitFor(() => a.annotations.has(second.id) && b.annotations.has(first.id), 10_000, 'both notes everywhere');
    await waitFor(() => a.tags.has('shame') && a.tags.has('guilt'), 10_000, 'both themes');

    expect((await themeRequest(ann, 'POST', 'shame', { action: 'merge', into: 'guilt' })).status).toBe(403);
    expect((await themeRequest(null, 'POST', 'shame', { action: 'merge', into: 'guilt' })).status).toBe(401);
    const res = await themeRequest(owner, 'POST', 'shame', { action: 'merge', into: 'guilt' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ merged: 2 });
    await waitFor(() => !b.tags.has('shame'), 10_000, 'the merged theme gone at Ben');
    expect(tagsOfNote(b.annotations.get(first.id))).toEqual(['guilt']);
    expect(tagsOfNote(b.annotations.get(second.id))).toEqual(['guilt']);

    await server.restart();
    const after = await fetchCollection(server.current.url);
    const stored = after.first.items.filter((x) => x.id === first.id || x.id === second.id) as unknown as PassageAnnotation[];
    expect(stored.map(tagsOfNote)).toEqual([['guilt'], ['guilt']]);
    const c = await joinRoom(server.current.wsUrl, storyId, ann);
    expect(c.tags.has('shame')).toBe(false);
    expect(tagsOfNote(c.annotations.get(first.id))).toEqual(['guilt']);
  });

  it('renames and recolours a theme (a facilitator, in the room) live at a second reader and after a restart; an annotator cannot', async () => {
    const a = await joinRoom(server.current.wsUrl, storyId, ann, { notices: '1' });
    const note = buildNote({ text, creator: ann, passage: 'the voices and screams', comment: 'Echoes.', tags: ['echo'] });
    a.doc.transact(() => {
      a.tags.set('echo', { label: 'echo', color: '#3cb44b' });
      a.annotations.set(note.id, note);
    });
    const watcher = await joinRoom(server.current.wsUrl, storyId, ben);
    await waitFor(() => watcher.tags.has('echo'), 10_000, 'the theme at Ben');
    // An annotator's rename is taken back for everyone.
    a.tags.set('echo', { label: 'Echo chamber', color: '#3cb44b' });
    await waitFor(() => a.notices.some((n) => n.kind === 'refused' && n.key === 'echo'), 10_000, 'the refusal');
    await waitFor(() => (a.tags.get('echo') as Tag).label === 'echo', 10_000, 'the label restored');
    const governor = await joinRoom(server.current.wsUrl, storyId, owner);
    governor.tags.set('echo', { label: 'Echoes', color: '#4363d8', description: 'Lines that come back.' });
    await waitFor(() => (watcher.tags.get('echo') as Tag | undefined)?.label === 'Echoes', 10_000, 'the rename at Ben');
    expect(watcher.tags.get('echo')).toEqual({ label: 'Echoes', color: '#4363d8', description: 'Lines that come back.' });
    // The note keeps its theme (by its key): renaming is one entry, not a rewrite of every note.
    expect(tagsOfNote(watcher.annotations.get(note.id))).toEqual(['echo']);

    await server.restart();
    const back = await joinRoom(server.current.wsUrl, storyId, ben);
    expect(back.tags.get('echo')).toEqual({ label: 'Echoes', color: '#4363d8', description: 'Lines that come back.' });
  });

  it('deletes a theme from every note and gives it back on undo', async () => {
    const a = await joinRoom(server.current.wsUrl, storyId, ann);
    const only = buildNote({ text, creator: ann, passage: 'two tiny little details', tags: ['motif'] });
    a.doc.transact(() => {
      a.tags.set('motif', { label: 'Motif', color: '#469990' });
      a.annotations.set(only.id, { ...only, motivation: 'tagging', body: only.body.filter((x) => x.purpose === 'tagging') });
    });
    await waitFor(() => a.tags.has('motif'), 10_000, 'the theme');
    await waitFor(async () => (await fetchCollection(server.current.url)).first.items.some((x) => x.id === only.id), 10_000, 'stored');
    const res = await themeRequest(owner, 'DELETE', 'motif');
    expect(res.status).toBe(200);
    const deleted = (await res.json()) as { name: string; tag: Tag; notes: string[] };
    expect(deleted.notes).toEqual([only.id]);
    await waitFor(() => !a.tags.has('motif'), 10_000, 'the theme gone live');
    // A tag-only note without its tag is a plain highlight.
    expect(a.annotations.get(only.id)).toMatchObject({ motivation: 'highlighting', body: [] });
    const undo = await themeRequest(owner, 'POST', 'motif', { action: 'restore', tag: deleted.tag, notes: deleted.notes });
    expect(await undo.json()).toEqual({ restored: 1 });
    await waitFor(() => a.tags.has('motif'), 10_000, 'the theme back live');
    expect(a.annotations.get(only.id)).toMatchObject({ motivation: 'tagging' });
    expect(tagsOfNote(a.annotations.get(only.id))).toEqual(['motif']);
  });

  it('answers 404 for an unknown theme and 400 for a name that is not one', async () => {
    expect((await themeRequest(owner, 'DELETE', 'no such theme')).status).toBe(404);
    expect((await themeRequest(owner, 'DELETE', 'Not Normal ')).status).toBe(400);
    expect((await themeRequest(owner, 'POST', 'guilt', { action: 'merge', into: 'guilt' })).status).toBe(400);
  });
});
