/**
 * Greeting planning (issue 5: 100,000 customers in under 10 s and under 300 MB). Generates 100,000 customers —
 * 90 % consenting, 95 % with a WeChat conversation, one policy each, a tenth keeping the lunar birthday — with
 * multi-row INSERTs into a freshly migrated temp SQLite file, then plans Spring Festival 2027 (every consenting
 * customer is due) through the real planner, writing the outbox rows. Memory: the process's RSS sampled every
 * 20 ms while planning (peak) — the whole process, Prisma and Node included — and the V8 heap at the same moments.
 * A second planning run of the same day (nothing new: every key exists) is timed as well.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Figure } from './run.ts';
import { loadConfig } from '../src/config/load.ts';
import { fixedClock } from '../src/core/clock.ts';
import { openDatabase, sqlitePath } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { planGreetings } from '../src/jobs/greetings-plan.ts';
import { emptyResult } from '../src/jobs/types.ts';

export const name = 'Greeting planning: 100,000 customers';

const CUSTOMERS = 100_000;
const TARGET_S = 10;
const TARGET_MB = 300;
const DATE = '2027-02-06';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';

/** Bulk-inserts the synthetic book of business with better-sqlite3 (one transaction, multi-row statements). */
function seed(file: string): void {
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
    const customers: unknown[][] = [];
    const identities: unknown[][] = [];
    const conversations: unknown[][] = [];
    const policies: unknown[][] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const id = `c${String(i).padStart(8, '0')}`;
      const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
      customers.push([
        id, name, i % 2 ? 'M' : 'F', day(1940 + (i % 65), 1 + (i % 12), 1 + (i % 28)), i % 10 === 0 ? 1 : 0,
        i % 20 === 0 ? 'en' : 'zh', ['standard', 'silver', 'gold', 'platinum'][i % 4], i % 10 === 9 ? 0 : 1, now, now,
      ]);
      if (i % 20 !== 7) {
        identities.push([`i${id}`, 'wechat', `wx-${id}`, id, now, now]);
        conversations.push([`v${id}`, 'wechat', `i${id}`, id, JSON.stringify({ channel: 'wechat', externalUserId: `wx-${id}` }), now, now]);
      }
      policies.push([`p${id}`, `LF${String(i).padStart(10, '0')}`, '安心终身寿险', 'life', id, 'active', day(2015 + (i % 11), 1 + (i % 12), 1 + (i % 28)), '3600', now, now]);
    }
    insert('Customer', ['id', 'name', 'gender', 'birthday', 'lunarBirthday', 'language', 'vipTier', 'greetingConsent', 'createdAt', 'updatedAt'], customers);
    insert('ChannelIdentity', ['id', 'channel', 'externalUserId', 'customerId', 'createdAt', 'updatedAt'], identities);
    insert('Conversation', ['id', 'channel', 'identityId', 'customerId', 'ref', 'createdAt', 'updatedAt'], conversations);
    insert('Policy', ['id', 'number', 'product', 'line', 'holderId', 'status', 'effectiveDate', 'premium', 'createdAt', 'updatedAt'], policies);
  })();
  db.close();
}

const mb = (bytes: number) => bytes / 1024 / 1024;

export async function run(): Promise<Figure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anxin-greetings-bench-'));
  try {
    const url = `file:${path.join(dir, 'bench.db')}`;
    await applyMigrations(url);
    seed(sqlitePath(url));
    const db = await openDatabase(url);
    const deps = { db, clock: fixedClock(new Date(`${DATE}T10:00:00+08:00`)), config: loadConfig({ LOG_LEVEL: 'silent' }) };
    try {
      (globalThis as { gc?: () => void }).gc?.();
      const baseline = process.memoryUsage();
      let peakRss = baseline.rss;
      let peakHeap = baseline.heapUsed;
      const sample = () => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      };
      const timer = setInterval(sample, 20);
      const t0 = performance.now();
      const result = emptyResult();
      const planned = await planGreetings(deps, { date: DATE, dryRun: false }, result);
      const seconds = (performance.now() - t0) / 1000;
      sample();
      clearInterval(timer);

      const t1 = performance.now();
      const again = await planGreetings(deps, { date: DATE, dryRun: false }, emptyResult());
      const rerunSeconds = (performance.now() - t1) / 1000;
      const rows = await db.outboxMessage.count();
      return [
        { metric: 'customers', value: CUSTOMERS.toLocaleString('en') },
        { metric: 'greetings planned (outbox rows written)', value: `${planned.toLocaleString('en')} (${rows.toLocaleString('en')})` },
        { metric: 'planning time', value: `${seconds.toFixed(2)} s`, target: `< ${TARGET_S} s`, ok: seconds < TARGET_S },
        { metric: 'peak RSS while planning (whole process)', value: `${mb(peakRss).toFixed(0)} MB`, target: `< ${TARGET_MB} MB`, ok: mb(peakRss) < TARGET_MB },
        { metric: 'RSS before planning', value: `${mb(baseline.rss).toFixed(0)} MB` },
        { metric: 'peak V8 heap while planning', value: `${mb(peakHeap).toFixed(0)} MB` },
        { metric: 're-run of the same day (plans nothing)', value: `${rerunSeconds.toFixed(2)} s, ${again} new` },
      ];
    } finally {
      await db.$disconnect();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
