import type { Db } from '../../db/client.ts';
import { prismaRunner, type SqlRunner } from '../../domain/import/bulk-upsert.ts';
import { openSqliteRunner } from '../../domain/import/sqlite-runner.ts';

/**
 * The connection bulk planning runs its SQL on. On the embedded SQLite database: a dedicated better-sqlite3
 * connection to the same file (statements prepared once, values bound natively — Prisma's raw SQL converts every
 * value in JavaScript, which made planning 100,000 greetings CPU-bound; see src/domain/import/sqlite-runner.ts).
 * The file is asked from the open connection itself (`PRAGMA database_list`), never guessed from configuration.
 * Anywhere else: Prisma's raw SQL, same statements.
 */
export async function bulkSql(db: Db): Promise<{ sql: SqlRunner; close(): void }> {
  let file: string | undefined;
  try {
    const rows = await db.$queryRawUnsafe<Array<{ name: string; file: string }>>('PRAGMA database_list');
    file = rows.find((r) => r.name === 'main')?.file || undefined;
  } catch {
    file = undefined;
  }
  if (!file) return { sql: prismaRunner(db), close: () => {} };
  const runner = openSqliteRunner(file);
  return { sql: runner, close: () => runner.close() };
}
