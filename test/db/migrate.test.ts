import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AnxinError } from '../../src/core/errors.ts';
import { openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { committedMigrations, MIGRATIONS_DIR, migrationsCopy, SCHEMA_PATH, tempDir } from './helpers.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function freshDir(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

function sqlite(file: string): Database.Database {
  const db = new Database(file, { readonly: false });
  cleanups.push(() => db.close());
  return db;
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

async function rejection(promise: Promise<unknown>): Promise<AnxinError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnxinError);
  return error as AnxinError;
}

describe('applyMigrations', () => {
  it('creates every model table in an empty file, creating the folder, and records Prisma history rows', async () => {
    const file = path.join(freshDir(), 'nested', 'deeper', 'anxin.db');
    const { applied } = await applyMigrations(`file:${file}`);

    expect(applied).toEqual(committedMigrations());
    expect(applied[0]).toMatch(/^\d{14}_init$/);
    const db = sqlite(file);
    const models = [...readFileSync(SCHEMA_PATH, 'utf8').matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models.length).toBeGreaterThan(15);
    expect(tableNames(db)).toEqual([...models, '_prisma_migrations'].sort());

    const columns = (db.pragma('table_info(Message)') as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['conversationId', 'channel', 'channelMessageId', 'direction', 'status']));

    const history = db.prepare('PRAGMA table_info(_prisma_migrations)').all() as { name: string; type: string; notnull: number }[];
    expect(history.map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`)).toEqual([
      'id TEXT NOT NULL',
      'checksum TEXT NOT NULL',
      'finished_at DATETIME',
      'migration_name TEXT NOT NULL',
      'logs TEXT',
      'rolled_back_at DATETIME',
      'started_at DATETIME NOT NULL',
      'applied_steps_count INTEGER UNSIGNED NOT NULL',
    ]);
    const rows = db.prepare('SELECT * FROM _prisma_migrations ORDER BY started_at').all() as Record<string, unknown>[];
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    const sql = readFileSync(path.join(MIGRATIONS_DIR, applied[0], 'migration.sql'));
    expect(rows[0]).toMatchObject({
      checksum: createHash('sha256').update(sql).digest('hex'),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(rows[0].finished_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  });

  it('gives Prisma a working database: create and read a Customer and a Message', async () => {
    const url = `file:${path.join(freshDir(), 'anxin.db')}`;
    await applyMigrations(url);
    const db = await openDatabase(url);
    cleanups.push(() => db.$disconnect());

    const customer = await db.customer.create({ data: { name: '张三', phone: '13800138000' } });
    const identity = await db.channelIdentity.create({
      data: { channel: 'wechat', externalUserId: 'wxid_1', customerId: customer.id },
    });
    const conversation = await db.conversation.create({
      data: { channel: 'wechat', identityId: identity.id, customerId: customer.id, ref: { to: 'wxid_1' } },
    });
    await db.message.create({
      data: { conversationId: conversation.id, channel: 'wechat', channelMessageId: 'm1', direction: 'in', author: 'customer', text: '我要报案' },
    });

    const read = await db.customer.findUniqueOrThrow({
      where: { id: customer.id },
      include: { conversations: { include: { messages: true } } },
    });
    expect(read).toMatchObject({ name: '张三', gender: 'U', language: 'zh', vipTier: 'standard' });
    expect(read.conversations[0].ref).toEqual({ to: 'wxid_1' });
    expect(read.conversations[0].messages.map((m) => m.text)).toEqual(['我要报案']);
  });

  it('applies nothing the second time', async () => {
    const url = `file:${path.join(freshDir(), 'anxin.db')}`;
    const lines: string[] = [];
    const first = await applyMigrations(url, { log: (l) => lines.push(l) });
    expect(lines).toEqual(first.applied.map((name) => `applied migration ${name}`));

    expect(await applyMigrations(url)).toEqual({ applied: [] });
    const db = sqlite(url.slice('file:'.length));
    expect(db.prepare('SELECT count(*) AS n FROM _prisma_migrations').get()).toEqual({ n: first.applied.length });
  });

  it('enforces one row per (conversationId, channelMessageId) on Message, but allows many without an id', async () => {
    const url = `file:${path.join(freshDir(), 'anxin.db')}`;
    await applyMigrations(url);
    const raw = sqlite(url.slice('file:'.length));
    const indexes = raw.pragma('index_list(Message)') as { name: string; unique: number }[];
    const unique = indexes.filter((i) => i.unique === 1).map((i) => ({
      name: i.name,
      columns: (raw.pragma(`index_info(${i.name})`) as { name: string }[]).map((c) => c.name),
    }));
    expect(unique).toContainEqual({ name: 'Message_conversationId_channelMessageId_key', columns: ['conversationId', 'channelMessageId'] });

    const db = await openDatabase(url);
    cleanups.push(() => db.$disconnect());
    const identity = await db.channelIdentity.create({ data: { channel: 'wechat', externalUserId: 'wxid_2' } });
    const conversation = await db.conversation.create({ data: { channel: 'wechat', identityId: identity.id, ref: {} } });
    const message = (channelMessageId: string | null) =>
      db.message.create({ data: { conversationId: conversation.id, channel: 'wechat', channelMessageId, direction: 'in', text: 'hi' } });
    await message('dup');
    await expect(message('dup')).rejects.toMatchObject({ code: 'P2002' });
    await message(null);
    await message(null);
    // The same id in another sender's conversation is a different message (issue 12: de-duplication per identity).
    const other = await db.channelIdentity.create({ data: { channel: 'wechat', externalUserId: 'wxid_3' } });
    const theirs = await db.conversation.create({ data: { channel: 'wechat', identityId: other.id, ref: {} } });
    await db.message.create({ data: { conversationId: theirs.id, channel: 'wechat', channelMessageId: 'dup', direction: 'in', text: 'hi' } });
    expect(await db.message.count()).toBe(4);
  });

  it('refuses a database whose recorded checksum differs from migration.sql', async () => {
    const file = path.join(freshDir(), 'anxin.db');
    await applyMigrations(`file:${file}`);
    const name = committedMigrations()[0];
    sqlite(file).prepare('UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = ?').run('0'.repeat(64), name);

    const error = await rejection(applyMigrations(`file:${file}`));
    expect(error.code).toBe('db.migration_edited');
    expect(error.message).toContain(`Migration ${name} was modified after it was applied`);
  });

  it('refuses an applied migration.sql edited afterwards, but tolerates a CRLF checkout of it', async () => {
    const dir = freshDir();
    const migrations = migrationsCopy(dir);
    const url = `file:${path.join(dir, 'anxin.db')}`;
    await applyMigrations(url, { migrationsDir: migrations });
    const name = committedMigrations()[0];
    const sqlFile = path.join(migrations, name, 'migration.sql');
    const original = readFileSync(sqlFile, 'utf8');

    writeFileSync(sqlFile, original.replace(/\n/g, '\r\n'));
    expect(await applyMigrations(url, { migrationsDir: migrations })).toEqual({ applied: [] });

    writeFileSync(sqlFile, original);
    appendFileSync(sqlFile, '\nCREATE TABLE "Sneaky" ("id" TEXT);\n');
    const error = await rejection(applyMigrations(url, { migrationsDir: migrations }));
    expect(error.code).toBe('db.migration_edited');
    expect(error.message).toContain(name);
  });

  it('rolls a failing migration back, records nothing, and names it', async () => {
    const dir = freshDir();
    const broken = '29991231000000_broken';
    const migrations = migrationsCopy(dir, {
      extra: { [broken]: 'CREATE TABLE "Half" ("id" TEXT);\nINSERT INTO "NoSuchTable" VALUES (1);\n' },
    });
    const file = path.join(dir, 'anxin.db');

    const error = await rejection(applyMigrations(`file:${file}`, { migrationsDir: migrations }));
    expect(error.code).toBe('db.migration_failed');
    expect(error.message).toMatch(new RegExp(`^Migration ${broken} failed and was rolled back: .*NoSuchTable`));
    const db = sqlite(file);
    expect(tableNames(db)).not.toContain('Half');
    expect(tableNames(db)).toContain('Customer');
    const names = db.prepare('SELECT migration_name FROM _prisma_migrations').pluck().all();
    expect(names).toEqual(committedMigrations());

    writeFileSync(path.join(migrations, broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" TEXT);\n');
    expect(await applyMigrations(`file:${file}`, { migrationsDir: migrations })).toEqual({ applied: [broken] });
  });

  it('redefines a referenced table the way Prisma writes it, keeping rows and foreign keys intact', async () => {
    const dir = freshDir();
    const migrations = migrationsCopy(dir, {
      committed: false,
      extra: {
        '20000101000000_parents': [
          'CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY, "n" INTEGER);',
          'CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,',
          '  CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE);',
          `INSERT INTO "Parent" VALUES ('p1', NULL);`,
          `INSERT INTO "Child" VALUES ('c1', 'p1');`,
        ].join('\n'),
        // What `prisma migrate dev` generates when a column becomes required (SQLite cannot ALTER it).
        '20000102000000_required_n': [
          '-- RedefineTables',
          'PRAGMA defer_foreign_keys=ON;',
          'PRAGMA foreign_keys=OFF;',
          'CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "n" INTEGER NOT NULL DEFAULT 0);',
          'INSERT INTO "new_Parent" ("id", "n") SELECT "id", coalesce("n", 0) AS "n" FROM "Parent";',
          'DROP TABLE "Parent";',
          'ALTER TABLE "new_Parent" RENAME TO "Parent";',
          'PRAGMA foreign_keys=ON;',
          'PRAGMA defer_foreign_keys=OFF;',
        ].join('\n'),
        '20000103000000_orphan': `INSERT INTO "Child" VALUES ('c2', 'nobody');`,
      },
    });
    const file = path.join(dir, 'anxin.db');

    const error = await rejection(applyMigrations(`file:${file}`, { migrationsDir: migrations }));
    expect(error.message).toMatch(/^Migration 20000103000000_orphan failed and was rolled back: 1 foreign key violation/);
    const db = sqlite(file);
    expect(db.prepare('SELECT * FROM "Parent"').all()).toEqual([{ id: 'p1', n: 0 }]);
    expect(db.prepare('SELECT * FROM "Child"').all()).toEqual([{ id: 'c1', parentId: 'p1' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get('Child')).toContain('REFERENCES "Parent"');
  });

  it('explains a missing migrations folder and a folder for another provider', async () => {
    const dir = freshDir();
    const missing = await rejection(applyMigrations(`file:${path.join(dir, 'a.db')}`, { migrationsDir: path.join(dir, 'none') }));
    expect(missing.message).toContain('No migrations folder');

    const pg = migrationsCopy(dir, { committed: false });
    writeFileSync(path.join(pg, 'migration_lock.toml'), 'provider = "postgresql"\n');
    const wrong = await rejection(applyMigrations(`file:${path.join(dir, 'b.db')}`, { migrationsDir: pg }));
    expect(wrong.message).toContain('"postgresql", not SQLite');
    expect(existsSync(path.join(dir, 'b.db'))).toBe(false);
  });
});
