import { afterEach, describe, expect, it } from 'vitest';
import { createServiceRequest } from '../../../src/domain/service-requests.ts';
import { restartApp } from '../../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { CHEN, link, seedPeople, WANG } from '../../domain/complaints/seed.ts';

let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function chat() {
  const c = await scriptedChat();
  chats.push(c);
  const people = await seedPeople(c.app.db);
  return { c, people };
}

describe('policy_service dialog', () => {
  it('changes the phone number after verification; the new number is validated and echoed masked (zh)', async () => {
    const { c, people } = await chat();
    await c.send('我要改手机号').expectReply(/验证/);
    await c.send(`${WANG.phone} ${WANG.last4}`).expectReply(/将为您办理保单 LF2024000101（安心终身寿险）/);
    expect(c.last()).toContain('请输入新的手机号码');
    await c.send('12345').expectReply(/请输入 11 位手机号码/);
    await c.send('13912345678').expectReply(/请确认您的保全申请/);
    expect(c.last()).toContain('业务：变更手机号');
    expect(c.last()).toContain('内容：139****5678');
    expect(c.last()).not.toContain('13912345678');
    await c.send('是').expectReply(/您的保全申请已受理，受理号：BQ20261130000001（变更手机号）/);
    expect(c.last()).toContain('投保人有效身份证件');
    const req = await c.app.db.serviceRequest.findFirstOrThrow();
    expect(req).toMatchObject({ number: 'BQ20261130000001', type: 'change_phone', customerId: people.wang.id, policyId: people.life.id, needsStaff: false, status: 'open' });
    expect(req.details).toEqual({ newPhone: '13912345678' });
    expect(await c.app.db.escalation.count()).toBe(0);
    expect(await c.app.db.interaction.count({ where: { kind: 'service_request', refId: req.id } })).toBe(1);
  });

  it('a surrender warns about the loss and the cooling-off rule, and always goes to staff (en)', async () => {
    const { c, people } = await chat();
    await link(c.app.db, c.user, people.chen.id);
    await c.send('I want to surrender my policy').expectChoice(/HL2025000103/);
    expect(c.last()).toContain('LF2026000102');
    await c.send('HL2025000103').expectReply(/only its cash value/);
    expect(c.last()).toContain('cooling-off');
    expect(c.last()).toMatch(/why you want to surrender/);
    await c.send('skip').expectReply(/Service: surrender/);
    await c.send('yes').expectReply(/surrender request is registered\. Reference: BQ20261130000001\. A member of staff/);
    expect(c.last()).toContain('the surrender form signed by the policyholder');
    const req = await c.app.db.serviceRequest.findFirstOrThrow();
    expect(req).toMatchObject({ type: 'surrender', needsStaff: true, policyId: people.health.id });
    const esc = await c.app.db.escalation.findFirstOrThrow();
    expect(esc).toMatchObject({ queue: 'service', intent: 'policy_service', refType: 'ServiceRequest', refId: req.id });
    expect(esc.summary).toContain('陈*');
    expect(esc.summary).toContain('137****7000');
    expect(esc.summary).not.toContain(CHEN.phone);
    expect(esc.summary).not.toContain(CHEN.name);
  });

  it('a surrender within the cooling-off period says the premium comes back (zh)', async () => {
    const { c, people } = await chat();
    await link(c.app.db, c.user, people.chen.id);
    await c.send('我想退保 LF2026000102').expectReply(/仍在犹豫期内（至 2026年12月5日周六）/);
    await c.send('买错了').expectReply(/请确认您的保全申请/);
    await c.send('是').expectReply(/专人办理/);
    const req = await c.app.db.serviceRequest.findFirstOrThrow();
    expect(req).toMatchObject({ type: 'surrender', needsStaff: true, policyId: people.annuity.id, details: { reason: '买错了' } });
  });

  it('beneficiary changes always go to staff', async () => {
    const { c, people } = await chat();
    await link(c.app.db, c.user, people.wang.id);
    await c.send('我要变更受益人').expectReply(/新的受益人信息/);
    await c.send('李娜，配偶，100%').expectReply(/变更受益人/);
    await c.send('是').expectReply(/专人办理/);
    expect(c.last()).toContain('新受益人的身份证件');
    expect((await c.app.db.escalation.findFirstOrThrow()).queue).toBe('service');
  });

  it('a bank account is masked in every echo and never stored in full', async () => {
    const { c, people } = await chat();
    await link(c.app.db, c.user, people.wang.id);
    await c.send('我要换扣款银行卡').expectReply(/卡号/);
    await c.send('招商银行 12').expectReply(/12–19 位数字/);
    await c.send('招商银行 6225880012345678').expectReply(/6225 \*\*\*\* \*\*\*\* 5678/);
    expect(c.last()).not.toContain('6225880012345678');
    await c.send('是').expectReply(/BQ20261130000001/);
    const req = await c.app.db.serviceRequest.findFirstOrThrow();
    expect(JSON.stringify(req.details)).not.toContain('6225880012345678');
    expect(req.details).toMatchObject({ bank: '招商银行', accountLast4: '5678' });
  });

  it('asks the type with buttons, then the policy; declining submits nothing; resumes after a restart', async () => {
    const { c, people } = await chat();
    await link(c.app.db, c.user, people.chen.id);
    await c.send('办理保全').expectChoice(/变更缴费方式/);
    await c.send('变更缴费方式').expectChoice(/LF2026000102 安心年金险/);
    const second = await restartApp(c.app);
    try {
      const again = await scriptedChat({ app: second as never, user: c.user });
      await again.send('2').expectChoice(/月缴/);
      await again.send('月缴').expectReply(/内容：月缴/);
      await again.send('不').expectReply(/本次申请未提交/);
    } finally {
      await second.close();
      await second.db.$disconnect();
    }
    expect(await c.app.db.serviceRequest.count()).toBe(0);
  });

  it('cancel stops the request', async () => {
    const { c, people } = await chat();
    await link(c.app.db, c.user, people.wang.id);
    await c.send('我要申请保单贷款').expectReply(/借款多少/);
    await c.send('算了').expectReply(/已取消/);
    expect(await c.app.db.serviceRequest.count()).toBe(0);
  });
});

