import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenForReader } from '../../helpers/account-fixture.ts';
import { signUp } from '../../helpers/accounts.ts';
import { buildNote, fetchText } from '../../helpers/annotations.ts';
import { bytesOfWholeRoom, destroyAllClients, joinRoom, waitFor, type TestReader } from '../../helpers/room-clients.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const ada: TestReader = { id: 'reader-ada', name: 'Ada' };
const bea: TestReader = { id: 'reader-bea', name: 'Bea' };

let server: TestServer;
let base: string;
let wsUrl: string;
let text: string;
const story = 'should-have-known';
const bearer = (reader: TestReader) => ({ authorization: `Bearer ${tokenForReader(wsUrl, reader)}` });

beforeAll(async () => {
  server = await startTestServer();
  base = server.current.url;
  wsUrl = server.current.wsUrl;
  text = await fetchText(base);
});

afterAll(async () => {
  destroyAllClients();
  await server?.dispose();
});

const progressUrl = () => `${base}/api/documents/${story}/progress`;

function put(headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(progressUrl(), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('the spoiler guard under attack', () => {
  it('a page on another site cannot change a reader’s guard with their cookie', async () => {
    const victim = await signUp(base, 'Victim');
    expect((await put({ cookie: victim.cookie }, { spoilerGuard: true, furthest: 10 })).status).toBe(200);
    const forged = await put(
      { cookie: victim.cookie, origin: 'https://evil.example' },
      { spoilerGuard: false, furthest: 10_000, setTo: true },
    );
    expect(forged.status).toBe(403);
    const now = await fetch(progressUrl(), { headers: { cookie: victim.cookie } });
    expect(await now.json()).toEqual({ furthest: 10, spoilerGuard: true });
  });

  it('no one names another reader: a user field is refused and each answer is the caller’s own', async () => {
    expect((await put(bearer(ada), { furthest: 100, userId: bea.id })).status).toBe(400);
    expect((await put(bearer(ada), { furthest: 100, spoilerGuard: true })).status).toBe(200);
    expect(await (await fetch(progressUrl(), { headers: bearer(bea) })).json()).toEqual({ furthest: 0, spoilerGuard: false });
  });

  it('huge, fractional and non-numeric offsets are refused or capped; a flood stores the text’s length at most', async () => {
    for (const furthest of [1.5, '12', -3, Number.MAX_SAFE_INTEGER + 2, null])
      expect((await put(bearer(bea), { furthest })).status).toBe(400);
    const big = 'x'.repeat(4096);
    expect((await put(bearer(bea), { furthest: 1, pad: big })).status).toBe(413);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => put(bearer(bea), { furthest: 1_000_000_000 + i })));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(await (await fetch(progressUrl(), { headers: bearer(bea) })).json()).toEqual({ furthest: text.length, spoilerGuard: false });
  });

  it('a guarded socket cannot ask around the guard', async () => {
    const ending = buildNote({ text, creator: bea, passage: 'And he should have known better', comment: 'GUARDED-ending-bea' });
    const writer = await joinRoom(wsUrl, story, bea, { notices: '1' });
    writer.annotations.set(ending.id, ending);
    expect((await put(bearer(ada), { furthest: 50, setTo: true, spoilerGuard: true })).status).toBe(200);
    await waitFor(
      async () => (await (await fetch(`${base}/api/documents/${story}/annotations`)).text()).includes('GUARDED-ending'),
      10_000,
      'stored',
    );
    for (const query of ['&blind=off', '&blind=nonsense', '']) {
      const bytes = await bytesOfWholeRoom(wsUrl, story, `?token=${tokenForReader(wsUrl, ada)}${query}`);
      expect(bytes.includes('GUARDED-ending')).toBe(false);
    }
    const listed = await (await fetch(`${base}/api/documents/${story}/annotations`, { headers: bearer(ada) })).text();
    expect(listed).not.toContain('GUARDED-ending');
    const searched = await (await fetch(`${base}/api/documents/${story}/search?q=GUARDED`, { headers: bearer(ada) })).text();
    expect(searched).not.toContain('GUARDED-ending');
    const exported = await (await fetch(`${base}/api/documents/${story}/export?format=md`, { headers: bearer(ada) })).text();
    expect(exported).not.toContain('GUARDED-ending');
  });
});
