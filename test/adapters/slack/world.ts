import { FastifyReceiver, slackRoutes, startSlack, type SlackHandle } from '../../../adapters/slack/index.ts';
import { fixedClock } from '../../../src/core/clock.ts';
import { createLogger } from '../../../src/core/logger.ts';
import { createTestApp } from '../../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { FakeSlack } from './fake-slack.ts';
import { postCommand, postEvent, postInteraction, SIGNING_SECRET } from './signed.ts';

export const CH = { general: 'CGENERAL', complaints: 'CCOMPLAINTS', compliance: 'CCOMPLY' } as const;
/** USTAFF is in the general and complaints channels, UCOMPLY only in compliance, UOUTSIDER in none. */
export const MEMBERS = { [CH.general]: ['USTAFF', 'UOTHER'], [CH.complaints]: ['USTAFF'], [CH.compliance]: ['UCOMPLY'] };

export interface SlackWorld {
  fake: FakeSlack;
  app: Awaited<ReturnType<typeof createTestApp>>;
  slack: SlackHandle;
  chat: ScriptedChat;
  /** Waits until Slack work in flight (processing after the ack, card posts) is done. */
  settle(): Promise<void>;
  click(user: string, actionId: string, escalationId: string, extra?: Record<string, unknown>): ReturnType<typeof postInteraction>;
  submitReply(user: string, escalationId: string, text: string): ReturnType<typeof postInteraction>;
  /** The payload Slack sends when `user` clicks a card button (a fresh trigger id each time). */
  clickPayload(user: string, actionId: string, escalationId: string, extra?: Record<string, unknown>): Record<string, unknown>;
  /** The payload Slack sends when `user` submits the Reply modal. */
  replyPayload(user: string, escalationId: string, text: string): Record<string, unknown>;
  /** The form fields of `/anxin <text>` typed by `user` (a fresh response_url each time). */
  commandFields(user: string, text: string): Record<string, string>;
  threadMessage(user: string, channel: string, threadTs: string, text: string, eventId: string, retryNum?: number): ReturnType<typeof postEvent>;
  command(user: string, text: string): ReturnType<typeof postCommand>;
  cleanup(): Promise<void>;
}

let seq = 0;

/** A full app (real SQLite, real NLU) with a real Bolt app on its fastify server and a fake Slack Web API. */
export interface WorldOptions {
  /** Extra or overriding environment (e.g. SLACK_CHANNEL_COMPLIANCE: '' to leave it unset). */
  env?: Record<string, string>;
  /** Let startSlack create the receiver and add the routes itself (the one-call wiring). */
  selfRouted?: boolean;
  /** Runs after the app is built and before Slack starts (e.g. to leave escalations waiting). */
  beforeStart?: (app: Awaited<ReturnType<typeof createTestApp>>) => Promise<void>;
}

export async function slackWorld(opts: WorldOptions = {}): Promise<SlackWorld> {
  const fake = new FakeSlack(MEMBERS);
  await fake.start();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    SLACK_CHANNEL_GENERAL: CH.general,
    SLACK_CHANNEL_COMPLAINTS: CH.complaints,
    SLACK_CHANNEL_COMPLIANCE: CH.compliance,
    ...opts.env,
  };
  const receiver = new FastifyReceiver({ signingSecret: SIGNING_SECRET, logger: createLogger('silent') });
  const app = await createTestApp({ clock: fixedClock('2026-11-30T02:00:00Z'), env, routes: opts.selfRouted ? [] : [slackRoutes(receiver)] });
  await opts.beforeStart?.(app);
  const slack = await startSlack(app, { receiver: opts.selfRouted ? undefined : receiver, clientOptions: { retryConfig: { retries: 3, minTimeout: 10, maxTimeout: 50 } } });
  const chat = await scriptedChat({ app });
  const settle = async () => {
    await slack.idle();
  };
  const clickPayload: SlackWorld['clickPayload'] = (user, actionId, escalationId, extra = {}) => ({
    type: 'block_actions',
    team: { id: 'T0001', domain: 'anxin' },
    user: { id: user, username: user.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy',
    trigger_id: `trigger-${++seq}`,
    channel: { id: CH.general, name: 'anxin-general' },
    container: { type: 'message', channel_id: CH.general },
    response_url: fake.responseUrl(`r${seq}`),
    actions: [{ type: 'button', action_id: actionId, block_id: 'anxin_actions', value: escalationId, action_ts: '1' }],
    ...extra,
  });
  const replyPayload: SlackWorld['replyPayload'] = (user, escalationId, text) => ({
    type: 'view_submission',
    team: { id: 'T0001', domain: 'anxin' },
    user: { id: user, username: user.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy',
    trigger_id: `trigger-${++seq}`,
    view: {
      id: 'V0001',
      type: 'modal',
      team_id: 'T0001',
      callback_id: 'anxin_reply_modal',
      private_metadata: escalationId,
      state: { values: { reply: { text: { type: 'plain_text_input', value: text } } } },
      hash: 'h',
    },
  });
  const commandFields: SlackWorld['commandFields'] = (user, text) => ({
    channel_id: CH.general,
    channel_name: 'anxin-general',
    user_id: user,
    user_name: user.toLowerCase(),
    text,
    trigger_id: `cmd-trigger-${++seq}`,
    response_url: fake.responseUrl(`c${seq}`),
  });
  return {
    fake,
    app,
    slack,
    chat,
    settle,
    clickPayload,
    replyPayload,
    commandFields,
    click: (user, actionId, escalationId, extra = {}) => postInteraction(app.server, clickPayload(user, actionId, escalationId, extra)),
    submitReply: (user, escalationId, text) => postInteraction(app.server, replyPayload(user, escalationId, text)),
    threadMessage: (user, channel, threadTs, text, eventId, retryNum) =>
      postEvent(
        app.server,
        eventId,
        { type: 'message', channel, user, text, ts: `1764469999.${String(++seq).padStart(6, '0')}`, thread_ts: threadTs, channel_type: 'channel', event_ts: '1764469999.000001' },
        { retryNum },
      ),
    command: (user, text) => postCommand(app.server, commandFields(user, text)),
    async cleanup() {
      await slack.stop();
      await app.cleanup();
      await fake.stop();
    },
  };
}
