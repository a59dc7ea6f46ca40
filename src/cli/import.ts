import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { systemClock } from '../core/clock.ts';
import { sqlitePath } from '../db/client.ts';
import { AnxinError } from '../core/errors.ts';
import {
  agentColumns,
  customerColumns,
  formatHeaderProblems,
  formatProblem,
  formatSummary,
  importCsvFile,
  IMPORT_KINDS,
  policyColumns,
  type CsvEncoding,
  type ImportKind,
} from '../domain/import/index.ts';
import { t, type Lang } from '../i18n/index.ts';
import { cliLang, fail, withDatabase } from './db.ts';

/** Exit code when the file was imported but some rows were rejected (1 = nothing imported: bad file, config…). */
export const EXIT_ROWS_REJECTED = 2;
/** The progress bar appears once this many rows have been read (small files finish before it would help). */
const PROGRESS_AFTER_ROWS = 5000;

const columnsOf = (kind: ImportKind) =>
  kind === 'customers' ? customerColumns('9999-12-31') : kind === 'agents' ? agentColumns() : policyColumns();

/**
 * A progress bar on stderr that starts only once a file proves large. On a terminal it redraws in place; when
 * stderr is a pipe or a log it prints a plain line every few seconds instead.
 */
function progress(lang: Lang) {
  let bar: cliProgress.SingleBar | undefined;
  let rows = 0;
  let bytes = 0;
  let total = 0;
  return {
    onBytes(read: number, size: number) {
      bytes = read;
      total = size;
      bar?.update(bytes, { rows });
    },
    onProgress(n: number) {
      rows = n;
      if (!bar && rows >= PROGRESS_AFTER_ROWS && total > 0) {
        bar = new cliProgress.SingleBar(
          { format: t(lang, 'import:progress'), stream: process.stderr, noTTYOutput: true, notTTYSchedule: 3000, etaBuffer: 20, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, bytes, { rows });
      }
      bar?.update(bytes, { rows });
    },
    stop() {
      if (!bar) return;
      bar.update(total, { rows });
      bar.stop();
    },
  };
}

/** `anxin import customers|agents|policies FILE.csv` */
export function register(program: Command): void {
  program
    .command('import')
    .description('import customers, agents or policies from a CSV file (see README "Data import"); re-importing updates')
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'CSV file with a header line')
    .option('--encoding <encoding>', 'utf8 (default), gbk or gb18030 (Excel on Chinese Windows saves GBK)', 'utf8')
    .option('--dry-run', 'validate and check references only; write nothing')
    .option('--lang <lang>', 'language of the report: zh or en')
    .action(async (kind: string, file: string, o: { encoding: string; dryRun?: boolean; lang?: string }) => {
      const lang = cliLang(o.lang);
      if (!IMPORT_KINDS.includes(kind as ImportKind)) return fail(t(lang, 'import:badKind', { list: IMPORT_KINDS.join(', '), got: kind }));
      if (!['utf8', 'gbk', 'gb18030'].includes(o.encoding)) return fail(t(lang, 'import:badEncoding', { got: o.encoding }));
      await withDatabase(async (db, config) => {
        const bar = progress(lang);
        let result;
        try {
          result = await importCsvFile(db, kind as ImportKind, file, {
            secret: config.ANXIN_ID_SECRET,
            clock: systemClock,
            encoding: o.encoding as CsvEncoding,
            dryRun: o.dryRun,
            onBytes: bar.onBytes,
            onProgress: bar.onProgress,
            sqliteFile: sqlitePath(config.DATABASE_URL),
          });
        } catch (err) {
          bar.stop();
          if (!(err instanceof AnxinError)) throw err;
          if (err.code === 'import_header') return fail(formatHeaderProblems(lang, err.details ?? {}, columnsOf(kind as ImportKind)));
          if (err.code === 'import_empty') return fail(t(lang, 'import:empty'));
          if (err.code === 'import_no_file') return fail(t(lang, 'import:noFile', { file }));
          throw err;
        }
        bar.stop();
        // Rejected rows go to stdout with the summary, so `anxin import … > report.txt` keeps the whole report.
        const out: string[] = result.problems.map((p) => formatProblem(lang, p));
        out.push(formatSummary(lang, result));
        process.stdout.write(`${out.join('\n')}\n`);
        if (result.failed > 0) process.exitCode = EXIT_ROWS_REJECTED;
      });
    });
}
