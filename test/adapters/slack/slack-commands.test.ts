import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raiseEscalation } from '../../../src/domain/escalations.ts';
import { scriptedChat } from '../../helpers/script.ts';
import { linkCustomer } from './seed.ts';
import { CH, slackWorld, type SlackWorld } from './world.ts';

/**
 * `/anxin lookup | queue | stats | reply | help`, and complaint cards with deadlines. Each test gets its own world (a
 * handed-off customer plus an overdue complaint), so none depends on what another did or on their order.
 */
describe('/anxin slash command', () => {
  let w: SlackWorld;
  let complaintEscalation: string;
  beforeEach(async () => {
    w = await slackWorld();
    await w.chat.send('你好');
    await linkCustomer(w.app.db, w.chat.user);
    await w.chat.send('转人工');
    const conv = await w.app.db.conversation.findFirstOrThrow();
    const e = await raiseEscalation(w.app, {
      conversationId: conv.id,
      queue: 'complaints',
      intent: 'complaint',
      summary: '投诉 TS20261130001：理赔太慢，联系电话13812345678',
      refType: 'Complaint',
      refId: 'none',
      deadlines: { acceptance: '2026-12-07T09:59:59.000Z', decision: '2026-11-29T09:59:59.000Z' },
    });
    complaintEscalation = e.id;
    await w.settle();
  });
  afterEach(async () => w.cleanup());

  const text = async (user: string, cmd: string) => {
    const r = await w.command(user, cmd);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.response_type).toBe('ephemeral');
    return body.text as string;
  };

  it('posts complaint cards to the complaints channel with their deadlines, overdue ones flagged', () => {
    const card = w.fake.of('chat.postMessage').find((c) => c.params.channel === CH.complaints && !c.params.thread_ts)!;
    const blocks = JSON.stringify(card.params.blocks);
    expect(blocks).toContain('受理时限');
    expect(blocks).toContain('12-07 17:59');
    expect(blocks).toContain('已逾期');
    expect(blocks).toContain('138****5678');
    expect(blocks).not.toContain('13812345678');
  });

  it('help explains the commands to anyone', async () => {
    expect(await text('UOUTSIDER', 'help')).toContain('/anxin reply');
  });

  it('lookup shows the single customer view masked, and records who looked', async () => {
    const out = await text('USTAFF', 'lookup 13812345678');
    expect(out).toContain('张**');
    expect(out).toContain('138****5678');
    expect(out).toContain('LF2026000001');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('张三丰');
    const byPolicy = await text('USTAFF', 'lookup LF2026000001');
    expect(byPolicy).toContain('张**');
    const audit = await w.app.db.staffAction.findMany({ where: { action: 'lookup' } });
    expect(audit.map((a) => [a.actor, a.detail])).toEqual([
      ['USTAFF', '138****5678'],
      ['USTAFF', 'LF2026000001'],
    ]);
    expect(await text('USTAFF', 'lookup 13900000000')).toContain('找不到客户');
  });

  it('queue lists open items with age, who took them and the next deadline', async () => {
    w.chat.clock.advance(90 * 60_000);
    const out = await text('USTAFF', 'queue');
    expect(out).toContain(complaintEscalation.slice(-8));
    expect(out).toContain('转人工');
    expect(out).toContain('1 小时');
    // A missed deadline is what staff must see first.
    expect(out).toContain('答复时限 11-29 17:59 ⚠️ 已逾期');
  });

  it("stats counts today's conversations, intents, handoffs and open complaints", async () => {
    const out = await text('USTAFF', 'stats');
    expect(out).toMatch(/对话 1 · 客户消息 2/);
    expect(out).toContain('转人工');
    expect(out).toMatch(/转人工\/升级 2（/);
    expect(out).toContain('未结投诉 0');
  });

  it('reply <ref> <text> sends to the customer and reports back through response_url', async () => {
    const e = await w.app.db.escalation.findFirstOrThrow({ where: { intent: 'human_agent' } });
    const ack = await text('USTAFF', `reply ${e.id.slice(-8)} 您好，已收到您的请求。`);
    expect(ack).toContain(e.id.slice(-8));
    await w.settle();
    const msg = await w.app.db.message.findFirstOrThrow({ where: { text: '您好，已收到您的请求。' } });
    expect(msg).toMatchObject({ direction: 'out', author: 'staff:USTAFF', status: 'sent' });
    expect(w.fake.responses.at(-1)!.body.text).toContain('已发送');
    expect(await text('USTAFF', 'reply')).toContain('用法');
    expect(await text('USTAFF', 'reply zzzzzzzz 你好')).toContain('找不到');
  });

  it('refuses a reply to a closed item', async () => {
    const other = await scriptedChat({ app: w.app, user: 'closed-1' });
    await other.send('转人工');
    await w.settle();
    const conv = await w.app.db.conversation.findFirstOrThrow({ where: { identity: { externalUserId: 'closed-1' } } });
    const e = await w.app.db.escalation.findFirstOrThrow({ where: { conversationId: conv.id } });
    await w.click('USTAFF', 'anxin_hand_back', e.id);
    await w.settle();
    expect((await w.app.db.escalation.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('handed_back');
    expect(await text('USTAFF', `reply ${e.id.slice(-8)} 还在吗`)).toContain('已关闭');
    expect(await w.app.db.message.count({ where: { text: '还在吗', direction: 'out' } })).toBe(0);
  });
});
