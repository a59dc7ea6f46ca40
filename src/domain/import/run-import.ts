import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AnxinError } from '../../core/errors.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../db/client.ts';
import { prismaRunner, type SqlRunner } from './bulk-upsert.ts';
import { checkHeader } from './columns.ts';
import { readCsvRecords, type CsvEncoding, type CsvSyntaxError } from './csv-records.ts';
import { shanghaiDate } from '../calendar/shanghai-time.ts';
import { agentImporter } from './import-agents.ts';
import { customerImporter } from './import-customers.ts';
import { policyImporter } from './import-policies.ts';
import type { ImportContext, KindImporter } from './importer.ts';
import { openSqliteRunner } from './sqlite-runner.ts';
import type { ImportKind, ImportResult, PendingRow, RowProblem } from './types.ts';

/** Options of an import run. */
export interface ImportOptions {
  /** HMAC secret for ID numbers (config ANXIN_ID_SECRET). */
  secret: string;
  clock: Clock;
  encoding?: CsvEncoding;
  /** Validate and check references, write nothing. */
  dryRun?: boolean;
  /** Rows per transaction (default 5,000: fewer commits, each writing each touched index page once). */
  batchSize?: number;
  /** Called every few hundred rows and at the end with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /**
   * The SQLite file behind `db`: bulk writes then go through a dedicated better-sqlite3 connection (see
   * sqlite-runner.ts for why). Without it they go through Prisma's raw SQL on `db` (about three times slower).
   */
  sqliteFile?: string;
}

/** Runs a function in a transaction on whichever connection does the writing. */
type Transact = <T>(fn: (sql: SqlRunner) => Promise<T>) => Promise<T>;

const IMPORTERS: Record<ImportKind, (ctx: ImportContext) => KindImporter> = {
  customers: customerImporter,
  agents: agentImporter,
  policies: policyImporter,
};

/**
 * Imports one CSV stream. Every row is validated; rows without problems are written in batches, one transaction
 * per batch; rows with problems are returned with their line numbers and every reason. Re-importing a file
 * updates the rows it created. A bad header throws `AnxinError('import_header')` before anything is written.
 */
export async function importCsv(db: Db, kind: ImportKind, input: Readable, opts: ImportOptions): Promise<ImportResult> {
  const now = opts.clock.now();
  const importer = IMPORTERS[kind]({ secret: opts.secret, now, today: shanghaiDate(now) });
  const runner = opts.sqliteFile ? openSqliteRunner(opts.sqliteFile) : undefined;
  const transact: Transact = runner
    ? (fn) => runner.transaction(fn)
    : (fn) => db.$transaction((tx) => fn(prismaRunner(tx)), { timeout: 120_000, maxWait: 60_000 });
  try {
    return await readAndWrite(kind, importer, input, transact, opts);
  } finally {
    runner?.close();
  }
}

async function readAndWrite(kind: ImportKind, importer: KindImporter, input: Readable, transact: Transact, opts: ImportOptions): Promise<ImportResult> {
  const batchSize = opts.batchSize ?? 5000;
  const dryRun = opts.dryRun ?? false;
  const syntaxErrors: CsvSyntaxError[] = [];
  const problems: RowProblem[] = [];
  const result: ImportResult = { kind, rows: 0, created: 0, updated: 0, failed: 0, problems, dryRun };
  let names: string[] | undefined;
  let batch: PendingRow<unknown>[] = [];

  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const counts = await writeBatch(transact, importer, rows, dryRun);
    result.created += counts.created;
    result.updated += counts.updated;
    for (const r of rows) if (r.reasons.length) problems.push({ line: r.line, reasons: r.reasons });
  };

  for await (const rec of readCsvRecords(input, { encoding: opts.encoding, syntaxErrors })) {
    if (!names) {
      names = readHeader(importer, rec.cells);
      continue;
    }
    result.rows++;
    if (rec.cells.length !== names.length) {
      problems.push({ line: rec.line, reasons: [{ code: 'column_count', arg: String(names.length), value: String(rec.cells.length) }] });
    } else {
      const cells: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) cells[names[i]] = rec.cells[i];
      batch.push(importer.validate(rec.line, cells));
      if (batch.length >= batchSize) await flush();
    }
    if (result.rows % 500 === 0) opts.onProgress?.(result.rows);
  }
  if (!names) throw new AnxinError('import_empty', 'the file has no header line');
  await flush();
  for (const e of syntaxErrors) {
    const reasons = [{ code: 'csv_syntax', arg: e.message }];
    if (e.toLine !== undefined) reasons.push({ code: 'csv_unread', arg: `${e.line}–${e.toLine}` });
    problems.push({ line: e.line, reasons });
  }
  problems.sort((a, b) => a.line - b.line);
  result.failed = problems.length;
  opts.onProgress?.(result.rows);
  return result;
}

/** Opens a file and imports it; `onBytes` gets the file size and the bytes read so far (for a progress bar). */
export async function importCsvFile(
  db: Db,
  kind: ImportKind,
  file: string,
  opts: ImportOptions & { onBytes?: (read: number, total: number) => void },
): Promise<ImportResult> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new AnxinError('import_no_file', `cannot read ${file}`, { file });
  const total = info.size;
  const input = createReadStream(file);
  let read = 0;
  if (opts.onBytes) input.on('data', (chunk) => opts.onBytes!((read += chunk.length), total));
  return importCsv(db, kind, input, opts);
}

function readHeader(importer: KindImporter, header: string[]): string[] {
  const { names, problems } = checkHeader(importer.columns, header);
  const extra = importer.useHeader(names);
  if (problems || extra.length) {
    const details = { missing: [...(problems?.missing ?? []), ...extra], unknown: problems?.unknown ?? [], duplicate: problems?.duplicate ?? [] };
    const notUtf8 = header.some((h) => h.includes('\uFFFD'));
    throw new AnxinError('import_header', `bad header: ${JSON.stringify(details)}`, { ...details, notUtf8 });
  }
  return names;
}

/**
 * Writes one batch in a transaction. If the database refuses it (say, a unique key taken by a concurrent writer),
 * each row is retried alone so one bad row cannot sink the rest of the batch; the refusing rows get a `db_error` reason.
 */
async function writeBatch(transact: Transact, importer: KindImporter, rows: PendingRow<unknown>[], dryRun: boolean) {
  try {
    return await transact((sql) => importer.write(sql, rows, dryRun));
  } catch {
    const counts = { created: 0, updated: 0 };
    for (const row of rows) {
      if (row.reasons.length) continue;
      try {
        const c = await transact((sql) => importer.write(sql, [row], dryRun));
        counts.created += c.created;
        counts.updated += c.updated;
      } catch (err) {
        row.reasons.push({ code: 'db_error', arg: (err as Error).message.split('\n').pop()?.slice(0, 200) });
      }
    }
    return counts;
  }
}
