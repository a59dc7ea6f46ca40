import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, ConversationRef, OutboundMessage, SendResult } from '../../src/core/channel.ts';
import type { Db } from '../../src/db/client.ts';
import type { AnxinEventMap } from '../../src/core/events.ts';
import type { AnxinApp } from '../../src/app.ts';

/** Shanghai wall-clock time as an instant: `at('2027-02-06', '10:00')`. */
export const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

/**
 * The WeChat network, faked at the edge: records what reached "WeChat". `hangAt` makes the n-th send (1-based)
 * never complete — the process dies while the message is in the adapter's hands, so it never reached WeChat.
 */
export class FakeWeChat implements ChannelAdapter {
  readonly channel = 'wechat';
  readonly delivered: Array<{ to: string; text: string }> = [];
  private calls = 0;
  constructor(private readonly opts: { hangAt?: number; onSend?: (n: number) => void } = {}) {}
  async send(ref: ConversationRef, message: OutboundMessage): Promise<SendResult> {
    this.calls++;
    this.opts.onSend?.(this.calls);
    if (this.opts.hangAt !== undefined && this.calls >= this.opts.hangAt) return new Promise<never>(() => {});
    this.delivered.push({ to: ref.externalUserId, text: message.text });
    return { channelMessageId: `wx-${randomUUID()}` };
  }
  to(user: string): string[] {
    return this.delivered.filter((d) => d.to === user).map((d) => d.text);
  }
}

export interface SeedCustomer {
  name: string;
  gender?: 'M' | 'F' | 'U';
  language?: 'zh' | 'en';
  vipTier?: string;
  birthday?: string;
  lunarBirthday?: boolean;
  greetingConsent?: boolean;
  optedOut?: boolean;
  phone?: string;
  /** Channel of the customer's conversation; null = no conversation at all. */
  channel?: 'wechat' | 'web' | null;
  /** The channel identity said 退订 (before or after linking). */
  identityOptedOut?: boolean;
  /** External user id on the channel (default: derived from the name). */
  user?: string;
}

/** A customer with (optionally) a linked channel identity and conversation the bot can speak first in. */
export async function seedCustomer(db: Db, c: SeedCustomer) {
  const customer = await db.customer.create({
    data: {
      name: c.name,
      gender: c.gender ?? 'U',
      language: c.language ?? 'zh',
      vipTier: c.vipTier ?? 'standard',
      birthday: c.birthday ? new Date(`${c.birthday}T00:00:00Z`) : undefined,
      lunarBirthday: c.lunarBirthday ?? false,
      greetingConsent: c.greetingConsent ?? true,
      optedOutAt: c.optedOut ? new Date('2027-01-01T00:00:00Z') : undefined,
      phone: c.phone,
    },
  });
  const channel = c.channel === undefined ? 'wechat' : c.channel;
  if (!channel) return { customer, user: undefined, conversationId: undefined };
  const user = c.user ?? `u-${customer.id}`;
  const identity = await db.channelIdentity.create({
    data: { channel, externalUserId: user, customerId: customer.id, verifiedAt: new Date(), optedOutAt: c.identityOptedOut ? new Date() : undefined },
  });
  const conversation = await db.conversation.create({
    data: { channel, identityId: identity.id, customerId: customer.id, ref: { channel, externalUserId: user }, language: c.language ?? 'zh' },
  });
  return { customer, user, conversationId: conversation.id };
}

/** Collects 'staff.alert' events. */
export function alerts(app: Pick<AnxinApp, 'events'>): Array<AnxinEventMap['staff.alert']> {
  const seen: Array<AnxinEventMap['staff.alert']> = [];
  app.events.on('staff.alert', (a) => void seen.push(a));
  return seen;
}

/** A new long-term life policy inside its cooling-off period, sold by an agent of a branch. */
export async function seedNewLifePolicy(
  db: Db,
  holderId: string,
  opts: { effective?: string; coolingOffEnd?: string; agent?: { code: string; name: string; branch?: string; status?: string }; termYears?: number | null; line?: string } = {},
) {
  const agent = opts.agent
    ? await db.agent.create({ data: { code: opts.agent.code, name: opts.agent.name, branch: opts.agent.branch, status: opts.agent.status ?? 'active' } })
    : undefined;
  return db.policy.create({
    data: {
      number: `LF${Math.floor(Math.random() * 1e10).toString().padStart(10, '0')}`,
      product: '安心终身寿险',
      line: opts.line ?? 'life',
      holderId,
      insuredId: holderId,
      status: 'active',
      effectiveDate: new Date(`${opts.effective ?? '2026-11-26'}T00:00:00Z`),
      coolingOffEnd: opts.coolingOffEnd === undefined ? new Date('2026-12-11T00:00:00Z') : new Date(`${opts.coolingOffEnd}T00:00:00Z`),
      termYears: opts.termYears === undefined ? 20 : opts.termYears,
      premium: 3600,
      paymentFrequency: 'annual',
      agentId: agent?.id,
    },
  });
}
