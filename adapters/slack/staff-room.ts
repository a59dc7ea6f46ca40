import type { webApi } from '@slack/bolt';
import type { Clock } from '../../src/core/clock.ts';
import type { AnxinEvents } from '../../src/core/events.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { Db } from '../../src/db/client.ts';
import { maskText } from '../../src/domain/pii.ts';
import { t, type Lang } from '../../src/i18n/index.ts';
import { loadEscalationView, maskForQueue } from '../../src/web/staff/escalation-view.ts';
import { escalationCard, statusLine } from './card.ts';
import { channelForQueue, type SlackChannels } from './channels.ts';
import { clip, esc, who } from './mrkdwn.ts';
import type { WorkTracker } from './tracker.ts';

type Client = InstanceType<typeof webApi.WebClient>;

export interface StaffRoomDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  client: Client;
  channels: SlackChannels;
  work: WorkTracker;
  lang?: Lang;
}

/**
 * Slack as the staff room: one card per escalation in its queue's channel, kept up to date, and the card's thread
 * mirrors the conversation — the customer's new messages and every staff reply actually sent. Driven by the core's
 * events; a failure to reach Slack is logged and never disturbs the customer's turn.
 */
export class SlackStaffRoom {
  private readonly pendingCards = new Map<string, Promise<void>>();
  private readonly lang: Lang;

  constructor(private readonly deps: StaffRoomDeps) {
    this.lang = deps.lang ?? 'zh';
  }

  /** Subscribes to the core's events; returns the unsubscribe function. */
  attach(events: AnxinEvents): () => void {
    const run = (what: string, f: () => Promise<void>) =>
      void this.deps.work.track(f().catch((err: unknown) => this.deps.logger.error({ err }, `slack: ${what} failed`)));
    const offs = [
      events.on('escalation.created', (e) => run('posting a card', () => this.postCard(e.escalationId))),
      events.on('escalation.updated', (e) => run('updating a card', () => this.updateCard(e.escalationId))),
      events.on('conversation.customer-message', (e) => run('mirroring a customer message', () => this.mirrorCustomerMessage(e.conversationId, e.messageId))),
      events.on('message.delivered', (e) => run('mirroring a staff reply', () => this.mirrorStaffReply(e.messageId, e.status, e.error))),
      events.on('staff.alert', (e) => run('posting an alert', () => this.postAlert(e.kind, e.text))),
    ];
    return () => offs.forEach((off) => off());
  }

  /** Posts the card for an escalation (once) and stores where it lives. */
  postCard(escalationId: string): Promise<void> {
    const existing = this.pendingCards.get(escalationId);
    if (existing) return existing;
    const p = this.doPostCard(escalationId);
    this.pendingCards.set(escalationId, p);
    void p.finally(() => this.pendingCards.delete(escalationId)).catch(() => {});
    return p;
  }

  private async doPostCard(escalationId: string): Promise<void> {
    const { db, client, clock, channels, logger } = this.deps;
    const v = await loadEscalationView(db, escalationId, { now: clock.now() });
    if (v.cardTs) return;
    const channel = channelForQueue(channels, v.queue);
    if (!channel) {
      logger.warn({ escalationId, queue: v.queue }, 'slack: no channel for this queue (SLACK_CHANNEL_COMPLIANCE unset?); it stays on the staff page');
      return;
    }
    const card = escalationCard(v, clock.now(), this.lang);
    const res = await client.chat.postMessage({ channel, text: card.text, blocks: card.blocks, unfurl_links: false, unfurl_media: false });
    if (!res.ok || !res.ts) throw new Error(`chat.postMessage failed: ${res.error ?? 'no ts'}`);
    await db.escalation.update({ where: { id: escalationId }, data: { cardChannel: res.channel ?? channel, cardTs: res.ts } });
  }

  /** Where an escalation's card lives, waiting for a post still in flight. */
  private async cardOf(escalationId: string) {
    await this.pendingCards.get(escalationId)?.catch(() => {});
    return this.deps.db.escalation.findUnique({ where: { id: escalationId }, select: { id: true, queue: true, cardChannel: true, cardTs: true } });
  }

