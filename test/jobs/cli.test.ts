import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_REFUSED, register } from '../../src/cli/jobs.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createTestDb, type TestDb } from '../../src/db/test-db.ts';
import { acquireLease, processId } from '../../src/jobs/lease.ts';
import { at, seedCustomer } from './helpers.ts';

/*
 * `anxin jobs …` run in-process on the controlled clock (2027-01-20 10:00 Shanghai), so the 2027-02-06 run is
 * planned ahead whatever the date the suite runs on. Real processes are driven by
 * test/security/overlapping-job-runs.test.ts.
 */
const clock = fixedClock(at('2027-01-20', '10:00'));
let tdb: TestDb;
let out: string[];
let err: string[];

beforeEach(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.env.LOG_LEVEL = 'silent';
  process.exitCode = undefined;
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await tdb.cleanup();
});

/** One `anxin …` command; returns its stdout lines (and resets them for the next). */
async function anxin(...args: string[]): Promise<string[]> {
  const program = new Command('anxin').exitOverride();
  register(program, clock);
  out = [];
  await program.parseAsync(['node', 'anxin', ...args, '--lang', 'en']);
  return out.join('\n').trim().split('\n');
}

describe('anxin jobs', () => {
  it('lists the jobs', async () => {
    const lines = await anxin('jobs', 'list');
    for (const name of ['greetings', 'outbox', 'callbacks', 'deadlines', 'renewals']) expect(lines.join('\n')).toMatch(new RegExp(`^${name}\\s`, 'm'));
  });

  it('runs a job by hand for a date; a dry run writes nothing; the last line is "planned: N"', async () => {
    await seedCustomer(tdb.db, { name: '张伟', gender: 'M' });
    await seedCustomer(tdb.db, { name: '李娜', gender: 'F', channel: 'web' });
    await seedCustomer(tdb.db, { name: '钱多多', greetingConsent: false, optedOut: true });

    const dry = await anxin('jobs', 'run', 'greetings', '--date', '2027-02-06', '--dry-run');
    expect(dry[0]).toBe('running greetings for 2027-02-06 (dry run: nothing written or sent)');
    expect(dry.at(-1)).toBe('planned: 2');
    expect(await tdb.db.outboxMessage.count()).toBe(0);

    // For real: on 2027-01-20, 2027-02-06 is planned ahead (sent from 08:00 that morning on).
    const real = await anxin('jobs', 'run', 'greetings', '--date', '2027-02-06');
    expect(real.at(-1)).toBe('planned: 2');
    expect(real).toContainEqual(expect.stringMatching(/^result: ok /));
    const rows = await tdb.db.outboxMessage.findMany();
    expect(rows.map((r) => [r.status, r.notBefore.toISOString()])).toEqual([
      ['planned', '2027-02-06T00:00:00.000Z'],
      ['planned', '2027-02-06T00:00:00.000Z'],
    ]);
    const again = await anxin('jobs', 'run', 'greetings', '--date', '2027-02-06');
    expect(again.at(-1)).toBe('planned: 0');
    expect(await tdb.db.jobRun.count({ where: { job: 'greetings' } })).toBe(3);
    expect(process.exitCode).toBeUndefined();
  });

  it('refuses to run a job another run holds, naming that run (exit code 3, a refused JobRun row)', async () => {
    await seedCustomer(tdb.db, { name: '张伟', gender: 'M' });
    const other = 'run-held-elsewhere';
    expect(await acquireLease(tdb.db, clock, 'greetings', other, processId())).toMatchObject({ acquired: true });

    const lines = await anxin('jobs', 'run', 'greetings', '--date', '2027-02-06');
    expect(lines).toEqual(['running greetings for 2027-02-06']);
    expect(err.join('\n')).toMatch(new RegExp(`greetings is already being run by JobRun ${other} \\(process ${processId().replace(/[/.]/g, '\\$&')}, since 2027-01-20T02:00:00.000Z\\)`));
    expect(process.exitCode).toBe(EXIT_REFUSED);
    expect(await tdb.db.outboxMessage.count()).toBe(0);
    const runs = await tdb.db.jobRun.findMany({ where: { job: 'greetings' } });
    expect(runs.map((r) => [r.status, r.reason])).toEqual([['refused', expect.stringContaining(`run ${other} (`)]]);
  });

  it('refuses an unknown job, a malformed date and a bad --wait', async () => {
    await anxin('jobs', 'run', 'greet');
    expect(err.join('\n')).toMatch(/no job named "greet"/);
    await anxin('jobs', 'run', 'greetings', '--date', '2027-02-30');
    expect(err.join('\n')).toMatch(/--date: expected a date/);
    await anxin('jobs', 'run', 'greetings', '--wait', 'soon');
    expect(err.join('\n')).toMatch(/--wait: expected a number of seconds/);
    expect(process.exitCode).toBe(1);
  });
});
