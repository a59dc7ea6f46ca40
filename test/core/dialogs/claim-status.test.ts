import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
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
  const claim = (number: string, policyId: string, customerId: string, extra: Record<string, unknown> = {}) =>
    c.app.db.claim.create({
      data: { number, policyId, customerId, line: 'auto', description: 'x', status: 'in_review', createdAt: new Date('2026-11-20T02:00:00Z'), ...extra },
    });
  const own = await claim('BA20261120000001', seed.auto.id, seed.zhang.id, { statusNote: '已查勘定损' });
  const other = await claim('BA20261120000002', seed.property.id, seed.li.id, { line: 'property', status: 'awaiting_documents' });
  return { c, seed, own, other };
}

const interactions = (db: Db) => db.interaction.count({ where: { kind: 'claim_status' } });

describe('claim_status dialog', () => {
  it('shows the verified customer\'s own claim by number, in plain words with the next step (zh)', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('查一下理赔进度 BA20261120000001').expectReply(/当前状态：审核中（已查勘定损）/);
    expect(c.last()).toMatch(/车险 AU2024000001，2026-11-20 报案/);
    expect(c.last()).toMatch(/下一步：我们正在审核/);
    expect(await interactions(c.app.db)).toBe(1);
  });

  it('refuses someone else\'s claim number to a verified customer, without details', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    const r = await c.send('BA20261120000002').expectReply(/没有查到与您相关的报案号 BA20261120000002/);
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).not.toMatch(/PR2024000003|财产险|补充材料|李/);
    // An unknown number gets the very same answer.
    const unknown = await c.send('BA20261120999999').expectReply(/没有查到与您相关的报案号/);
    expect(unknown.replies[0].text.replace(/BA\d+/, '')).toBe(r.replies[0].text.replace(/BA\d+/, ''));
    expect(await interactions(c.app.db)).toBe(0);
  });

  it('asks an unverified customer to verify first, then still refuses another person\'s claim (en)', async () => {
    const { c } = await chat();
    await c.send('What is the status of claim BA20261120000002?').expectReply(/verify your identity/);
    expect(c.last()).not.toMatch(/Property|documents/);
    await c.send('13812345678 4514').expectReply(/couldn't find a claim BA20261120000002 linked to you/);
    await c.send('check claim status BA20261120000001').expectReply(/Status: under review/);
  });

  it('shows a claim reported from this same conversation without verification', async () => {
    const { c, seed } = await chat();
    const first = await c.send('你好');
    await c.app.db.claim.update({ where: { number: 'BA20261120000002' }, data: { conversationId: first.conversationId } });
    await c.send('BA20261120000002 进度怎么样了').expectReply(/当前状态：等待您补充材料/);
    expect(c.last()).not.toMatch(/验证身份/);
    void seed;
  });

  it('lists the verified customer\'s recent claims when no number is given', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('查询理赔进度').expectReply(/您最近的理赔案件/);
    expect(c.last()).toMatch(/BA20261120000001/);
    expect(c.last()).not.toMatch(/BA20261120000002/);
  });

  it('asks for a number or verification when not verified, and lists after verifying (en)', async () => {
    const { c } = await chat();
    const r = await c.send('check my claim progress').expectChoice(/Verify my identity/);
    const button = r.replies.flatMap((x) => x.choices ?? []).find((x) => x.label === 'Verify my identity')!;
    await c.send(button.value).expectReply(/verify your identity first/);
    await c.send('13987654321 1227').expectReply(/Your recent claims/);
    expect(c.last()).toMatch(/BA20261120000002[\s\S]*waiting for documents from you/);
    expect(c.last()).not.toMatch(/BA20261120000001/);
  });
});
