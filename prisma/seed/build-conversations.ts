import type { Prisma } from '../../src/generated/sqlite/client.ts';
import { addDays, fromShanghai } from '../../src/domain/calendar/shanghai-time.ts';
import type { Rng } from './prng.ts';

/** Channel identities, conversations and transcripts for a few demo customers. */
export interface DemoConversations {
  identities: Prisma.ChannelIdentityCreateManyInput[];
  conversations: Prisma.ConversationCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
}

type Line = [direction: 'in' | 'out' | 'note', text: string, intent?: string, confidence?: number];

/** One scripted conversation: who, where, and the lines exchanged (a minute or so apart). */
export interface Script {
  customerId: string;
  channel: 'web' | 'wechat';
  externalUserId: string;
  displayName: string;
  language: 'zh' | 'en';
  daysAgo: number;
  lines: Line[];
  /** Staff member who took over (notes are theirs). */
  staff?: string;
  claimInteractionId?: string;
}

export function buildConversations(rng: Rng, today: string, scripts: Script[]): DemoConversations {
  const out: DemoConversations = { identities: [], conversations: [], messages: [] };
  for (const s of scripts) {
    const identityId = rng.id();
    const conversationId = rng.id();
    const start = fromShanghai(addDays(today, -s.daysAgo), '10:05');
    let t = start.getTime();
    let lastInbound: Date | null = null;
    s.lines.forEach(([direction, text, intent, confidence], i) => {
      t += rng.int(8, 90) * 1000;
      const createdAt = new Date(t);
      if (direction === 'in') lastInbound = createdAt;
      const staffTurn = s.staff && i >= s.lines.findIndex((l) => l[0] === 'note');
      out.messages.push({
        id: rng.id(), conversationId, channel: s.channel,
        channelMessageId: direction === 'in' ? `demo-${conversationId}-${i}` : null,
        direction, author: direction === 'in' ? 'customer' : direction === 'note' || staffTurn ? `staff:${s.staff}` : 'bot',
        kind: 'text', text, intent: intent ?? null, confidence: confidence ?? null,
        status: direction === 'in' ? 'received' : direction === 'note' ? 'internal' : 'sent',
        sentAt: direction === 'out' ? createdAt : null, attempts: direction === 'out' ? 1 : 0, createdAt,
      });
    });
    const last = new Date(t);
    out.identities.push({
      id: identityId, channel: s.channel, externalUserId: s.externalUserId, displayName: s.displayName,
      customerId: s.customerId, verifiedAt: new Date(start.getTime() + 60_000), createdAt: start,
    });
    out.conversations.push({
      id: conversationId, channel: s.channel, identityId, customerId: s.customerId,
      ref: { channel: s.channel, externalUserId: s.externalUserId }, owner: 'bot', assignedTo: null, language: s.language,
      lastInboundAt: lastInbound, lastMessageAt: last, createdAt: start,
    });
  }
  return out;
}