  /** Re-renders the card (status, who and when; buttons go once closed) and notes the change in its thread. */
  async updateCard(escalationId: string): Promise<void> {
    const { db, client, clock } = this.deps;
    const card = await this.cardOf(escalationId);
    if (!card?.cardChannel || !card.cardTs) return;
    const v = await loadEscalationView(db, escalationId, { now: clock.now() });
    const body = escalationCard(v, clock.now(), this.lang);
    await client.chat.update({ channel: card.cardChannel, ts: card.cardTs, text: body.text, blocks: body.blocks });
    await this.thread(card.cardChannel, card.cardTs, statusLine(this.lang, v, clock.now()));
  }

  /** The customer wrote again: the message (masked) goes into every open card's thread of that conversation. */
  async mirrorCustomerMessage(conversationId: string, messageId: string): Promise<void> {
    const { db } = this.deps;
    const msg = await db.message.findUnique({ where: { id: messageId } });
    if (!msg) return;
    const open = await db.escalation.findMany({ where: { conversationId, status: { in: ['open', 'taken'] } }, select: { id: true } });
    for (const e of open) {
      const card = await this.cardOf(e.id);
      if (!card?.cardChannel || !card.cardTs) continue;
      const text = msg.text.trim() ? esc(clip(maskForQueue(card.queue, msg.text), 2800)) : t(this.lang, `slack:thread.kind.${msg.kind}`);
      await this.thread(card.cardChannel, card.cardTs, t(this.lang, 'slack:thread.customer', { text }));
    }
  }

  /** A staff reply was delivered (or failed): the thread records what the customer actually received. */
  async mirrorStaffReply(messageId: string, status: 'sent' | 'failed', error?: string): Promise<void> {
    const { db } = this.deps;
    const msg = await db.message.findUnique({ where: { id: messageId } });
    if (!msg || msg.direction !== 'out' || !msg.author.startsWith('staff:')) return;
    const actor = msg.author.slice('staff:'.length);
    const open = await db.escalation.findMany({ where: { conversationId: msg.conversationId, status: { in: ['open', 'taken'] } }, select: { id: true, queue: true, takenBy: true } });
    // The reply belongs to the item its author has taken (replying takes an open item). A compliance thread only
    // hears its own taker's replies, and other threads never hear compliance staff's replies.
    const mine = open.filter((e) => e.takenBy === actor);
    const targets = mine.length ? mine : open.filter((e) => e.queue !== 'compliance');
    for (const e of targets) {
      const card = await this.cardOf(e.id);
      if (!card?.cardChannel || !card.cardTs) continue;
      const line =
        status === 'sent'
          ? t(this.lang, 'slack:thread.replySent', { who: who(msg.author.slice('staff:'.length)), text: esc(clip(maskForQueue(card.queue, msg.text), 2800)) })
          : t(this.lang, 'slack:thread.replyFailed', { error: esc(maskText(error ?? '')) });
      await this.thread(card.cardChannel, card.cardTs, line);
    }
  }

  /** Job summaries and alerts go to the general channel (masked: a job's error may quote a customer's data). */
  async postAlert(kind: string, text: string): Promise<void> {
    await this.deps.client.chat.postMessage({ channel: this.deps.channels.general, text: t(this.lang, 'slack:alert', { kind, text: esc(maskText(text)) }) });
  }

  /** At start: cards for open escalations raised while Slack was off or unreachable. */
  async postMissingCards(): Promise<number> {
    const rows = await this.deps.db.escalation.findMany({ where: { status: { in: ['open', 'taken'] }, cardTs: null }, select: { id: true, queue: true }, orderBy: { createdAt: 'asc' } });
    let posted = 0;
    for (const r of rows) {
      if (!channelForQueue(this.deps.channels, r.queue)) continue;
      await this.postCard(r.id);
      posted++;
    }
    return posted;
  }

  private async thread(channel: string, ts: string, text: string): Promise<void> {
    await this.deps.client.chat.postMessage({ channel, thread_ts: ts, text, unfurl_links: false, unfurl_media: false });
  }
}
