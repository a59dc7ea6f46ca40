/**
 * Applies the committed Prisma migrations (prisma/migrations) to the embedded SQLite database at start-up.
 *
 * Why not the schema engine: the native one is a download we cannot rely on, and the WebAssembly one costs ~100 ms
 * and a 5 MB module per call, while tests create a fresh database file per test. Applying committed SQL needs no
 * engine: each migration runs in its own transaction through better-sqlite3 and is recorded in
 * `_prisma_migrations` exactly as Prisma records it (same table, sha256 checksum, ISO timestamps), so the stock
 * `prisma migrate deploy` / `migrate status` read our history and we read theirs.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { AnxinError } from '../core/errors.ts';
import { sqlitePath } from './client.ts';

/** The committed SQLite migrations of this checkout. */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

export interface ApplyMigrationsOptions {
  /** Folder of `<timestamp>_<name>/migration.sql` sub-folders; defaults to prisma/migrations. */
  migrationsDir?: string;
  /** Receives one line per applied migration and per warning. */
  log?: (line: string) => void;
}

/** A committed migration folder as read from disk. */
interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
  /** Checksums of the same script with LF / CRLF line endings: a Windows checkout must not count as an edit. */
  accepted: Set<string>;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  logs: string | null;
}

/** The DDL the Prisma schema engine uses for SQLite, verbatim, so both tools share one history table. */
const HISTORY_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Prisma's timestamp format for this table when written through a driver adapter ("…T…+00:00"). */
const isoNow = () => new Date().toISOString().replace(/Z$/, '+00:00');

/**
 * Brings the SQLite database at `url` (a `file:` URL) up to date with the committed migrations, creating the file
 * and its folder if needed. Already-applied migrations are skipped; safe to call from several processes at once.
 *
 * @returns the names of the migrations applied by this call, in order.
 * @throws AnxinError `db.migration_edited` if an applied migration's migration.sql changed since,
 *   `db.migration_failed` if a migration fails (it is rolled back; nothing is recorded),
 *   `db.migration_failed_earlier` if the history holds a failed attempt left by `prisma migrate deploy`,
 *   `db.migrations_unreadable` if the folder is missing or belongs to another provider.
 */
export async function applyMigrations(url: string, opts: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  if (!url.startsWith('file:')) {
    throw new AnxinError('db.not_sqlite', 'applyMigrations handles SQLite `file:` URLs only');
  }
  const log = opts.log ?? (() => {});
  const migrations = readLocalMigrations(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });

  const db = new Database(file, { timeout: 10_000 });
  try {
    // Prisma's table redefinitions switch foreign keys off with a PRAGMA, which SQLite ignores inside a
    // transaction; so enforcement is off for the whole run and `foreign_key_check` guards each commit instead.
    db.pragma('foreign_keys = OFF');
    db.exec(HISTORY_TABLE_DDL);
    const history = readHistory(db);
    checkHistory(history, migrations, log);

    const applied: string[] = [];
    for (const migration of migrations) {
      if (history.has(migration.name)) continue;
      if (applyOne(db, migration)) {
        applied.push(migration.name);
        log(`applied migration ${migration.name}`);
      }
    }
    return { applied };
  } finally {
    db.close();
  }
}

/**
 * Runs one migration and records it, atomically. Returns false if another process applied it first (we only
 * learn that once we hold the write lock).
 */
function applyOne(db: Database.Database, migration: LocalMigration): boolean {
  const startedAt = isoNow();
  db.exec('BEGIN IMMEDIATE');
  try {
    const row = readHistory(db).get(migration.name);
    if (row) {
      db.exec('COMMIT');
      checkHistory(new Map([[migration.name, row]]), [migration], () => {});
      return false;
    }
    db.exec(migration.sql);
    const violations = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
    if (violations.length > 0) {
      const first = violations[0];
      throw new Error(`${violations.length} foreign key violation(s), e.g. ${first.table} -> ${first.parent}`);
    }
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    ).run(randomUUID(), migration.checksum, isoNow(), migration.name, startedAt);
    db.exec('COMMIT');
    return true;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (error instanceof AnxinError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AnxinError(
      'db.migration_failed',
      `Migration ${migration.name} failed and was rolled back: ${reason}`,
      { migration: migration.name },
    );
  }
}

/** Applied (or failed) rows by migration name; rows rolled back via `prisma migrate resolve` are ignored. */
function readHistory(db: Database.Database): Map<string, MigrationRow> {
  const rows = db
    .prepare(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations"
       WHERE rolled_back_at IS NULL ORDER BY started_at`,
    )
    .all() as MigrationRow[];
  return new Map(rows.map((r) => [r.migration_name, r]));
}

function checkHistory(history: Map<string, MigrationRow>, migrations: LocalMigration[], log: (line: string) => void) {
  const local = new Map(migrations.map((m) => [m.name, m]));
  for (const [name, row] of history) {
    if (row.finished_at === null) {
      throw new AnxinError(
        'db.migration_failed_earlier',
        `Migration ${name} failed in an earlier run and is still marked as failed in _prisma_migrations` +
          `${row.logs ? ` (${row.logs.split('\n')[0]})` : ''}. Fix the database, then mark it with ` +
          '`prisma migrate resolve --rolled-back` or `--applied`.',
        { migration: name },
      );
    }
    const migration = local.get(name);
    if (!migration) {
      log(`warning: migration ${name} is applied to the database but missing from the migrations folder`);
    } else if (!migration.accepted.has(row.checksum)) {
      throw new AnxinError(
        'db.migration_edited',
        `Migration ${name} was modified after it was applied (checksum ${row.checksum.slice(0, 12)}… in the ` +
          `database, ${migration.checksum.slice(0, 12)}… on disk). Applied migrations must never change: restore ` +
          'the original migration.sql and put the change in a new migration (npm run db:migration -- <name>).',
        { migration: name },
      );
    }
  }
}

/** Reads every `<name>/migration.sql` in name order, the order Prisma applies them in. */
function readLocalMigrations(dir: string): LocalMigration[] {
  if (!existsSync(dir)) {
    throw new AnxinError('db.migrations_unreadable', `No migrations folder at ${dir}`);
  }
  const lock = path.join(dir, 'migration_lock.toml');
  const provider = existsSync(lock) ? /provider\s*=\s*"([^"]+)"/.exec(readFileSync(lock, 'utf8'))?.[1] : 'sqlite';
  if (provider !== 'sqlite') {
    throw new AnxinError('db.migrations_unreadable', `${dir} holds migrations for "${provider}", not SQLite`);
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      if (!existsSync(file)) {
        throw new AnxinError('db.migrations_unreadable', `Migration folder ${name} has no migration.sql`);
      }
      const bytes = readFileSync(file);
      const sql = bytes.toString('utf8');
      const checksum = sha256(bytes);
      const accepted = new Set([checksum, sha256(sql.replace(/\r\n/g, '\n')), sha256(sql.replace(/\r?\n/g, '\r\n'))]);
      return { name, sql, checksum, accepted };
    });
}
