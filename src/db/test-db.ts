/**
 * A real, migrated SQLite database for tests: one file per test, no mocks.
 *
 * Copying a ready file costs well under a millisecond, migrating one several: the committed migrations are applied
 * once to a template named after their content, in the system temp folder, and every test gets a copy in a folder
 * of its own. Keying on content (not on the process) means no template is left behind per test process — vitest
 * kills its workers without an `exit` event — and a changed or added migration simply gets a new template.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from './client.ts';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from './migrate.ts';

export interface TestDb {
  /** A PrismaClient over the copy (WAL mode, foreign keys on), like production's. */
  db: Db;
  /** `file:` URL of the copy, for code that opens its own connection. */
  url: string;
  /** Absolute path of the database file. */
  file: string;
  /** Disconnects and removes the temp folder. Safe to call twice. */
  cleanup: () => Promise<void>;
}

const TEMPLATES = path.join(tmpdir(), 'anxin-test-templates');
/** Bump when applyMigrations changes what it writes, so old templates are not reused. */
const TEMPLATE_FORMAT = '1';
const STALE_MS = 7 * 24 * 3600 * 1000;

let template: Promise<string> | undefined;

/** sha256 over every migration folder's name and migration.sql. */
async function migrationsKey(dir: string): Promise<string> {
  const hash = createHash('sha256').update(TEMPLATE_FORMAT);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const name of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    hash.update(`\0${name}\0`).update(await readFile(path.join(dir, name, 'migration.sql')));
  }
  return hash.digest('hex').slice(0, 24);
}

/** Finds or builds the template for the current migrations (built under a scratch name, then renamed atomically). */
function templateFile(): Promise<string> {
  template ??= (async () => {
    const file = path.join(TEMPLATES, `${await migrationsKey(DEFAULT_MIGRATIONS_DIR)}.db`);
    if (existsSync(file)) return file;
    await mkdir(TEMPLATES, { recursive: true });
    const scratch = `${file}.${randomUUID()}.tmp`;
    try {
      // Left in rollback-journal mode and closed, so the single file is the whole database and safe to copy.
      await applyMigrations(`file:${scratch}`);
      await rename(scratch, file);
    } finally {
      await rm(scratch, { force: true });
    }
    await pruneStaleTemplates(file);
    return file;
  })();
  template.catch(() => {
    template = undefined;
  });
  return template;
}

/** Templates of older migration sets, unused for a week, go; best effort (another checkout may share the folder). */
async function pruneStaleTemplates(current: string): Promise<void> {
  for (const name of await readdir(TEMPLATES).catch(() => [])) {
    const file = path.join(TEMPLATES, name);
    if (file === current) continue;
    const info = await stat(file).catch(() => undefined);
    if (info && Date.now() - info.atimeMs > STALE_MS && Date.now() - info.mtimeMs > STALE_MS) {
      await rm(file, { force: true }).catch(() => {});
    }
  }
}

/** Creates a fresh, fully migrated SQLite database in its own temp folder and opens it. */
export async function createTestDb(): Promise<TestDb> {
  const source = await templateFile();
  const dir = await mkdtemp(path.join(tmpdir(), 'anxin-test-db-'));
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  let db: Db;
  try {
    await copyFile(source, file).catch(async (error: NodeJS.ErrnoException) => {
      // Removed under us (a tmp cleaner, a prune from another checkout): build it again, once.
      if (error.code !== 'ENOENT') throw error;
      template = undefined;
      await copyFile(await templateFile(), file);
    });
    db = await openDatabase(url);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  const cleanup = async () => {
    if (closed) return;
    closed = true;
    await db.$disconnect();
    await rm(dir, { recursive: true, force: true });
  };
  return { db, url, file, cleanup };
}
