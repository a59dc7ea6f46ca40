/**
 * `npm start`: validate configuration, migrate, seed the demo data on first run, start the HTTP server (web chat,
 * health) and whichever channels and jobs are configured.
 */
import { existsSync } from 'node:fs';
import { buildApp, type AnxinApp } from './app.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { reportRoutes } from './web/report/routes.ts';
import { staffRoutes } from './web/staff/routes.ts';
import { ConfigError, loadConfig, slackEnabled } from './config/load.ts';
import { createLogger } from './core/logger.ts';
import { openDatabase } from './db/client.ts';
import { applyMigrations } from './db/migrate.ts';
import { seedDemo } from '../prisma/seed/index.ts';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const { applied } = await applyMigrations(config.DATABASE_URL, { log: (line) => logger.info(line) });
  logger.info({ applied: applied.length }, applied.length ? `database migrated (${applied.join(', ')})` : 'database schema up to date');
  const db = await openDatabase(config.DATABASE_URL);
  if (config.ANXIN_SEED_DEMO) {
    const seeded = await seedDemo(db, { secret: config.ANXIN_ID_SECRET, now: new Date() });
    if (seeded) logger.info('demo data seeded (set ANXIN_SEED_DEMO=false to start empty)');
  }
  // Slack is loaded only when configured; its HTTP receiver shares this server (POST /slack/events).
  const slackMod = slackEnabled(config) ? await import('../adapters/slack/index.ts') : undefined;
  const slackReceiver = slackMod && !config.SLACK_APP_TOKEN ? slackMod.createSlackReceiver(config, logger) : undefined;
  const app: AnxinApp = await buildApp({
    db,
    config,
    logger,
    routes: [staffRoutes(() => app), reportRoutes(() => app), ...(slackMod && slackReceiver ? [slackMod.slackRoutes(slackReceiver)] : [])],
  });
  const recovered = await app.delivery.recoverInterrupted();
  if (recovered) logger.info({ recovered }, 'picked up messages left unsent by the last run');
  const scheduler = config.ANXIN_JOBS_ENABLED ? startScheduler(app) : undefined;
  const url = await app.listen();
  // After listen, not before: a client retrying a message meanwhile joins its recovery instead of waiting for all.
  void app.pipeline
    .recoverUnanswered()
    .then((r) => (r.answered || r.apologised || r.failed ? logger.info(r, 'answered messages left unanswered by the last run') : undefined))
    .catch((err) => logger.error({ err }, 'recovering unanswered messages failed'));
  const base = url.replace('0.0.0.0', 'localhost').replace('127.0.0.1', 'localhost');
  if (process.stdout.isTTY) {
    // A plain banner for people; the JSON log lines below are for log collectors.
    console.log(
      [
        '',
        '  安心 Anxin is running',
        `  web chat     ${base}/`,
        `  staff page   ${base}/staff   (this machine only)`,
        `  report       ${base}/staff/report`,
        `  health       ${base}/healthz`,
        `  WeChat ${config.WECHAT_ENABLED ? 'on' : 'off'} · Slack ${slackMod ? 'on' : 'off'} · scheduled care ${scheduler ? 'on' : 'off'}   (see README "Configuration")`,
        '',
      ].join('\n'),
    );
  }
  logger.info(`web chat:   ${url.replace('0.0.0.0', 'localhost')}/`);
  logger.info(`health:     ${url.replace('0.0.0.0', 'localhost')}/healthz`);
  const stoppers: Array<() => Promise<void>> = [];
  if (config.WECHAT_ENABLED) {
    // Imported only when on, so the embedded default never loads Wechaty.
    const { startWeChat } = await import('../adapters/wechat/start.ts');
    const wechat = await startWeChat(app);
    stoppers.push(() => wechat.stop());
    logger.info(`WeChat: on (${config.WECHATY_PUPPET}) — scan the QR code above to log in`);
  } else logger.info('WeChat: off (set WECHAT_ENABLED=true to connect a WeChat account)');
  logger.info(scheduler ? 'scheduled care: on (greetings, callbacks, deadlines, renewals — `anxin jobs list`)' : 'scheduled care: off (ANXIN_JOBS_ENABLED=false)');
  logger.info(`staff page: ${url.replace('0.0.0.0', 'localhost')}/staff (this machine only; no login yet)`);
  if (slackMod) {
    // Not awaited: if Slack cannot be reached the Web API client keeps retrying; cards missed meanwhile are posted
    // once it starts.
    slackMod
      .startSlack(app, { receiver: slackReceiver })
      .then((slack) => {
        stoppers.push(() => slack.stop());
        logger.info(`Slack: on (${slack.mode})`);
      })
      .catch((err) => logger.error({ err }, 'Slack failed to start'));
  } else logger.info('Slack: off — escalations are on the staff page (/staff); set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to use Slack');
  const retry = setInterval(() => void app.delivery.retryDue().catch((err) => logger.error({ err }, 'retry sweep failed')), 30_000);
  const shutdown = async (signal: string) => {
    logger.info(`${signal}: shutting down`);
    clearInterval(retry);
    await scheduler?.stop();
    for (const stop of stoppers.reverse()) await stop().catch((err) => logger.error({ err }, 'stop failed'));
    await app.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(`anxin: failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
