import WebSocket from 'ws';
import { startGlossa, startStock } from './servers.ts';
import { noteFactory } from './notes.ts';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const g = await startGlossa();
const s = await startStock();
const text = await (await fetch(`${g.url}/api/documents/should-have-known/text`)).text();
const make = noteFactory('should-have-known', text, { id: 'bench-writer', name: 'W' });
for (const server of [g, s]) {
  const mk = (user: string) => {
    const doc = new Y.Doc();
    const p = new WebsocketProvider(server.wsBase, 'should-have-known', doc, { WebSocketPolyfill: WebSocket as any, params: { user, name: user }, disableBc: true });
    return { doc, p };
  };
  const r = mk('reader'); const w = mk('bench-writer');
  await new Promise((res) => setTimeout(res, 1000));
  const counts: Record<string, number[]> = {};
  (r.p.ws as any).addEventListener('message', (e: any) => { const d = new Uint8Array(e.data); const k = `${d[0]}/${d[1]}`; (counts[k] ??= [0, 0]); counts[k][0]++; counts[k][1] += d.byteLength; });
  (w.p.ws as any).addEventListener('message', (e: any) => { const d = new Uint8Array(e.data); const k = `W ${d[0]}/${d[1]}`; (counts[k] ??= [0, 0]); counts[k][0]++; counts[k][1] += d.byteLength; });
  for (let i = 0; i < 10; i++) { w.doc.getMap('annotations').set(`x-${server.name}-${i}`, make(`x-${server.name}-${i}`, i)); await new Promise((res) => setTimeout(res, 20)); }
  await new Promise((res) => setTimeout(res, 500));
  console.log(server.name, JSON.stringify(counts), r.doc.getMap('annotations').size);
  for (const c of [r, w]) { c.p.destroy(); c.doc.destroy(); }
}
await g.stop(); await s.stop();
