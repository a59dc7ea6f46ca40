/**
 * Multi-row writes through Prisma's raw SQL. Prisma's typed API writes one row per statement and cannot update
 * many rows with different values at once; one `INSERT … VALUES (…),(…)` or `UPDATE … FROM (VALUES …)` per ~1,000
 * rows keeps a 100,000-row import within a few seconds while staying on Prisma's own connection and transactions
 * (no second writer on the SQLite file). The SQL is standard; PostgreSQL accepts it with `$n` placeholders.
 */

/** What both the Prisma client and an interactive-transaction client offer. */
export interface SqlRunner {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * How an existing row takes a column from the file: `set` overwrites (null clears), `keep` keeps the stored value
 * when the new one is null (for values the file gives only sometimes, e.g. a birthday derived from an ID number).
 */
export type UpdateRule = 'set' | 'keep';

// SQLite's default limit is 32,766 bound parameters per statement; stay well below it.
const MAX_PARAMS = 30_000;
const q = (name: string) => `"${name}"`;

/** Stores a Date the way Prisma's SQLite adapter does (ISO 8601, "+00:00"), so Prisma reads it back as a Date. */
export function sqlTime(d: Date | null | undefined): string | null {
  return d ? d.toISOString().replace('Z', '+00:00') : null;
}

async function inChunks(rows: unknown[][], width: number, run: (chunk: unknown[][]) => Promise<unknown>): Promise<void> {
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let i = 0; i < rows.length; i += per) await run(rows.slice(i, i + per));
}

const tuples = (n: number, width: number) => Array(n).fill(`(${Array(width).fill('?').join(',')})`).join(',');

/** Inserts `rows` (values in `columns` order) with multi-row INSERTs. */
export async function insertRows(sql: SqlRunner, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  await inChunks(rows, columns.length, (chunk) =>
    sql.$executeRawUnsafe(
      `INSERT INTO ${q(table)} (${columns.map(q).join(',')}) VALUES ${tuples(chunk.length, columns.length)}`,
      ...chunk.flat(),
    ),
  );
}

/**
 * Updates rows by id: `rows` hold the id first, then one value per entry of `rules`, in that order.
 * One `UPDATE … FROM (VALUES …)` per chunk, joined on the primary key.
 */
export async function updateRows(sql: SqlRunner, table: string, rules: Array<[string, UpdateRule]>, rows: unknown[][]): Promise<void> {
  const sets = rules.map(([c, rule], i) => {
    const v = `v.column${i + 2}`;
    return `${q(c)} = ${rule === 'set' ? v : `COALESCE(${v}, ${q(table)}.${q(c)})`}`;
  });
  await inChunks(rows, rules.length + 1, (chunk) =>
    sql.$executeRawUnsafe(
      `UPDATE ${q(table)} SET ${sets.join(', ')} FROM (VALUES ${tuples(chunk.length, rules.length + 1)}) AS v ` +
        `WHERE ${q(table)}."id" = v.column1`,
      ...chunk.flat(),
    ),
  );
}

/** `SELECT fields FROM table WHERE column IN (values)`, chunked; duplicate and null values are dropped. */
export async function selectIn<T>(
  sql: SqlRunner,
  table: string,
  column: string,
  values: Array<string | null | undefined>,
  fields: string[],
): Promise<T[]> {
  const unique = [...new Set(values.filter((v): v is string => typeof v === 'string'))];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += 900) {
    const chunk = unique.slice(i, i + 900);
    const rows = await sql.$queryRawUnsafe<T[]>(
      `SELECT ${fields.map(q).join(',')} FROM ${q(table)} WHERE ${q(column)} IN (${chunk.map(() => '?').join(',')})`,
      ...chunk,
    );
    out.push(...rows);
  }
  return out;
}
