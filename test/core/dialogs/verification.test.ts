import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { seedCustomers } from '../../domain/claims/seed.ts';

const MIN = 60_000;
let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function chat() {
  const c = await scriptedChat();
  chats.push(c);
  await seedCustomers(c.app.db);
  return c;
}

describe('identity verification', () => {
  it('locks after three failures, stays locked 10 minutes later, unlocks after 31 minutes (zh)', async () => {
    const c = await chat();
    await c.send('我的保单什么时候到期').expectReply(/请先验证身份/);
    await c.send('13812345678 0000').expectReply(/核对未通过.*还可尝试 2 次/);
    await c.send('AU2024000001 李四').expectReply(/核对未通过.*还可尝试 1 次/);
    await c.send('13812345678 9999').expectReply(/身份验证已锁定至 10:30/);
    expect(c.last()).not.toMatch(/2027/);

    c.clock.advance(10 * MIN);
    await c.send('我的保单什么时候到期').expectReply(/请先验证身份/);
    // The right answer is refused while locked, and nothing is shown.
    await c.send('13812345678 4514').expectReply(/已锁定至 10:30/);
    expect(c.last()).not.toMatch(/AU2024000001|2027/);
    const identity = await c.app.db.channelIdentity.findFirstOrThrow();
    expect(identity.customerId).toBeNull();

    c.clock.advance(21 * MIN); // 31 minutes after the lock
    await c.send('我的保单什么时候到期').expectReply(/请先验证身份/);
    await c.send('13812345678 4514').expectReply(/身份验证成功/);
    expect(c.last()).toMatch(/AU2024000001[\s\S]*2027-02-28/);
  });

  it('locks in English too, and the lock also covers checking a policy when reporting a claim', async () => {
    const c = await chat();
    await c.send('When does my policy expire?').expectReply(/verify your identity/);
    await c.send('13812345678 0000').expectReply(/2 attempt\(s\) left/);
    await c.send('13812345678 1111').expectReply(/1 attempt\(s\) left/);
    await c.send('13812345678 2222').expectReply(/locked until 10:30/);
    c.clock.advance(10 * MIN);
    await c.send('I want to report a claim').expectReply(/policy number/);
    await c.send('AU2024000001 13812345678').expectReply(/checking is paused until 10:30/);
  });

  it('shows no personal data before verification and links the identity after', async () => {
    const c = await chat();
    const r = await c.send('我的保费下次什么时候交').expectReply(/请先验证身份/);
    expect(r.replies.map((x) => x.text).join('\n')).not.toMatch(/AU2024|HL2024|1,200|2026-12-15/);
    await c.send('AU2024000001 张伟').expectReply(/下次缴费日 2026-12-15，应缴 ¥1,200.00（月交）/);
    const identity = await c.app.db.channelIdentity.findFirstOrThrow({ include: { customer: true } });
    expect(identity.customer?.name).toBe('张伟');
  });
});
