/**
 * Greeting planning (issue 5: 100,000 customers in under 10 s and under 300 MB). Generates 100,000 customers —
 * 90 % consenting, 95 % with a WeChat conversation, one policy each, a tenth keeping the lunar birthday — with
 * multi-row INSERTs into a freshly migrated temp SQLite file, then plans Spring Festival 2027 (every consenting
 * customer is due) through the real planner, writing the outbox rows.
 *
 * The planning runs in a fresh child process (bench/greetings-plan-worker.ts), so its memory figure is the
 * planning's own — Node, Prisma and the planner — not what generating the data left behind. Memory: the child's
 * RSS sampled every 20 ms while planning (peak) and its high-water mark (maxRSS). A second planning run of the
 * same day (nothing new: every key exists) is timed as well.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Figure } from './run.ts';
import { sqlitePath } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import type { WorkerReport } from './greetings-plan-worker.ts';

export const name = 'Greeting planning: 100,000 customers';

const CUSTOMERS = 100_000;
const CHUNK = 5_000;
const TARGET_S = 10;
const TARGET_MB = 300;
const DATE = '2027-02-06';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';

/** Bulk-inserts the synthetic book of business with better-sqlite3: one transaction, multi-row statements. */
export function seed(file: string, customers = CUSTOMERS): void {
  const db = new Database(file);
  const now = new Date().toISOString().replace('Z', '+00:00');
  const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00.000+00:00`;
  const insert = (table: string, columns: string[], rows: unknown[][]) => {
    const per = Math.floor(30_000 / columns.length);
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const tuple = `(${columns.map(() => '?').join(',')})`;
      db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`).run(...chunk.flat());
    }
  };
  db.transaction(() => {
    for (let from = 0; from < customers; from += CHUNK) {
      const people: unknown[][] = [];
      const identities: unknown[][] = [];
      const conversations: unknown[][] = [];
      const policies: unknown[][] = [];
      for (let i = from; i < Math.min(customers, from + CHUNK); i++) {
        const id = `c${String(i).padStart(8, '0')}`;
        const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
        people.push([
          id, name, i % 2 ? 'M' : 'F', day(1940 + (i % 65), 1 + (i % 12), 1 + (i % 28)), i % 10 === 0 ? 1 : 0,
          i % 20 === 0 ? 'en' : 'zh', ['standard', 'silver', 'gold', 'platinum'][i % 4], i % 10 === 9 ? 0 : 1, now, now,
        ]);
        if (i % 20 !== 7) {
          identities.push([`i${id}`, 'wechat', `wx-${id}`, id, now, now]);
          conversations.push([`v${id}`, 'wechat', `i${id}`, id, JSON.stringify({ channel: 'wechat', externalUserId: `wx-${id}` }), now, now]);
        }
        policies.push([`p${id}`, `LF${String(i).padStart(10, '0')}`, '安心终身寿险', 'life', id, 'active', day(2015 + (i % 11), 1 + (i % 12), 1 + (i % 28)), '3600', now, now]);
      }
      insert('Customer', ['id', 'name', 'gender', 'birthday', 'lunarBirthday', 'language', 'vipTier', 'greetingConsent', 'createdAt', 'updatedAt'], people);
      insert('ChannelIdentity', ['id', 'channel', 'externalUserId', 'customerId', 'createdAt', 'updatedAt'], identities);
      insert('Conversation', ['id', 'channel', 'identityId', 'customerId', 'ref', 'createdAt', 'updatedAt'], conversations);
      insert('Policy', ['id', 'number', 'product', 'line', 'holderId', 'status', 'effectiveDate', 'premium', 'createdAt', 'updatedAt'], policies);
    }
  })();
  db.close();
}

/** Runs the planning in a child process and returns its report. */
function planInChild(url: string): Promise<WorkerReport> {
  const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'greetings-plan-worker.ts');
  return new Promise((resolve, reject) => {
    const child = fork(worker, [url, DATE], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as WorkerReport));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`planning worker exited with ${code}`)));
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function run(): Promise<Figure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anxin-greetings-bench-'));
  try {
    const url = `file:${path.join(dir, 'bench.db')}`;
    await applyMigrations(url);
    const s0 = performance.now();
    seed(sqlitePath(url));
    const seedSeconds = (performance.now() - s0) / 1000;
    const r = await planInChild(url);
    return [
      { metric: 'customers (generated with bulk INSERTs)', value: `${CUSTOMERS.toLocaleString('en')} in ${seedSeconds.toFixed(1)} s` },
      { metric: 'greetings planned (outbox rows written)', value: `${r.planned.toLocaleString('en')} (${r.rows.toLocaleString('en')})` },
      { metric: 'planning time (wall)', value: `${r.seconds.toFixed(2)} s`, target: `< ${TARGET_S} s`, ok: r.seconds < TARGET_S },
      { metric: 'planning CPU time', value: `${r.cpuSeconds.toFixed(2)} s` },
      { metric: 'peak RSS while planning (whole process)', value: mb(r.peakRss), target: `< ${TARGET_MB} MB`, ok: r.peakRss < TARGET_MB * 1024 * 1024 },
      { metric: 'process high-water mark (maxRSS) after planning', value: mb(r.maxRss) },
      { metric: 'maxRSS already reached before planning (start-up)', value: mb(r.maxRssBefore) },
      { metric: 'RSS before planning (Node + Prisma)', value: mb(r.baselineRss) },
      { metric: 'peak V8 heap while planning', value: mb(r.peakHeap) },
      { metric: 're-run of the same day (plans nothing)', value: `${r.rerunSeconds.toFixed(2)} s (CPU ${r.rerunCpuSeconds.toFixed(2)} s), ${r.rerunPlanned} new` },
      // Wall time depends on what else the machine runs; CPU time does not.
      { metric: 'machine: CPUs, load average (1 min)', value: `${cpus().length}, ${loadavg()[0].toFixed(1)}` },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
