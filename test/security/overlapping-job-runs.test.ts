/**
 * Issue 12, finding 6: overlapping greeting runs failed quietly (a CLI run alongside another run: 10,568 errors and
 * 1,379 unsent greetings, both runs recorded `ok`), and a run killed midway stayed `running` for ever.
 *
 * Real processes over one SQLite file (test/security/fixtures/greetings-run.ts), "WeChat" faked at the edge and
 * recording every message it receives in a file shared by the processes, so "exactly once" is counted across them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createTestDb, type TestDb } from '../../src/db/test-db.ts';
import { greetingsJob } from '../../src/jobs/greetings.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { createTestApp } from '../helpers/app.ts';
import { at, FakeWeChat, seedCustomer } from '../jobs/helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const runner = path.join(import.meta.dirname, 'fixtures/greetings-run.ts');
/** 10:00 on an ordinary day (no holiday): every seeded customer has a birthday greeting due, nothing else. */
const NOW = at('2027-03-10', '10:00');
const CUSTOMERS = 2000;
/** The send at which the first process stops (and waits, or is killed). */
const GATE_AT = 300;

/** Process start-up (tsx, migrations, the NLU) plus a few thousand sends on a busy 2-core machine. */
const SLOW = 300_000;

let dbs: TestDb[] = [];
let dirs: string[] = [];
let children: ChildProcess[] = [];
afterEach(async () => {
  // A failed assertion must not leave a gated child waiting for ever.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children = [];
  for (const d of dbs) await d.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dbs = [];
  dirs = [];
});

/** A database with CUSTOMERS consenting customers, each born on 10 March and reachable on WeChat. */
async function world() {
  const tdb = await createTestDb();
  dbs.push(tdb);
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-overlap-'));
  dirs.push(dir);
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => `cust${String(i).padStart(5, '0')}`);
  await tdb.db.customer.createMany({
    data: ids.map((id, i) => ({ id, name: `客户${i}`, gender: i % 2 ? 'F' : 'M', language: 'zh', birthday: new Date('1980-03-10T00:00:00Z'), greetingConsent: true })),
  });
  await tdb.db.channelIdentity.createMany({ data: ids.map((id) => ({ id: `ci-${id}`, channel: 'wechat', externalUserId: `wx-${id}`, customerId: id })) });
  await tdb.db.conversation.createMany({
    data: ids.map((id) => ({ id: `cv-${id}`, channel: 'wechat', identityId: `ci-${id}`, customerId: id, ref: { channel: 'wechat', externalUserId: `wx-${id}` }, language: 'zh' })),
  });
  const files = { DELIVERED_FILE: path.join(dir, 'delivered.tsv'), REACHED_FILE: path.join(dir, 'reached'), GATE_FILE: path.join(dir, 'gate') };
  writeFileSync(files.DELIVERED_FILE, '');
  return { tdb, files, users: ids.map((id) => `wx-${id}`) };
}

interface RunOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  out?: { runId: string; status: string; reason?: string; holder?: string; counts: Record<string, number>; errors: number };
  stderr: string;
}

/** Starts one greetings run in a new process. */
function start(url: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', runner], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, ANXIN_TEST_NOW: NOW.toISOString(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<RunOutcome>((resolve) =>
    child.on('exit', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1);
      resolve({ code, signal, out: last?.startsWith('{') ? JSON.parse(last) : undefined, stderr });
    }),
  );
  return { child, done };
}

/** Lines "WeChat" received, per user. */
function deliveries(file: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const user = line.split('\t')[0];
    seen.set(user, (seen.get(user) ?? 0) + 1);
  }
  return seen;
}

