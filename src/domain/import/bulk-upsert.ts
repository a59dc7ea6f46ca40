/**
 * Multi-row writes in plain SQL. Prisma's typed API writes one row per statement and cannot update many rows with
 * different values at once; one `INSERT … VALUES (…),(…)` or `UPDATE … FROM (VALUES …)` per ~2,000 rows keeps a
 * 100,000-row import within seconds. The SQL is standard (PostgreSQL accepts it with `$n` placeholders) and runs
 * on either runner: Prisma's raw SQL, or the better-sqlite3 fast path (sqlite-runner.ts).
 */

/** Executes SQL with positional `?` parameters. */
export interface SqlRunner {
  execute(sql: string, values: unknown[]): Promise<number>;
  query<T>(sql: string, values: unknown[]): Promise<T[]>;
}

/** What both the Prisma client and an interactive-transaction client offer. */
interface PrismaRaw {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** A runner over Prisma's raw SQL (a client or a transaction client). */
export function prismaRunner(db: PrismaRaw): SqlRunner {
  return {
    execute: (sql, values) => db.$executeRawUnsafe(sql, ...values),
    query: <T>(sql: string, values: unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...values),
  };
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

const tuples = (n: number, width: number) => {
  const one = `(${Array(width).fill('?').join(',')})`;
  return Array(n).fill(one).join(',');
};

/** Runs `statement(rowsInChunk)` over `values` (rows of `width` values, flattened) in parameter-limit chunks. */
async function inChunks(sql: SqlRunner, values: unknown[], width: number, statement: (rows: number) => string): Promise<void> {
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / width)) * width;
  for (let i = 0; i < values.length; i += perChunk) {
    const chunk = i === 0 && values.length <= perChunk ? values : values.slice(i, i + perChunk);
    await sql.execute(statement(chunk.length / width), chunk);
  }
}

/** Inserts rows given as one flat array of values in `columns` order. */
export async function insertRows(sql: SqlRunner, table: string, columns: string[], values: unknown[]): Promise<void> {
  const head = `INSERT INTO ${q(table)} (${columns.map(q).join(',')}) VALUES `;
  await inChunks(sql, values, columns.length, (n) => head + tuples(n, columns.length));
}

/**
 * Updates rows by id. `values` is flat: per row the id, then one value per entry of `rules`, in that order.
 * One `UPDATE … FROM (VALUES …)` per chunk, joined on the primary key.
 */
export async function updateRows(sql: SqlRunner, table: string, rules: Array<[string, UpdateRule]>, values: unknown[]): Promise<void> {
  const sets = rules.map(([c, rule], i) => {
    const v = `v.column${i + 2}`;
    return `${q(c)} = ${rule === 'set' ? v : `COALESCE(${v}, ${q(table)}.${q(c)})`}`;
  });
  const width = rules.length + 1;
  await inChunks(sql, values, width, (n) =>
    `UPDATE ${q(table)} SET ${sets.join(', ')} FROM (VALUES ${tuples(n, width)}) AS v WHERE ${q(table)}."id" = v.column1`,
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
  const head = `SELECT ${fields.map(q).join(',')} FROM ${q(table)} WHERE ${q(column)} IN `;
  for (let i = 0; i < unique.length; i += 900) {
    const chunk = unique.slice(i, i + 900);
    out.push(...(await sql.query<T>(`${head}(${chunk.map(() => '?').join(',')})`, chunk)));
  }
  return out;
}
