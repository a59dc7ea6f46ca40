import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { sharedServices } from '../../helpers/services.ts';
import { fixedClock } from '../../../src/core/clock.ts';
import { linkIdentity, seedCustomers } from '../../domain/claims/seed.ts';

let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function chat(opts: { user?: string } = {}) {
  const c = await scriptedChat(opts);
  chats.push(c);
  const seed = await seedCustomers(c.app.db);
  return { c, seed };
}

const activeFlow = async (c: ScriptedChat) => ((await c.app.db.conversation.findFirstOrThrow()).dialogState as { active?: { flow: string } } | null)?.active?.flow;

describe('inquiry dialog', () => {
  it('answers a general question from the knowledge base in Chinese, records it, and ends at once', async () => {
    const { c } = await chat();
    await c.send('医疗险和重疾险有什么区别？').expectReply(/重疾险/);
    expect(await activeFlow(c)).toBeUndefined();
    const row = await c.app.db.interaction.findFirstOrThrow({ where: { kind: 'consultation' } });
    expect(row.refId).toBe('health-medical-vs-ci');
    // The next message is routed afresh: no switch offer, the claim report starts directly.
    await c.send('我要报案').expectReply(/保单号/);
    expect(c.last()).not.toMatch(/要先去办理/);
  });

  it('answers a general question in English', async () => {
    const { c } = await chat();
    await c.send('What is the difference between medical insurance and critical illness insurance?').expectReply(/critical illness/i);
    expect(c.last()).not.toMatch(/[\u4e00-\u9fff]{4}/);
    expect(await c.app.db.interaction.count({ where: { kind: 'consultation' } })).toBe(1);
  });

  it('offers the likeliest questions as buttons and a person when unsure; a button asks that question', async () => {
    const { c } = await chat();
    const r = await c.send('我想了解一下医疗险').expectChoice(/转人工/);
    const choices = r.replies.flatMap((x) => x.choices ?? []);
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(await activeFlow(c)).toBeUndefined();
    const suggestion = choices.find((x) => /医疗险和重疾险有什么区别/.test(x.value))!;
    await c.send(suggestion.value).expectReply(/重疾险/);
    expect(await c.app.db.interaction.count({ where: { kind: 'consultation' } })).toBe(1);
  });

  it('says it cannot answer and offers a person when there is no knowledge base', async () => {
    const clock = fixedClock('2026-11-30T02:00:00Z');
    const { kb: _kb, ...rest } = await sharedServices();
    const app = await createTestApp({ clock, services: rest, env: { ANXIN_KB_DIR: '/nonexistent/kb' } });
    const c = await scriptedChat({ app });
    try {
      await c.send('医疗险和重疾险有什么区别？').expectReply(/回答不了/);
      await c.send('转人工').expectReply(/人工客服/);
    } finally {
      await app.cleanup();
    }
  });

  it('answers "my policy" questions only after verification (zh)', async () => {
    const { c } = await chat();
    const ask = await c.send('我的保单什么时候到期').expectReply(/请先验证身份/);
    expect(ask.replies.map((r) => r.text).join('\n')).not.toMatch(/AU2024000001|2027/);
    await c.send('13812345678 4514').expectReply(/身份验证成功/);
    expect(c.last()).toMatch(/AU2024000001[\s\S]*保险期间至 2027-02-28/);
    expect(c.last()).toMatch(/HL2024000002[\s\S]*保险期间至 2027-01-14/);
    expect(c.last()).not.toMatch(/PR2024000003/);
    expect(await activeFlow(c)).toBeUndefined();
    const row = await c.app.db.interaction.findFirstOrThrow({ where: { kind: 'consultation' } });
    expect(row.customerId).not.toBeNull();
  });

  it('answers the next premium and due date after verification (en)', async () => {
    const { c } = await chat();
    await c.send('When is my premium due?').expectReply(/verify your identity/);
    await c.send('13812345678 4514').expectReply(/Identity verified/);
    expect(c.last()).toMatch(/HL2024000002[\s\S]*Next premium due on 2026-12-15: ¥1,200.00 \(monthly\)/);
  });

  it('tells a verified customer their agent, and that a new one will be assigned when theirs has left', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我的业务员是谁').expectReply(/服务业务员：王芳/);
    expect(c.last()).toMatch(/HL2024000002[\s\S]*已离职，我们会为您安排新的服务人员[\s\S]*400-000-0000/);
    await c.send('What is my coverage?').expectReply(/Sum insured ¥200,000.00/);
  });

  it('does not answer about a policy that is not the customer\'s', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('查一下PR2024000003保单的保额').expectReply(/没有在您名下查到保单 PR2024000003/);
    expect(c.last()).not.toMatch(/500,000|家财/);
  });
});
