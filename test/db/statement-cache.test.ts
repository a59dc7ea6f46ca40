import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseInfo } from '../../src/db/client.ts';
import { withStatementCache, type StatementFacade } from '../../src/db/statement-cache.ts';
import { createTestDb, type TestDb } from '../../src/db/test-db.ts';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

function memory() {
  const raw = new Database(':memory:');
  cleanups.push(() => void raw.close());
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
  let prepared = 0;
  const prepare = raw.prepare.bind(raw);
  // Count real compilations on the wrapped connection.
  raw.prepare = ((sql: string) => (prepared++, prepare(sql))) as typeof raw.prepare;
  const cached = withStatementCache(raw, 3) as unknown as { prepare(sql: string): StatementFacade; exec(sql: string): void };
  return { raw, cached, prepared: () => prepared };
}

async function testDb(): Promise<TestDb> {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  return t;
}

describe('statement cache', () => {
  it('compiles a statement once and runs it with each call’s own arguments', () => {
    const { cached, prepared } = memory();
    cached.prepare('INSERT INTO t (name) VALUES (?)').bind(['a']).run();
    cached.prepare('INSERT INTO t (name) VALUES (?)').bind(['b']).run();
    cached.prepare('INSERT INTO t (name) VALUES (?)').run('c');
    const select = 'SELECT id, name FROM t WHERE name = ?';
    expect(cached.prepare(select).bind(['b']).raw().all()).toEqual([[2, 'b']]);
    expect(cached.prepare(select).bind(['c']).all()).toEqual([{ id: 3, name: 'c' }]);
    expect(cached.prepare(select).bind(['a']).get()).toEqual({ id: 1, name: 'a' });
    expect(prepared()).toBe(2);
  });

  it('keeps better-sqlite3’s rule that arguments are bound once per statement object', () => {
    const { cached } = memory();
    const bound = cached.prepare('SELECT ? AS x').bind([1]);
    expect(() => bound.bind([2])).toThrow(/only be invoked once/);
    expect(cached.prepare('SELECT ? AS x').bind([2]).get()).toEqual({ x: 2 });
  });

  it('drops the least recently used statement beyond its size', () => {
    const { cached, prepared } = memory();
    for (const n of [1, 2, 3, 1, 4, 1]) cached.prepare(`SELECT ${n}`).get();
    // 1, 2, 3 compiled; 1 reused; 4 evicts 2 (least recently used), so 1 is still cached.
    expect(prepared()).toBe(4);
    cached.prepare('SELECT 2').get();
    expect(prepared()).toBe(5);
  });

  it('leaves SQL errors to the caller and caches nothing for them', () => {
    const { cached, prepared } = memory();
    expect(() => cached.prepare('SELEC oops')).toThrow();
    expect(() => cached.prepare('SELECT 1; SELECT 2')).toThrow(/more than one statement/);
    cached.exec('INSERT INTO t (name) VALUES (1); INSERT INTO t (name) VALUES (2)');
    expect(cached.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    expect(prepared()).toBe(3);
  });

  it('serves Prisma: the same query shape is compiled once', async () => {
    const { db } = await testDb();
    const raw = databaseInfo(db)!.sqlite!()!;
    const compiled: string[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((sql: string) => (compiled.push(sql), prepare(sql))) as typeof raw.prepare;
    for (const code of ['A1', 'A2', 'A3']) await db.agent.create({ data: { code, name: `agent ${code}` } });
    for (const code of ['A1', 'A2', 'A3']) expect((await db.agent.findUnique({ where: { code } }))?.name).toBe(`agent ${code}`);
    expect(await db.agent.findUnique({ where: { code: 'A9' } })).toBeNull();
    expect(compiled.length).toBeGreaterThan(0);
    expect(new Set(compiled).size).toBe(compiled.length);
  });

  it('keeps Prisma transactions intact: commit, rollback and batches', async () => {
    const { db } = await testDb();
    await db.$transaction(async (tx) => {
      await tx.agent.create({ data: { code: 'T1', name: 'kept' } });
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.agent.create({ data: { code: 'T2', name: 'rolled back' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const [count, rows] = await db.$transaction([db.agent.count(), db.agent.findMany({ where: { code: { in: ['T1', 'T2'] } } })]);
    expect(count).toBe(1);
    expect(rows.map((r) => r.code)).toEqual(['T1']);
    // Repeating the same transactions reuses BEGIN/COMMIT/ROLLBACK statements without leaking state.
    await expect(db.$transaction(async (tx) => tx.agent.create({ data: { code: 'T1', name: 'dup' } }))).rejects.toThrow();
    await db.$transaction(async (tx) => tx.agent.create({ data: { code: 'T3', name: 'kept too' } }));
    expect(await db.agent.count()).toBe(2);
    expect(await db.$queryRawUnsafe<Array<{ n: bigint }>>('SELECT count(*) AS n FROM "Agent"')).toEqual([{ n: 2n }]);
  });

  it('sets the per-connection pragmas again after a reconnect', async () => {
    const { db } = await testDb();
    const first = databaseInfo(db)!.sqlite!()!;
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1n);
    await db.$disconnect();
    expect(databaseInfo(db)!.sqlite!()).toBeUndefined();
    await db.agent.count();
    const second = databaseInfo(db)!.sqlite!()!;
    expect(second).not.toBe(first);
    expect(second.pragma('foreign_keys', { simple: true })).toBe(1n);
    expect(second.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
