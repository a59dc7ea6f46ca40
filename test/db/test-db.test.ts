import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../src/db/test-db.ts';
import { committedMigrations } from './helpers.ts';

describe('createTestDb', () => {
  it('opens a migrated file of its own in WAL mode with foreign keys on, and cleanup removes it', async () => {
    const t = await createTestDb();
    expect(t.url).toBe(`file:${t.file}`);
    expect(path.isAbsolute(t.file)).toBe(true);
    expect(await t.db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await t.db.$queryRawUnsafe('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1n }]);
    expect(await t.db.customer.count()).toBe(0);

    const raw = new Database(t.file, { readonly: true });
    const names = raw.prepare('SELECT migration_name FROM _prisma_migrations ORDER BY started_at').pluck().all();
    raw.close();
    expect(names).toEqual(committedMigrations());

    await t.cleanup();
    expect(existsSync(path.dirname(t.file))).toBe(false);
    await t.cleanup();
  });

  it('gives every test an independent database', async () => {
    const [a, b] = await Promise.all([createTestDb(), createTestDb()]);
    try {
      expect(a.file).not.toBe(b.file);
      await a.db.customer.create({ data: { name: '李四', code: 'C001' } });
      // Same natural key in the other database: no clash, because nothing is shared.
      await b.db.customer.create({ data: { name: '王五', code: 'C001' } });
      expect(await a.db.customer.findMany({ select: { name: true } })).toEqual([{ name: '李四' }]);
      expect(await b.db.customer.findMany({ select: { name: true } })).toEqual([{ name: '王五' }]);
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  it('enforces foreign keys in the copy', async () => {
    const t = await createTestDb();
    try {
      await expect(
        t.db.policy.create({
          data: { number: 'P1', product: 'Term', line: 'life', holderId: 'nobody', effectiveDate: new Date(), premium: 100 },
        }),
      ).rejects.toMatchObject({ code: 'P2003' });
    } finally {
      await t.cleanup();
    }
  });

  it('rebuilds the shared template when it disappears', async () => {
    const templates = path.join(tmpdir(), 'anxin-test-templates');
    const first = await createTestDb();
    await first.cleanup();
    const before = readdirSync(templates).filter((n) => n.endsWith('.db'));
    expect(before.length).toBeGreaterThan(0);
    for (const name of before) rmSync(path.join(templates, name));

    const second = await createTestDb();
    try {
      expect(await second.db.customer.count()).toBe(0);
      expect(readdirSync(templates).filter((n) => n.endsWith('.db')).length).toBeGreaterThan(0);
    } finally {
      await second.cleanup();
    }
  });
});
