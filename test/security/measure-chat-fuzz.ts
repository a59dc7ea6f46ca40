/**
 * Figures for the issue (not a test): runs the chat fuzz against a fresh test app and prints the status counts, the
 * p50/p99 latency and the process memory (RSS) before and after. `NODE_OPTIONS=--expose-gc npx tsx test/security/measure-chat-fuzz.ts [count] [seed]`
 */
import { createTestApp } from '../helpers/app.ts';
import { percentile, runFuzz } from './chat-fuzz-inputs.ts';

const count = Number(process.argv[2] ?? 5000);
const seed = Number(process.argv[3] ?? 20261204);
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
/** Heap in use after a full collection (run with NODE_OPTIONS=--expose-gc; without it, as is). */
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
};

const app = await createTestApp({ env: { ANXIN_RATE_PER_USER: '1000000', ANXIN_RATE_PER_ADDRESS: '1000000', ANXIN_UPLOADS_PER_ADDRESS: '1000000' } });
const url = await app.listen(0, '127.0.0.1');
const before = mb();
const heapBefore = heapMb();
const started = performance.now();
const results = await runFuzz(url, seed, count);
const seconds = (performance.now() - started) / 1000;
const after = mb();
const heapAfter = heapMb();
const byStatus: Record<number, number> = {};
for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
const ms = results.map((r) => r.ms);
console.log(JSON.stringify({ count, seed, seconds: +seconds.toFixed(1), byStatus, fiveXX: results.filter((r) => r.status >= 500 || r.status === 0).length, p50ms: +percentile(ms, 50).toFixed(1), p99ms: +percentile(ms, 99).toFixed(1), rssMbBefore: before, rssMbAfter: after, heapMbBefore: heapBefore, heapMbAfter: heapAfter }));
for (const r of results.filter((x) => x.status >= 500 || x.status === 0).slice(0, 5)) console.log(`#${r.i} ${r.status} ${r.body}`);
await app.cleanup();
