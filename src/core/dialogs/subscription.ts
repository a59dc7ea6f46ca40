import { recordInteraction } from '../../domain/escalations.ts';
import type { FlowServices, SayEvent } from './types.ts';

/**
 * 退订 / TD / stop: records the opt-out of greetings and marketing at once — on the channel identity, and on the
 * customer when the identity is verified — so the next scheduled send already respects it.
 */
export async function optOut(s: FlowServices): Promise<SayEvent[]> {
  const now = s.clock.now();
  await s.db.channelIdentity.update({ where: { id: s.identity.id }, data: { optedOutAt: now } });
  const customerId = s.customer?.id ?? s.identity.customerId;
  if (customerId) {
    await s.db.customer.update({ where: { id: customerId }, data: { greetingConsent: false, marketingConsent: false, optedOutAt: now } });
  }
  await recordInteraction(s, { customerId, conversationId: s.conversation.id, kind: 'consultation', channel: s.conversation.channel, summary: 'unsubscribe: greetings and marketing' });
  return [{ type: 'say', key: 'dialog:unsubscribed' }];
}

/** 订阅: opts back in to greetings (marketing stays off until given explicitly). */
export async function optIn(s: FlowServices): Promise<SayEvent[]> {
  await s.db.channelIdentity.update({ where: { id: s.identity.id }, data: { optedOutAt: null } });
  const customerId = s.customer?.id ?? s.identity.customerId;
  if (customerId) await s.db.customer.update({ where: { id: customerId }, data: { greetingConsent: true, optedOutAt: null } });
  await recordInteraction(s, { customerId, conversationId: s.conversation.id, kind: 'consultation', channel: s.conversation.channel, summary: 'subscribe: greetings' });
  return [{ type: 'say', key: 'dialog:subscribed' }];
}
