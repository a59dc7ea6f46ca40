import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../src/db/test-db.ts';
import { seedCustomer } from './helpers.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let dbs: TestDb[] = [];
afterEach(async () => {
  for (const d of dbs) await d.cleanup();
  dbs = [];
});

/** `anxin …` as a user runs it: a separate process over a database file. */
async function anxin(url: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), ...args, '--lang', 'en'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
}

describe('anxin jobs', () => {
  it('lists the jobs', async () => {
    const t = await createTestDb();
    dbs.push(t);
    const { stdout } = await anxin(t.url, 'jobs', 'list');
    for (const name of ['greetings', 'outbox', 'callbacks', 'deadlines', 'renewals']) expect(stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
  });

  it('runs a job by hand for a date; a dry run writes nothing; the last line is "planned: N"', async () => {
    const t = await createTestDb();
    dbs.push(t);
    await seedCustomer(t.db, { name: '张伟', gender: 'M' });
    await seedCustomer(t.db, { name: '李娜', gender: 'F', channel: 'web' });
    await seedCustomer(t.db, { name: '钱多多', greetingConsent: false, optedOut: true });

    const dry = await anxin(t.url, 'jobs', 'run', 'greetings', '--date', '2027-02-06', '--dry-run');
    const lines = dry.stdout.trim().split('\n');
    expect(lines[0]).toBe('running greetings for 2027-02-06 (dry run: nothing written or sent)');
    expect(lines.at(-1)).toBe('planned: 2');
    expect(await t.db.outboxMessage.count()).toBe(0);

    // For real (the CLI runs on the system clock, so 2027-02-06 is planned ahead: sent from that morning on).
    const real = await anxin(t.url, 'jobs', 'run', 'greetings', '--date', '2027-02-06');
    expect(real.stdout.trim().split('\n').at(-1)).toBe('planned: 2');
    const rows = await t.db.outboxMessage.findMany();
    expect(rows.map((r) => [r.status, r.notBefore.toISOString()])).toEqual([
      ['planned', '2027-02-06T00:00:00.000Z'],
      ['planned', '2027-02-06T00:00:00.000Z'],
    ]);
    const again = await anxin(t.url, 'jobs', 'run', 'greetings', '--date', '2027-02-06');
    expect(again.stdout.trim().split('\n').at(-1)).toBe('planned: 0');
    expect(await t.db.jobRun.count({ where: { job: 'greetings' } })).toBe(3);
  });

  it('refuses an unknown job and a malformed date', async () => {
    const t = await createTestDb();
    dbs.push(t);
    await expect(anxin(t.url, 'jobs', 'run', 'greet')).rejects.toMatchObject({ stderr: expect.stringMatching(/no job named "greet"/) });
    await expect(anxin(t.url, 'jobs', 'run', 'greetings', '--date', '2027-02-30')).rejects.toMatchObject({ stderr: expect.stringMatching(/--date: expected a date/) });
  });
});
