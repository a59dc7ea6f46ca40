import { App, type webApi } from '@slack/bolt';
import type { AnxinApp } from '../../src/app.ts';
import type { Config } from '../../src/config/schema.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { Lang } from '../../src/i18n/index.ts';
import { SlackAccess } from './access.ts';
import { boltLogger } from './bolt-logger.ts';
import { channelsFromConfig } from './channels.ts';
import { registerCommands } from './commands.ts';
import { registerInteractions } from './interactions.ts';
import { StaffMembership } from './membership.ts';
import { FastifyReceiver, slackRoutes } from './receiver.ts';
import { SlackStaffRoom } from './staff-room.ts';
import { WorkTracker } from './tracker.ts';

/** What startSlack needs from the app (buildApp's result has all of it). */
export type SlackHost = Pick<AnxinApp, 'db' | 'clock' | 'config' | 'events' | 'logger' | 'delivery' | 'server'>;

export interface StartSlackOptions {
  /**
   * HTTP mode: the receiver whose routes were given to buildApp (`routes: [slackRoutes(receiver)]`). Without it,
   * startSlack adds the routes to `app.server` itself, which works only before the server listens or is injected.
   */
  receiver?: FastifyReceiver;
  /** Web API client options on top of SLACK_API_URL (tests shorten the retry policy). */
  clientOptions?: webApi.WebClientOptions;
  /** Language of cards and replies to staff (default zh). */
  lang?: Lang;
}

export interface SlackHandle {
  mode: 'http' | 'socket';
  bolt: App;
  room: SlackStaffRoom;
  /** Resolves when all Slack work in flight (requests after their ack, card posts) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Bolt wants the API base with a trailing slash ("https://slack.com/api/"). */
const apiUrl = (url?: string) => (url ? (url.endsWith('/') ? url : `${url}/`) : undefined);

/** The receiver for Slack's HTTP requests on Anxin's server (needs SLACK_SIGNING_SECRET). */
export function createSlackReceiver(config: Config, logger: Logger): FastifyReceiver {
  if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required for Slack over HTTP');
  return new FastifyReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, logger: logger.child({ component: 'slack' }) });
}

/**
 * Starts the Slack side: a Bolt app whose HTTP requests arrive on Anxin's own server (POST /slack/events), or over
 * Socket Mode when SLACK_APP_TOKEN is set (no public URL needed; it connects out to Slack). Calls `auth.test` first
 * (a bad token fails here, loudly), subscribes the staff room to the core's events and posts cards for open
 * escalations that have none yet.
 */
export async function startSlack(app: SlackHost, opts: StartSlackOptions = {}): Promise<SlackHandle> {
  const { config, logger } = app;
  if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const channels = channelsFromConfig(config);
  const lang = opts.lang ?? 'zh';
  const socket = Boolean(config.SLACK_APP_TOKEN);
  const clientOptions: webApi.WebClientOptions = { ...(apiUrl(config.SLACK_API_URL) ? { slackApiUrl: apiUrl(config.SLACK_API_URL) } : {}), ...opts.clientOptions };
  const common = { token: config.SLACK_BOT_TOKEN, logger: boltLogger(logger), clientOptions, deferInitialization: true };

  let receiver: FastifyReceiver | undefined;
  let bolt: App;
  if (socket) {
    bolt = new App({ ...common, appToken: config.SLACK_APP_TOKEN, socketMode: true });
  } else {
    receiver = opts.receiver;
    if (!receiver) {
      receiver = createSlackReceiver(config, logger);
      await slackRoutes(receiver)(app.server);
    }
    bolt = new App({ ...common, receiver });
  }
  await bolt.init();

  const staff = { db: app.db, clock: app.clock, events: app.events, delivery: app.delivery };
  const access = new SlackAccess(app.db, channels, new StaffMembership(bolt.client), lang);
  registerInteractions(bolt, { staff, access, logger, lang });
  registerCommands(bolt, { staff, config, access, logger, lang });
  bolt.error(async (err) => {
    logger.error({ err }, 'slack: listener failed');
  });

  const work = receiver?.work ?? new WorkTracker();
  const room = new SlackStaffRoom({ db: app.db, clock: app.clock, logger, client: bolt.client, channels, work, lang });
  const detach = room.attach(app.events);
  await bolt.start();
  void work.track(room.postMissingCards().catch((err: unknown) => logger.error({ err }, 'slack: posting missing cards failed')));
  logger.info(socket ? 'slack: connected over Socket Mode' : 'slack: receiving on POST /slack/events');

  return {
    mode: socket ? 'socket' : 'http',
    bolt,
    room,
    idle: () => work.idle(),
    async stop() {
      detach();
      await work.idle();
      await bolt.stop();
    },
  };
}
