// Makes docs/screenshots/reader.png: starts the real server on a temp database, lets three readers write notes
// through the live room (as the browser does), and photographs one reader's page in Debian's Chromium.
// Run: node --import tsx scripts/screenshot-reader.ts
import { chromium } from '@playwright/test';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { buildPassageAnnotation } from '../lib/annotations/build-annotation.ts';
import { colorFor } from '../lib/tags/palette.ts';
import { chromiumLaunchOptions } from '../tests/helpers/chromium.ts';
import { startServer, tempDbPath } from '../tests/helpers/server-process.ts';

const notes = [
  {
    who: 'Ada',
    phrase: 'all of this could have been prevented',
    comment: 'The whole story in one clause: prevention, not fate.',
    tags: ['guilt'],
  },
  {
    who: 'Ben',
    phrase: 'She would still be here if only... If only...',
    comment: "Angel's voice, Spike's words: whose guilt is it?",
    tags: ['guilt', 'loneliness'],
  },
  {
    who: 'Cleo',
    phrase: 'he had turned his back on her, abandoning her',
    comment: 'Abandonment told as a choice he made.',
    tags: ['exclusion'],
  },
  {
    who: 'Ada',
    phrase: 'only to be met with suspicion and distrust from Buffy and Xander',
    comment: 'The group closes ranks.',
    tags: ['exclusion'],
  },
  { who: 'Ben', phrase: 'apparent indifference', comment: '', tags: ['loneliness'] },
];

const { dbPath, cleanup } = tempDbPath();
const server = await startServer({ dbPath });
try {
  const text = await (await fetch(`${server.url}/api/documents/should-have-known/text`)).text();
  for (const [i, n] of notes.entries()) {
    const doc = new Y.Doc();
    const id = `r-${n.who.toLowerCase()}`;
    const provider = new WebsocketProvider(`${server.wsUrl}/collab`, 'should-have-known', doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { user: id, name: n.who },
    });
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const start = text.indexOf(n.phrase);
    if (start < 0) throw new Error(`not in the story: ${n.phrase}`);
    const note = buildPassageAnnotation({
      id: `demo-${i}`,
      documentId: 'should-have-known',
      creator: { id, name: n.who },
      text,
      range: { start, end: start + n.phrase.length },
      comment: n.comment,
      tags: n.tags,
      now: new Date(Date.UTC(2026, 10, 25, 19, 5 + i * 3)),
    });
    doc.transact(() => {
      for (const t of n.tags) if (!doc.getMap('tags').has(t)) doc.getMap('tags').set(t, { label: t, color: colorFor(t) });
      doc.getMap('annotations').set(note.id, note);
    });
    await new Promise((r) => setTimeout(r, 300));
    provider.destroy();
    doc.destroy();
  }
  const browser = await chromium.launch(chromiumLaunchOptions());
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => localStorage.setItem('glossa.reader', JSON.stringify({ id: 'r-ada', name: 'Ada' })));
  const page = await context.newPage();
  await page.goto(`${server.url}/d/should-have-known`);
  await page.waitForSelector('.note-card');
  await page.evaluate(() => window.scrollTo(0, 330));
  await page.waitForTimeout(800);
  await page.screenshot({ path: 'docs/screenshots/reader.png' });
  await browser.close();
  console.log('wrote docs/screenshots/reader.png');
} finally {
  await server.stop();
  cleanup();
}
