/**
 * Issue 11, round 2: the 保全 dialog takes what the customer already said — a new number in the first message, the
 * policy named by its line ("the health one", "寿险我想退了") — and a corrected number at the read-back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { link, seedPeople } from '../../domain/complaints/seed.ts';

let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function chat(who: 'wang' | 'chen') {
  const c = await scriptedChat();
  chats.push(c);
  const people = await seedPeople(c.app.db);
  await link(c.app.db, c.user, people[who].id);
  return { c, people };
}

describe('policy_service: what was already said is used', () => {
  it('the new number in the first message is not asked for; a corrected number at the read-back replaces it', async () => {
    const { c } = await chat('wang');
    await c.send('帮我把手机号改成13787654321').expectReply(/请确认您的保全申请/);
    expect(c.last()).toContain('137****4321');
    await c.send('号码输错了 应该是13911112223').expectReply(/已为您更正新手机号/);
    expect(c.last()).toContain('139****2223');
    await c.send('就这个号').expectReply(/BQ\d{14}/);
    expect((await c.app.db.serviceRequest.findFirstOrThrow()).details).toEqual({ newPhone: '13911112223' });
  });

  it('"the health one" picks the policy of that line', async () => {
    const { c, people } = await chat('chen');
    await c.send('I got a new number 13698765432, can you update it on my policy').expectChoice(/HL2025000103/);
    await c.send('the health one').expectReply(/136\*\*\*\*5432/);
    await c.send('yes').expectReply(/BQ\d{14}/);
    expect(await c.app.db.serviceRequest.findFirstOrThrow()).toMatchObject({ policyId: people.health.id, type: 'change_phone' });
  });

  it('"寿险我要退保" is a surrender of the one life policy: no policy question, the cost first', async () => {
    const { c } = await chat('chen');
    await c.send('寿险我要退保').expectReply(/LF2026000102/);
    expect(c.last()).not.toMatch(/请选择要办理的保单/);
    await c.send('我不想退了').expectReply(/取消/);
    expect(await c.app.db.serviceRequest.count()).toBe(0);
  });
});
