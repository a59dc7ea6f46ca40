import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { seedDemo } from '../../prisma/seed/index.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { systemClock } from '../core/clock.ts';
import { openDatabase, type Db } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { t, toLang, type Lang } from '../i18n/index.ts';

/** `--lang`, else the terminal's LANG (en_US… → English), else Chinese. */
export function cliLang(opt?: string): Lang {
  return toLang(opt ?? process.env.LANG);
}

/** Reads `.env` (when present, like `npm start`) and validates the environment; throws ConfigError. */
export function cliConfig(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig();
}

/**
 * Runs `fn` with a migrated database: commands work on a fresh checkout the way `npm start` does (migrations are
 * idempotent and cheap when up to date). The connection is closed afterwards, so the process can exit.
 */
export async function withDatabase<T>(fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = cliConfig();
  await applyMigrations(config.DATABASE_URL);
  const db = await openDatabase(config.DATABASE_URL);
  try {
    return await fn(db, config);
  } finally {
    await db.$disconnect();
  }
}

/** Prints to stderr and sets a failing exit code without throwing through commander. */
export function fail(message: string, exitCode = 1): void {
  console.error(message);
  process.exitCode = exitCode;
}

/** `anxin db migrate`, `anxin db seed`. */
export function register(program: Command): void {
  const db = program.command('db').description('database: apply migrations, seed the demo data set');
  db.command('migrate')
    .description('apply the committed migrations (prisma/migrations) to DATABASE_URL')
    .option('--lang <lang>', 'zh or en')
    .action(async (o: { lang?: string }) => {
      const config = cliConfig();
      await applyMigrations(config.DATABASE_URL, { log: (line) => console.log(line) });
      console.log(t(cliLang(o.lang), 'import:db.migrated', { url: config.DATABASE_URL }));
    });
  db.command('seed')
    .description('write the demo data set (skipped when the database already has customers)')
    .option('--customers <n>', 'customers in total, including the documented demo identities', '300')
    .option('--lang <lang>', 'zh or en')
    .action(async (o: { customers: string; lang?: string }) => {
      const lang = cliLang(o.lang);
      const customers = Number(o.customers);
      if (!Number.isInteger(customers) || customers < 5) return fail(t(lang, 'import:db.badCount', { got: o.customers }));
      await withDatabase(async (d, config) => {
        const seeded = await seedDemo(d, { secret: config.ANXIN_ID_SECRET, now: systemClock.now(), customers });
        if (!seeded) return console.log(t(lang, 'import:db.alreadySeeded'));
        const [c, a, p] = await Promise.all([d.customer.count(), d.agent.count(), d.policy.count()]);
        console.log(t(lang, 'import:db.seeded', { customers: c, agents: a, policies: p }));
      });
    });
}
