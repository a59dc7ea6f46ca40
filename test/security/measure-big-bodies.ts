/**
 * Figures for the issue (not a test): the finding-7 attack, 20 parallel 4.6 MB bodies to the chat API (and 20 photo
 * uploads of the same size), with /healthz timed while they arrive and RSS before/after.
 * `npx tsx test/security/measure-big-bodies.ts`
 */
import { spawn } from 'node:child_process';
import { createTestApp } from '../helpers/app.ts';

const app = await createTestApp();
const url = await app.listen(0, '127.0.0.1');
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** The attacker runs in its own process so that its memory and CPU are not counted as the server's. */
const CLIENT = `
const [url, path, kind] = process.argv.slice(1);
const BIG = Math.round(4.6 * 1024 * 1024);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.floor((BIG * 3) / 4) - 64, 1)]).toString('base64');
const body = (i) => kind === 'text' ? JSON.stringify({ userId: 'big-' + i, text: 'x'.repeat(BIG) })
  : JSON.stringify({ userId: 'up-' + i, text: '', attachments: [{ name: 'a.jpg', mime: 'image/jpeg', dataBase64: jpeg }] });
const bodies = Array.from({ length: 20 }, (_, i) => body(i));
process.send('ready');
const statuses = {};
await Promise.all(bodies.map((b) => fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b })
  .then((r) => r.status).catch(() => 0).then((s) => (statuses[s] = (statuses[s] ?? 0) + 1))));
process.send(statuses);
`;

async function attack(path: string, kind: 'text' | 'photo') {
  const before = mb();
  const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT, url, path, kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const done = new Promise<Record<string, number>>((resolve) => child.on('message', (m) => m !== 'ready' && resolve(m as Record<string, number>)));
  await new Promise((resolve) => child.once('message', resolve));
  let peak = mb();
  const sampler = setInterval(() => (peak = Math.max(peak, mb())), 20);
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  const health = await fetch(`${url}/healthz`);
  const healthMs = Math.round(performance.now() - t0);
  const statuses = await done;
  clearInterval(sampler);
  child.kill();
  console.log(JSON.stringify({ path, statuses, healthz: health.status, healthMs, serverRssMbBefore: before, serverRssMbPeak: peak, serverRssMbAfter: mb() }));
}

await attack('/api/chat', 'text');
await attack('/api/chat/upload', 'photo');
await app.cleanup();