function expectEachOnce(seen: Map<string, number>, users: string[]) {
  expect(seen.size).toBe(users.length);
  expect([...seen.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}

describe('overlapping greeting runs (issue 12 #6)', () => {
  it('a second run while one is sending is refused, naming the holder; every greeting reaches WeChat exactly once', async () => {
    const { tdb, files, users } = await world();
    const first = start(tdb.url, { ...files, GATE_AT: String(GATE_AT) });
    // The first run holds the job and is in the middle of sending.
    await expect.poll(() => existsSync(files.REACHED_FILE), { timeout: SLOW, interval: 100 }).toBe(true);

    const second = await start(tdb.url, files).done;
    expect(second.code).toBe(3);
    expect(second.out?.status).toBe('refused');

    writeFileSync(files.GATE_FILE, 'open');
    const firstDone = await first.done;
    expect(firstDone.stderr).toBe('');
    expect(firstDone.code).toBe(0);
    expect(firstDone.out).toMatchObject({ status: 'ok', errors: 0, counts: { sent: CUSTOMERS } });
    expect(second.out?.holder).toBe(firstDone.out?.runId);

    expectEachOnce(deliveries(files.DELIVERED_FILE), users);
    expect(await tdb.db.outboxMessage.groupBy({ by: ['status'], _count: true })).toEqual([{ status: 'sent', _count: CUSTOMERS }]);
    expect(await tdb.db.message.count({ where: { direction: 'out' } })).toBe(CUSTOMERS);
    const runs = await tdb.db.jobRun.findMany({ where: { job: 'greetings' }, orderBy: { startedAt: 'asc' } });
    expect(runs.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [firstDone.out!.runId, 'ok'],
        [second.out!.runId, 'refused'],
      ].sort(),
    );
    expect(runs.find((r) => r.status === 'refused')?.reason).toContain(`run ${firstDone.out!.runId} (`);
    expect(await tdb.db.jobLease.count()).toBe(0);
  }, SLOW);

  it('a run killed mid-way (SIGKILL) is closed as abandoned at the next start, which sends the rest exactly once', async () => {
    const { tdb, files, users } = await world();
    const victim = start(tdb.url, { ...files, GATE_AT: String(GATE_AT) });
    await expect.poll(() => existsSync(files.REACHED_FILE), { timeout: SLOW, interval: 100 }).toBe(true);
    victim.child.kill('SIGKILL');
    expect((await victim.done).signal).toBe('SIGKILL');
    const killed = await tdb.db.jobRun.findFirstOrThrow({ where: { job: 'greetings' } });
    expect(killed.status).toBe('running');
    expect(deliveries(files.DELIVERED_FILE).size).toBe(GATE_AT - 1);

    const next = await start(tdb.url, files).done;
    expect(next.stderr).toBe('');
    expect(next.out).toMatchObject({ status: 'ok', errors: 0 });
    // The message in WeChat's hands at the kill (claimed, never delivered) is finished from its row, not re-created.
    expect(next.out!.counts).toMatchObject({ resumed: 1, sent: CUSTOMERS - GATE_AT + 1 });

    expectEachOnce(deliveries(files.DELIVERED_FILE), users);
    expect(await tdb.db.outboxMessage.groupBy({ by: ['status'], _count: true })).toEqual([{ status: 'sent', _count: CUSTOMERS }]);
    expect(await tdb.db.message.count({ where: { direction: 'out' } })).toBe(CUSTOMERS);
    const closed = await tdb.db.jobRun.findUniqueOrThrow({ where: { id: killed.id } });
    expect(closed.status).toBe('abandoned');
    expect(closed.reason).toMatch(new RegExp(`ended without finishing: .*closed by run ${next.out!.runId}`));
    expect(closed.endedAt).not.toBeNull();
  }, SLOW);

  it('a run that leaves a greeting unsent is recorded partial with the reason, never ok', async () => {
    const app = await createTestApp({ clock: fixedClock(NOW), adapters: [new RefusingWeChat('wx-blocked')] });
    try {
      await seedCustomer(app.db, { name: '张伟', birthday: '1980-03-10', user: 'wx-ok' });
      await seedCustomer(app.db, { name: '李娜', birthday: '1980-03-10', user: 'wx-blocked' });
      const outcome = await runJob(app, greetingsJob, { date: '2027-03-10', dryRun: false });
      expect(outcome.status).toBe('partial');
      expect(outcome.result.counts).toMatchObject({ sent: 1, failed_will_retry: 1 });
      const row = await app.db.jobRun.findUniqueOrThrow({ where: { id: outcome.runId } });
      expect([row.status, row.reason]).toEqual(['partial', '1 delivery failure(s) left to retry']);
    } finally {
      await app.cleanup();
    }
  }, SLOW);
});

/** WeChat refusing one contact (e.g. the customer deleted the account): every send to them fails. */
class RefusingWeChat extends FakeWeChat {
  constructor(private readonly blocked: string) {
    super();
  }
  override async send(...args: Parameters<FakeWeChat['send']>) {
    if (args[0].externalUserId === this.blocked) throw new Error('contact not found');
    return super.send(...args);
  }
}
