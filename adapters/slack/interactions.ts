import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../src/core/logger.ts';
import { addNote, handBackEscalation, replyToCustomer, resolveEscalation, takeEscalation, type StaffDeps } from '../../src/domain/staff-actions.ts';
import { t, type Lang } from '../../src/i18n/index.ts';
import { escalationRef, loadEscalationView } from '../../src/web/staff/escalation-view.ts';
import { errorText, type SlackAccess } from './access.ts';
import { ACTION, REPLY_MODAL, replyModal } from './card.ts';
import { requestKey, slackOnce } from './once.ts';

type Client = InstanceType<typeof webApi.WebClient>;

export interface InteractionDeps {
  staff: StaffDeps;
  access: SlackAccess;
  logger: Logger;
  lang: Lang;
}

const CLOSED = new Set(['resolved', 'handed_back']);

/** Tells only the clicking user (ephemeral), through the interaction's response_url when there is one. */
async function tellUser(client: Client, respond: RespondFn | undefined, where: { channel?: string; user: string; thread?: string }, text: string) {
  if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text });
  else if (where.channel) await client.chat.postEphemeral({ channel: where.channel, user: where.user, text, thread_ts: where.thread });
  else await client.chat.postMessage({ channel: where.user, text });
}

/**
 * The card's buttons, the Reply modal and the thread. Nothing here sends text to a customer except the modal's
 * submission, which goes through `replyToCustomer`; a message written in the thread becomes an internal note.
 * Each action runs once per Slack request (./once.ts): a replayed click, submission or event is acknowledged and
 * does nothing.
 */
export function registerInteractions(bolt: App, deps: InteractionDeps): void {
  const { staff, access, logger, lang } = deps;
  const simple: Record<string, (d: StaffDeps, id: string, actor: string) => Promise<void>> = {
    [ACTION.take]: takeEscalation,
    [ACTION.handBack]: handBackEscalation,
    [ACTION.resolve]: resolveEscalation,
  };

  const repeated = (key: string | undefined, what: string) => logger.info({ key, what }, 'slack: repeated request acknowledged, not run again');

  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: new RegExp(`^(${Object.keys(simple).join('|')})$`) }, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const where = { channel: body.channel?.id, user: body.user.id };
    const escalationId = action.value ?? '';
    const gate = await access.forEscalation(body.user.id, escalationId);
    if (!gate.ok) return tellUser(client, respond, where, gate.message);
    const key = requestKey(context, body);
    try {
      // The card itself is re-rendered from the 'escalation.updated' event the action emits.
      const run = () => simple[action.action_id](staff, escalationId, body.user.id);
      const outcome = await slackOnce(staff, { key, actor: body.user.id, action: `button.${action.action_id}`, escalationId }, run);
      if (outcome.replayed) repeated(key, action.action_id);
    } catch (e) {
      await tellUser(client, respond, where, errorText(lang, e));
    }
  });

  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION.reply }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const where = { channel: body.channel?.id, user: body.user.id };
    const gate = await access.forEscalation(body.user.id, action.value ?? '');
    if (!gate.ok) return tellUser(client, respond, where, gate.message);
    const view = await loadEscalationView(staff.db, action.value ?? '', { now: staff.clock.now() });
    if (CLOSED.has(view.status)) return tellUser(client, respond, where, t(lang, 'slack:error.escalation_closed'));
    await client.views.open({ trigger_id: body.trigger_id, view: replyModal(view, lang) });
  });

  bolt.view(REPLY_MODAL.callbackId, async ({ ack, body, view, client, context }) => {
    const user = body.user.id;
    const escalationId = view.private_metadata;
    const text = (view.state.values[REPLY_MODAL.block]?.[REPLY_MODAL.input]?.value ?? '').trim();
    const fail = (message: string) => ack({ response_action: 'errors', errors: { [REPLY_MODAL.block]: message } });
    if (!text) return fail(t(lang, 'slack:error.empty_reply'));
    const gate = await access.forEscalation(user, escalationId);
    if (!gate.ok) return fail(gate.message);
    const e = await staff.db.escalation.findUnique({ where: { id: escalationId }, select: { status: true } });
    if (!e || CLOSED.has(e.status)) return fail(t(lang, 'slack:error.escalation_closed'));
    // Acknowledge first: the customer's channel may queue the send (WeChat is rate-limited) past Slack's 3 seconds.
    await ack();
    const key = requestKey(context, body);
    try {
      const outcome = await slackOnce(staff, { key, actor: user, action: 'view.reply', escalationId }, () => replyToCustomer(staff, escalationId, user, text));
      if (outcome.replayed) repeated(key, 'view.reply');
    } catch (err) {
      logger.warn({ err, escalationId }, 'slack: reply from the modal failed');
      await client.chat.postMessage({ channel: user, text: errorText(lang, err) });
    }
  });

  const hinted = new Set<string>();
  bolt.event('message', async ({ event, client, body, context }) => {
    const m = event as { subtype?: string; bot_id?: string; user?: string; text?: string; ts: string; thread_ts?: string; channel: string };
    // Only plain human messages inside a thread; edits, joins and the bot's own posts are not notes.
    if (m.subtype || m.bot_id || !m.user || !m.thread_ts || m.thread_ts === m.ts || !m.text?.trim()) return;
    const escalation = await staff.db.escalation.findFirst({ where: { cardChannel: m.channel, cardTs: m.thread_ts }, select: { id: true } });
    if (!escalation) return;
    const gate = await access.forEscalation(m.user, escalation.id);
    if (!gate.ok) return;
    const key = requestKey(context, body);
    const [actor, note] = [m.user, m.text.trim()];
    // Slack retries an unacknowledged event: a note that failed to save gives its key back for the retry.
    const outcome = await slackOnce(staff, { key, actor, action: 'note', escalationId: escalation.id }, () => addNote(staff, escalation.id, actor, note), { releaseOnCrash: true });
    if (outcome.replayed) return repeated(key, 'note');
    // Say once per person and item that thread messages stay internal, so nobody expects the customer to read them.
    const hint = `${m.user}:${escalation.id}`;
    if (!hinted.has(hint)) {
      hinted.add(hint);
      await client.chat.postEphemeral({ channel: m.channel, user: m.user, thread_ts: m.thread_ts, text: t(lang, 'slack:thread.noteSaved', { ref: escalationRef(escalation.id) }) });
    }
  });
}
