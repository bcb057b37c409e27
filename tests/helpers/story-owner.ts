/**
 * A test server whose first account — so the instance owner, who owns the sample story and governs its room as a
 * facilitator would — is `storyOwner`, made before any other reader signs in. For tests of what only a
 * facilitator or owner may do in the story's room (themes, threads).
 */
import { tokenForReader } from './account-fixture.ts';
import { fetchText } from './annotations.ts';
import type { TestReader } from './room-clients.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export const storyOwner: TestReader = { id: 'reader-first', name: 'First' };

export async function startStoryServer(): Promise<{ server: TestServer; text: string }> {
  const server = await startTestServer();
  tokenForReader(server.current.wsUrl, storyOwner);
  return { server, text: await fetchText(server.current.url) };
}
