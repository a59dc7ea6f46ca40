import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/sqlite/client.ts';

/** The database handle passed into everything (`buildApp({ db })`). */
export type Db = InstanceType<typeof PrismaClient>;

/** Resolves a `file:` URL to an absolute path (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  const p = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return path.resolve(p);
}

/**
 * Opens the embedded SQLite database (creating its folder), in WAL mode with a busy timeout, so the web server,
 * the scheduler and a CLI import can share the file.
 */
export async function openDatabase(url: string): Promise<Db> {
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL ${url.split('@').pop()} is not a SQLite file URL; PostgreSQL support is set up separately`);
  }
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}
