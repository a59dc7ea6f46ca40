import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/**
 * Runs the real CLI in a child process against its own database file: `npx tsx src/cli.ts …` as a user would
 * (`viaNpx`), or straight through tsx's CLI, which saves npx's start-up on a busy machine.
 */
function anxin(args: string[], env: Record<string, string>, viaNpx = false): Promise<Run> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ANXIN_') && k !== 'DATABASE_URL'));
    const [cmd, pre] = viaNpx ? ['npx', ['tsx']] : [process.execPath, [TSX]];
    execFile(cmd, [...pre, 'src/cli.ts', ...args], { cwd: ROOT, env: { ...clean, LANG: 'en_US.UTF-8', ...env }, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'anxin-cli-'));
  env = { DATABASE_URL: `file:${path.join(dir, 'anxin.db')}` };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the anxin CLI end to end', { timeout: 180_000 }, () => {
  it('imports good rows, lists the bad ones with line numbers, and exits non-zero', async () => {
    const r = await anxin(['import', 'customers', 'examples/customers-with-errors.csv'], env, true);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('line 3: id_number: has a wrong check digit (GB 11643) (got "350203********9591")');
    expect(r.stdout).toContain('line 10: has 2 cells but the header has 9');
    expect(r.stdout).toMatch(/customers: 11 rows read, 3 created, 0 updated, 8 rejected\.\n$/);
    const ok = await anxin(['import', 'agents', 'examples/agents.csv', '--lang', 'zh'], env);
    expect([ok.code, ok.stdout.trim()]).toEqual([0, '业务员：读取 3 行，新增 3，更新 0，出错 0。']);
  });

  it('refuses a file with a bad header or an unknown kind, with exit code 1', async () => {
    const header = await anxin(['import', 'policies', 'examples/agents.csv'], env);
    expect(header.code).toBe(1);
    expect(header.stderr).toMatch(/missing columns: number, product, line, holder, effective_date, premium/);
    expect(header.stderr).toMatch(/unknown columns: code, name, phone, left_at, branch\n/);
    const kind = await anxin(['import', 'claims', 'examples/agents.csv'], env);
    expect([kind.code, kind.stderr]).toEqual([1, expect.stringContaining('<kind> must be one of customers, agents, policies')]);
  });

  it('seeds the demo data, shows a customer masked, and prints a transcript', async () => {
    // A database of its own: seeding skips a database that already has customers.
    const env = { DATABASE_URL: `file:${path.join(dir, 'demo.db')}` };
    expect((await anxin(['db', 'seed'], env)).stdout).toMatch(/^Demo data written: 300 customers, 20 agents, \d+ policies\.\n$/);
    const missing = await anxin(['customer', 'show', '13800000000'], env);
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'no customer with phone 138****0000']);
    const shown = await anxin(['customer', 'show', '13800138000', '--json'], env);
    expect(shown.code).toBe(0);
    const view = JSON.parse(shown.stdout);
    expect(view.customer).toMatchObject({ code: 'C000001', phone: '138****8000', idNumber: '310104********1231' });
    expect(shown.stdout).not.toContain('13800138000');
    expect(shown.stdout).not.toMatch(/\d{17}[\dX]/);
    const tr = await anxin(['transcript', view.conversations[0].id], env);
    expect(tr.code).toBe(0);
    expect(tr.stdout).toContain('[staff note]');
  });

  it('reports bad configuration by name and exits 1', async () => {
    const r = await anxin(['customer', 'show', '13800138000'], { ...env, ANXIN_ID_SECRET: 'short' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ANXIN_ID_SECRET: expected at least 16 characters');
  });
});
