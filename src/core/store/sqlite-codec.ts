/**
 * Prisma's SQLite column formats, for code that reads and writes Prisma's tables with plain better-sqlite3.
 *
 * How `@prisma/adapter-better-sqlite3` (default options) stores values: DateTime as ISO-8601 text ending in
 * `+00:00`; Json as JSON text (columns declared `JSONB`); Boolean as 0/1; Decimal as a number. Reading, Prisma turns
 * DateTime text without a zone into UTC and a bare date into midnight UTC; we do the same.
 */
import type Database from 'better-sqlite3';
import { Prisma } from '../../generated/sqlite/client.ts';

/** A JS value as a parameter for a Prisma-owned column. */
export const sqlDate = (d: Date | null | undefined): string | null => (d ? d.toISOString().replace('Z', '+00:00') : null);
export const sqlJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

const TIME = /\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** Parses a stored DateTime the way Prisma's client does (text in several ISO shapes, or epoch milliseconds). */
export function parseSqliteDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  const m = TIME.exec(text);
  if (!m) return new Date(`${text}T00:00:00Z`);
  let iso = text;
  const [time, zone, minutes] = m;
  if (zone === undefined) iso = `${text}Z`;
  else if (zone !== 'Z' && minutes === undefined) iso = `${text}:00`;
  if (time.length === text.length) return new Date(`1970-01-01T${iso}`);
  const sep = m.index - 1;
  if (iso[sep] === ' ') iso = `${iso.slice(0, sep)}T${iso.slice(sep + 1)}`;
  return new Date(iso);
}

type Decode = (v: unknown) => unknown;

function decoderFor(declared: string): Decode | undefined {
  switch (declared.toUpperCase()) {
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'DATE':
      return parseSqliteDate;
    case 'JSONB':
      return (v) => (v === null ? null : JSON.parse(String(v)));
    case 'BOOLEAN':
      return (v) => (v === null ? null : Boolean(Number(v)));
    case 'DECIMAL':
      return (v) => (v === null ? null : new Prisma.Decimal(String(v)));
    default:
      return undefined;
  }
}

/** Turns rows of one Prisma table, as better-sqlite3 returns them, into the objects Prisma's client returns. */
export type RowDecoder<T> = (row: Record<string, unknown>) => T;

/** Builds the decoder for a table from its declared column types (read once per connection). */
export function tableDecoder<T>(db: Database.Database, table: string): RowDecoder<T> {
  const columns = db.pragma(`table_info("${table.replace(/"/g, '""')}")`) as Array<{ name: string; type: string }>;
  if (columns.length === 0) throw new Error(`table ${table} does not exist`);
  const converters = columns.flatMap((c) => {
    const decode = decoderFor(c.type);
    return decode ? [[c.name, decode] as const] : [];
  });
  return (row) => {
    for (const [name, decode] of converters) row[name] = decode(row[name]);
    return row as T;
  };
}
