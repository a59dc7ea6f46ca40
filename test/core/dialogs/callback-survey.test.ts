import { afterEach, describe, expect, it } from 'vitest';
import { startFlowFor } from '../../../src/core/dialogs/proactive.ts';
import { readState } from '../../../src/core/dialogs/state.ts';
import { surveyPrefill } from '../../../src/domain/callbacks/prefill.ts';
import type { CallbackKind } from '../../../src/domain/callbacks/questions.ts';
import { toLang } from '../../../src/i18n/index.ts';
import { restartApp } from '../../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { seedCustomer, seedNewLifePolicy } from '../../jobs/helpers.ts';

const HOUR = 3_600_000;
let chats: ScriptedChat[] = [];
let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers) await c();
  for (const c of chats) await c.cleanup();
  chats = [];
  closers = [];
});

/** A customer on the web chat (user customer-1) whose callback survey the bot has just started. */
async function survey(kind: CallbackKind, opts: { language?: 'zh' | 'en'; before?: (c: ScriptedChat) => Promise<void> } = {}) {
  const chat = await scriptedChat();
  chats.push(chat);
  const db = chat.app.db;
  const person = await seedCustomer(db, { name: opts.language === 'en' ? 'Emma Wang' : '张伟', gender: opts.language === 'en' ? 'F' : 'M', language: opts.language, channel: 'web', user: chat.user });
  const policy = await seedNewLifePolicy(db, person.customer.id, { agent: { code: 'A7', name: '王小明', branch: '北京分公司' } });
  let refId = policy.id;
  let refType = 'Policy';
  if (kind === 'claim_satisfaction') {
    refType = 'Claim';
    refId = (await db.claim.create({ data: { number: 'BA20261120000009', policyId: policy.id, customerId: person.customer.id, line: 'life', description: 'x', status: 'closed', closedAt: new Date() } })).id;
  }
  await opts.before?.(chat);
  const cb = await db.callback.create({
    data: { kind, customerId: person.customer.id, policyId: policy.id, refType, refId, status: 'sent', sentAt: chat.clock.now(), dueBy: new Date('2026-12-11T15:59:59Z') },
    include: { customer: true, policy: true },
  });
  const prefill = await surveyPrefill(chat.app, cb, toLang(opts.language));
  const started = await startFlowFor(chat.app, person.conversationId!, 'callback_survey', { prefill }, { replyWindowMs: 48 * HOUR });
  return { chat, cb, person, policy, first: started.messages.map((m) => m.text).join('\n') };
}

const callback = (chat: ScriptedChat, id: string) => chat.app.db.callback.findUniqueOrThrow({ where: { id } });