describe('policy_service dialog: open requests are mentioned before a duplicate (issue 11)', () => {
  async function withOpenAddressChange() {
    const { c, people } = await chat();
    await link(c.app.db, c.user, people.chen.id);
    await c.send('你好');
    const conversation = await c.app.db.conversation.findFirstOrThrow();
    const { request } = await createServiceRequest(
      { db: c.app.db, clock: c.clock, events: c.app.events },
      { customer: people.chen, policy: people.health, conversationId: conversation.id, type: 'change_address', details: { address: '浙江省杭州市西湖区文三路 1 号' } },
    );
    return { c, people, request };
  }

  it('the same matter: the open request is shown and nothing new is filed', async () => {
    const { c, request } = await withOpenAddressChange();
    await c.send('我要改地址').expectReply(new RegExp(`您已有一件正在办理的变更地址申请：${request.number}（保单 HL2025000103，已受理，待办理，2026年11月30日周一 提交）`));
    await c.send('是同一件事').expectReply(new RegExp(`申请 ${request.number} 正在办理中`));
    expect(await c.app.db.serviceRequest.count()).toBe(1);
  });

  it('a new request carries on as usual; other types are not mentioned', async () => {
    const { c } = await withOpenAddressChange();
    await c.send('我要改地址').expectReply(/正在办理/);
    await c.send('是新的申请').expectReply(/请选择要办理的保单|新的联系地址/);
    const { c: other, people } = await chat();
    await link(other.app.db, other.user, people.wang.id);
    await other.send('我要改手机号').expectNoReplyLike(/正在办理/);
  });
});
