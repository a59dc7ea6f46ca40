import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { PrismaClient } from '../generated/sqlite/client.ts';
import { CachingSqliteAdapterFactory } from './sqlite-connection.ts';

/** The database handle passed into everything (`buildApp({ db })`). */
export type Db = InstanceType<typeof PrismaClient>;

/** Resolves a `file:` URL to an absolute path (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  const p = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return path.resolve(p);
}

/** What {@link openDatabase} knows about a handle it opened: its URL and, for SQLite, the live connection. */
export interface DatabaseInfo {
  url: string;
  /** The better-sqlite3 connection Prisma uses (undefined until connected and after `$disconnect()`). */
  sqlite?: () => Database.Database | undefined;
}

// Side table keyed by the handle itself, so `Db` stays the plain PrismaClient everyone already passes around.
const opened = new WeakMap<Db, DatabaseInfo>();

/** The URL and driver details of a handle opened by {@link openDatabase}; undefined for handles built elsewhere. */
export function databaseInfo(db: Db): DatabaseInfo | undefined {
  return opened.get(db);
}

/** WAL lets readers (web, scheduler, CLI) work while one writer writes; NORMAL is durable in WAL mode. */
const PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON'];

/**
 * Opens the embedded SQLite database (creating its folder), in WAL mode with a busy timeout, so the web server,
 * the scheduler and a CLI import can share the file. Compiled statements are cached per connection.
 */
export async function openDatabase(url: string): Promise<Db> {
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL ${url.split('@').pop()} is not a SQLite file URL; PostgreSQL support is set up separately`);
  }
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new CachingSqliteAdapterFactory({ url: `file:${file}`, timeout: 10_000 }, PRAGMAS);
  const db = new PrismaClient({ adapter });
  opened.set(db, { url, sqlite: () => adapter.connection() });
  await db.$connect();
  // The factory could not reach the driver's connection (another adapter version): set the pragmas through Prisma.
  if (!adapter.connection()) for (const p of PRAGMAS) await db.$queryRawUnsafe(`PRAGMA ${p}`);
  return db;
}
