import { describe, expect, it } from 'vitest';
import { escalationCard, replyModal } from '../../../adapters/slack/card.ts';
import { channelForQueue } from '../../../adapters/slack/channels.ts';
import type { EscalationView } from '../../../src/web/staff/escalation-view.ts';

const base: EscalationView = {
  id: 'cmtestescalation0001abcd1234',
  ref: 'abcd1234',
  conversationId: 'conv1',
  queue: 'general',
  intent: 'human_agent',
  status: 'open',
  summary: '客户说 <!channel> 快来 & <https://evil.example|点我>',
  confidential: false,
  customer: { name: '张**', phone: '138****5678', idNumber: '110101********1234', verified: true },
  channel: 'wechat',
  policies: ['LF2026000001'],
  deadlines: [],
  transcript: [{ id: 'm1', direction: 'in', author: 'customer', text: '<@U999> 帮帮我', at: '2026-11-30T02:00:00.000Z', status: 'received' }],
  createdAt: '2026-11-30T02:00:00.000Z',
  takenBy: null,
  takenAt: null,
  closedBy: null,
  closedAt: null,
  cardChannel: null,
  cardTs: null,
};
const now = new Date('2026-11-30T02:30:00Z');

describe('escalation card', () => {
  it("escapes what customers typed, so they cannot ping the channel or forge links in the staff room", () => {
    const json = JSON.stringify(escalationCard(base, now).blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil');
    expect(json).not.toContain('<@U999>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&amp;');
    expect(json).toContain('30 分钟');
  });

  it('a confidential card has no customer, channel, policy or transcript', () => {
    const json = JSON.stringify(escalationCard({ ...base, queue: 'compliance', intent: 'whistleblow', confidential: true, customer: null, channel: null, policies: [] }, now));
    for (const leak of ['张**', '138****5678', 'LF2026000001', 'wechat', '帮帮我']) expect(json).not.toContain(leak);
    expect(json).toContain('保密');
  });

  it('a closed card says who closed it and when, and has no buttons', () => {
    const card = escalationCard({ ...base, status: 'resolved', takenBy: 'U0STAFF01', takenAt: base.createdAt, closedBy: 'U0STAFF01', closedAt: '2026-11-30T03:15:00.000Z' }, now);
    expect(card.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(card.blocks)).toContain('<@U0STAFF01> 已解决 · 11-30 11:15');
  });

  it('the reply modal carries the escalation id and says the text goes to the customer', () => {
    const m = replyModal(base);
    expect(m.private_metadata).toBe(base.id);
    expect(JSON.stringify(m)).toContain('直接发送给客户');
  });

  it('routes queues to their channels; compliance never falls back', () => {
    const c = { general: 'CG', complaints: 'CC' };
    expect(channelForQueue(c, 'complaints')).toBe('CC');
    expect(channelForQueue(c, 'claims')).toBe('CG');
    expect(channelForQueue(c, 'compliance')).toBeNull();
    expect(channelForQueue({ ...c, compliance: 'CX' }, 'compliance')).toBe('CX');
  });
});