describe('callback survey (回访), started by the bot', () => {
  it('zh: the customer answers hours later; all seven checks → answered', async () => {
    const { chat, cb, first } = await survey('cooling_off');
    expect(first).toMatch(/犹豫期内和您做个简短回访，共 7 个问题[\s\S]*1\/7 请问您是否为本保单的投保人张\*本人？/);
    chat.clock.advance(3 * HOUR);
    await chat.send('是的').expectReply(/2\/7 投保单、健康告知等投保资料上的投保人签名/);
    await chat.send('是本人签的').expectReply(/3\/7/);
    await chat.send('明白').expectReply(/4\/7/);
    await chat.send('了解').expectReply(/5\/7/);
    await chat.send('知道').expectReply(/6\/7/);
    await chat.send('是').expectReply(/7\/7/);
    await chat.send('清楚').expectReply(/回访完成/);
    expect((await callback(chat, cb.id)).status).toBe('answered');
  });

  it('en: satisfaction survey, score then comment', async () => {
    const { chat, cb, first } = await survey('claim_satisfaction', { language: 'en' });
    expect(first).toMatch(/Your claim \(BA20261120000009\) has been closed[\s\S]*5 = very satisfied/);
    await chat.send('4 stars').expectReply(/Anything else/);
    await chat.send('Quick and friendly').expectReply(/Thank you for your feedback/);
    const done = await callback(chat, cb.id);
    expect([done.status, done.score, done.comment]).toEqual(['answered', 4, 'Quick and friendly']);
  });

  it('en: cooling-off questions in English, "not sure" counts as a problem', async () => {
    const { chat, cb, first } = await survey('cooling_off', { language: 'en' });
    expect(first).toMatch(/1\/7 Are you the policyholder, E\*+ yourself\?|1\/7 Are you the policyholder/);
    await chat.send('yes').expectReply(/2\/7 Did you sign/);
    await chat.send('not sure').expectReply(/3\/7/);
    expect(await chat.app.db.staffTask.count({ where: { kind: 'mis_selling', owner: 'branch:北京分公司' } })).toBe(1);
    for (let i = 4; i <= 7; i++) await chat.send('yes').expectReply(new RegExp(`${i}/7`));
    await chat.send('yes').expectReply(/a colleague will contact you before your cooling-off period ends/);
    expect((await callback(chat, cb.id)).status).toBe('problem');
  });

  it('invalid answers get the hint; the third offers a person', async () => {
    const { chat } = await survey('cooling_off');
    await chat.send('随便吧').expectReply(/请回复“是”、“否”或“不确定”/);
    await chat.send('你猜').expectReply(/请回复“是”、“否”或“不确定”/);
    await chat.send('哈哈哈').expectReply(/转接人工客服，还是再试一次/);
    await chat.send('我再试试').expectReply(/1\/7/);
  });

  it('cancel ends the survey; the callback stays open for the phone follow-up', async () => {
    const { chat, cb } = await survey('cooling_off');
    await chat.send('是').expectReply(/2\/7/);
    await chat.send('取消').expectReply(/已取消“回访”/);
    const row = await callback(chat, cb.id);
    expect([row.status, row.answers]).toEqual(['sent', { identity: 'yes' }]);
  });

  it('switching to another request mid-survey keeps the survey to resume', async () => {
    const { chat } = await survey('cooling_off');
    await chat.send('是').expectReply(/2\/7/);
    await chat.send('我要报案').expectReply(/要先去办理“报案”吗/);
    await chat.send('否').expectReply(/2\/7/);
    await chat.send('是').expectReply(/3\/7/);
  });

  it('a flow the customer was in is suspended by the survey and offered again after it', async () => {
    const { chat } = await survey('claim_satisfaction', {
      before: async (c) => {
        await c.send('我要报案').expectReply(/保单/);
      },
    });
    const state = readState((await chat.app.db.conversation.findFirstOrThrow()).dialogState);
    expect([state.active?.flow, state.suspended?.flow]).toEqual(['callback_survey', 'claim_report']);
    await chat.send('5').expectReply(/意见或建议/);
    await chat.send('没有').expectReply(/您之前的“报案”还没有完成，要继续办理吗？/);
  });

  it('no reply within the window: the survey expires on the next message', async () => {
    const { chat, cb } = await survey('cooling_off');
    chat.clock.advance(49 * HOUR);
    await chat.send('是').expectReply(/由于长时间未回复，上次未完成的“回访”已自动结束/);
    expect((await callback(chat, cb.id)).answers).toBeNull();
  });

  it('survives a restart mid-survey', async () => {
    const { chat, cb } = await survey('cooling_off');
    await chat.send('是').expectReply(/2\/7/);
    const second = await restartApp(chat.app);
    closers.push(async () => {
      await second.close();
      await second.db.$disconnect();
    });
    const again = await scriptedChat({ app: second as any, user: chat.user });
    await again.send('否').expectReply(/3\/7/);
    expect((await second.db.callback.findUniqueOrThrow({ where: { id: cb.id } })).answers).toEqual({ identity: 'yes', signature: 'no' });
  });
});
