import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { buildApp } from '../app.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { createLogger } from '../core/logger.ts';
import { parseYmd, shanghaiDate } from '../domain/calendar/index.ts';
import { t, type Lang } from '../i18n/index.ts';
import { findJob, JOBS } from '../jobs/registry.ts';
import { runJob } from '../jobs/run-job.ts';
import type { Progress } from '../jobs/types.ts';
import { cliConfig, cliLang, fail, withDatabase } from './db.ts';

/** Phases shorter than this finish before a bar would help. */
const BAR_FROM = 1000;
/** Errors printed; the JobRun row keeps the first hundred. */
const ERRORS_SHOWN = 10;
/** Exit code when the run finished but some records failed or were left unsent (1 = the run itself failed). */
export const EXIT_WITH_ERRORS = 2;
/** Exit code when another run of the job holds it (the message names that run). */
export const EXIT_REFUSED = 3;

/** A cli-progress bar on stderr per phase, only for long phases (stdout stays parseable: its last line matters). */
function progressBar(lang: Lang): Progress {
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  return {
    start(total, phase) {
      done = 0;
      if (total < BAR_FROM) return;
      bar = new cliProgress.SingleBar(
        { format: t(lang, 'jobs:cli.progress', { phase }), stream: process.stderr, noTTYOutput: true, notTTYSchedule: 3000, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    tick(n = 1) {
      done += n;
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** `anxin jobs list`, `anxin jobs run <job> [--date YYYY-MM-DD] [--dry-run] [--wait seconds]`. `clock` is for tests. */
export function register(program: Command, clock: Clock = systemClock): void {
  const jobs = program.command('jobs').description('scheduled jobs: greetings, callbacks, complaint deadlines, renewal reminders');
  jobs
    .command('list')
    .description('list the jobs and when they run')
    .option('--lang <lang>', 'zh or en')
    .action((o: { lang?: string }) => {
      const lang = cliLang(o.lang);
      console.log(t(lang, 'jobs:cli.listHeader', { tz: cliConfig().ANXIN_TIMEZONE }));
      for (const j of JOBS) console.log(t(lang, 'jobs:cli.list', { name: j.name.padEnd(10), schedule: j.schedule.padEnd(14), description: j.description }));
    });
  jobs
    .command('run')
    .description('run a job now (the last line of greetings/callbacks/renewals is "planned: N")')
    .argument('<job>', JOBS.map((j) => j.name).join(' | '))
    .option('--date <date>', 'business date YYYY-MM-DD (default: today in Asia/Shanghai)')
    .option('--dry-run', 'compute and count only: write nothing, send nothing')
    .option('--wait <seconds>', 'when another run of the job is going on, wait up to this long for it (default: exit at once, code 3)')
    .option('--lang <lang>', 'zh or en')
    .action(async (name: string, o: { date?: string; dryRun?: boolean; wait?: string; lang?: string }) => {
      const lang = cliLang(o.lang);
      const job = findJob(name);
      if (!job) return fail(t(lang, 'jobs:cli.unknownJob', { name, names: JOBS.map((j) => j.name).join(', ') }));
      const waitSeconds = o.wait === undefined ? 0 : Number(o.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0) return fail(t(lang, 'jobs:cli.badWait', { got: o.wait }));
      const date = o.date ?? shanghaiDate(clock.now());
      try {
        parseYmd(date);
      } catch {
        return fail(t(lang, 'jobs:cli.badDate', { date }));
      }
      await withDatabase(async (db, config) => {
        // Logs go to stderr with the bar; stdout carries the report.
        const app = await buildApp({ db, config, clock, logger: createLogger(config.LOG_LEVEL, process.stderr) });
        try {
          console.log(t(lang, 'jobs:cli.started', { job: job.name, date, dry: o.dryRun ? t(lang, 'jobs:cli.dry') : '' }));
          const { runId, status, result, holder } = await runJob(app, job, { date, dryRun: Boolean(o.dryRun), waitMs: waitSeconds * 1000, progress: progressBar(lang) });
          if (status === 'refused' && holder) {
            const since = holder.acquiredAt.toISOString();
            return fail(t(lang, 'jobs:cli.refused', { job: job.name, runId: holder.runId, process: holder.process, since, self: runId }), EXIT_REFUSED);
          }
          for (const [k, n] of Object.entries(result.counts)) console.log(t(lang, 'jobs:cli.count', { name: k, n }));
          for (const note of result.notes ?? []) console.log(`  ${note}`);
          for (const e of result.errors.slice(0, ERRORS_SHOWN)) console.log(t(lang, 'jobs:cli.error', { ref: e.ref ?? '-', message: e.message }));
          if (result.errors.length > ERRORS_SHOWN) console.log(t(lang, 'jobs:cli.moreErrors', { n: result.errors.length - ERRORS_SHOWN, runId }));
          console.log(t(lang, 'jobs:cli.status', { status, runId }));
          if (job.plans) console.log(`planned: ${result.planned ?? 0}`);
          if (status === 'failed') process.exitCode = 1;
          else if (status === 'partial') process.exitCode = EXIT_WITH_ERRORS;
        } finally {
          await app.close();
        }
      });
    });
}
