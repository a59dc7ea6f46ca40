import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { delayAfter, normalizeAddress, TARGET_POLICY, ADDRESS_POLICY } from '../../src/domain/verify-attempts.ts';
import { outboxJob } from '../../src/jobs/outbox-job.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { createTestApp } from '../helpers/app.ts';
import { sharedServices } from '../helpers/services.ts';
import { linkIdentity, seedCustomers, ZHANG } from '../domain/claims/seed.ts';
import { FakeWeChat } from '../jobs/helpers.ts';

/**
 * Issue 12, finding 1: identity verification could be brute-forced. Failures were counted per chat identity only,
 * and a web visitor picks its own identity: guessing the ID last 4 for a known mobile across fresh userIds found
 * the code and returned the customer's policies. Verification never expired.
 *
 * Attacks replayed here over the app's Fastify server (real SQLite file, real NLU and flows; `inject` sets the
 * client address the way a socket would, plain `fetch` goes over a real loopback socket).
 */

const MIN = 60_000;
const ASK = '我的保单什么时候到期';
const RIGHT = `${ZHANG.phone} 4514`;

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function setup(env: Record<string, string> = {}) {
  const clock = fixedClock('2026-11-30T02:00:00Z'); // Monday 10:00 in Shanghai
  const wechat = new FakeWeChat();
  const app = await createTestApp({
    clock,
    adapters: [wechat],
    services: await sharedServices(),
    env: { ANXIN_RATE_PER_USER: '100000', ANXIN_RATE_PER_ADDRESS: '100000', ...env },
  });
  cleanups.push(() => app.cleanup());
  const seed = await seedCustomers(app.db);
  // 张伟 talks to us on WeChat, verified there: the channel he is told on.
  await linkIdentity(app.db, 'wx-zhang', seed.zhang.id, 'wechat');
  await app.pipeline.handle({ channel: 'wechat', channelMessageId: 'wx-1', externalUserId: 'wx-zhang', ref: { channel: 'wechat', externalUserId: 'wx-zhang' }, kind: 'text', text: '你好' });

  let seq = 0;
  /** One web chat turn from `userId` at `address`; the reply texts joined. */
  const send = async (userId: string, text: string, address: string) => {
    const r = await app.server.inject({ method: 'POST', url: '/api/chat', remoteAddress: address, payload: { userId, text, messageId: `m-${++seq}` } });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().replies as Array<{ text: string }>).map((x) => x.text).join('\n');
  };
  /** A fresh identity asks about its policy, is asked to verify and sends `claim`: the answer to the claim. */
  const guess = async (userId: string, claim: string, address: string) => {
    expect(await send(userId, ASK, address)).toMatch(/请先验证身份/);
    return send(userId, claim, address);
  };
  return { app, clock, wechat, seed, send, guess };
}

describe('identity verification brute force (issue 12.1)', () => {
  it('10 wrong guesses for one mobile from 10 identities and 10 addresses lock its check; the right code is refused; the customer is told once', async () => {
    const { app, clock, wechat, guess } = await setup();
    for (let i = 0; i < 10; i++) {
      const reply = await guess(`atk-${i}`, `${ZHANG.phone} ${1000 + i}`, `203.0.113.${i + 1}`);
      // Each fresh identity still gets its own "2 attempts left": the identity counter alone was the hole.
      expect(reply).toMatch(/核对未通过.*还可尝试 2 次/);
      expect(reply).not.toMatch(/AU2024000001|HL2024000002/);
      if (i === 4) {
        // Past the free failures a pause applies to the number, whoever asks and from wherever.
        expect(await guess('atk-hurry', `${ZHANG.phone} 7777`, '192.0.2.200')).toMatch(/核对尝试过于频繁.*请在 10:0\d 之后再试/);
      }
      clock.advance(delayAfter(TARGET_POLICY, i + 1) + 1000);
    }

    // The 11th identity, from yet another address, with the RIGHT code: refused, clearly, with nothing shown.
    const refused = await guess('atk-right', RIGHT, '198.51.100.99');
    expect(refused).toMatch(/这个号码近期核对失败次数过多.*暂停至 12月1日 \d\d:\d\d.*即使信息正确也无法通过/);
    expect(refused).not.toMatch(/AU2024000001|HL2024000002|验证成功/);
    expect((await app.db.channelIdentity.findFirstOrThrow({ where: { externalUserId: 'atk-right' } })).customerId).toBeNull();

    // Over a real socket too (the web page's own path), in English.
    const url = await app.listen(0, '127.0.0.1');
    const post = (text: string) =>
      fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'atk-http', text, lang: 'en' }) }).then(
        async (r) => ((await r.json()) as { replies: Array<{ text: string }> }).replies.map((x) => x.text).join('\n'),
      );
    expect(await post('When does my policy expire?')).toMatch(/verify your identity/);
    expect(await post(RIGHT)).toMatch(/checks on it are paused until Dec 1, \d\d:\d\d, and until then even correct details cannot pass/);

    // The table keeps no phone number, only keyed hashes.
    const rows = await app.db.verifyAttempt.findMany();
    expect(rows.some((r) => r.key.includes(ZHANG.phone) || r.key.includes('5678'))).toBe(false);
    expect(rows.find((r) => r.kind === 'target')).toMatchObject({ failures: 10 });

    // 张伟 is told on WeChat, once, however many failures there were.
    const planned = await app.db.outboxMessage.findMany({ where: { occasion: 'verify_alert' } });
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ customerId: (await app.db.customer.findFirstOrThrow({ where: { phone: ZHANG.phone } })).id, channel: 'wechat', status: 'planned' });
    const before = wechat.to('wx-zhang').length; // his own earlier chat
    await runJob(app, outboxJob, { date: '2026-11-30', dryRun: false });
    await runJob(app, outboxJob, { date: '2026-11-30', dryRun: false });
    const told = wechat.to('wx-zhang').slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/安全提醒.*尾号 5678 的手机号.*均未通过/);
    expect(told[0]).not.toMatch(/13812345678/);

    // A day later the lock has run out and the owner (or anyone with the right code) gets in again.
    clock.advance(24 * 60 * MIN + MIN);
    const ok = await guess('zhang-web', RIGHT, '198.51.100.5');
    expect(ok).toMatch(/身份验证成功/);
    expect(ok).toMatch(/AU2024000001/);
  });

  it('counts failures per network address across identities and numbers: delays after 10, a lock at 20; other addresses are not affected', async () => {
    const { clock, guess } = await setup();
    const from = '198.51.100.7';
    let n = 0;
    const wrong = () => `139000000${String(n++).padStart(2, '0')} 1234`; // a different number each time
    for (let i = 0; i < ADDRESS_POLICY.freeFailures; i++) expect(await guess(`addr-${i}`, wrong(), from)).toMatch(/核对未通过/);
    // The 11th failure is still checked, but the next one has to wait.
    expect(await guess('addr-10', wrong(), from)).toMatch(/核对未通过/);
    expect(await guess('addr-11', wrong(), from)).toMatch(/核对尝试过于频繁/);
    for (let i = ADDRESS_POLICY.freeFailures + 1; i < ADDRESS_POLICY.lockAfter; i++) {
      clock.advance(delayAfter(ADDRESS_POLICY, i) + 1000);
      expect(await guess(`addr-w${i}`, wrong(), from)).toMatch(/核对未通过/);
    }
    clock.advance(delayAfter(ADDRESS_POLICY, ADDRESS_POLICY.lockAfter - 1) + 1000);
    // Locked: even the right code for a real customer is refused from that address …
    const locked = await guess('addr-right', RIGHT, from);
    expect(locked).toMatch(/您所在的网络近期核对失败次数过多.*暂停至/);
    expect(locked).not.toMatch(/AU2024000001/);
    // … and the same /64 of IPv6 counts as one address.
    expect(normalizeAddress('2001:db8:1:2::1')).toBe(normalizeAddress('2001:db8:1:2:ffff:1:2:3'));
    expect(normalizeAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
    // Another address is unaffected.
    expect(await guess('elsewhere', RIGHT, '198.51.100.8')).toMatch(/身份验证成功/);
  });

  it('parallel guesses on one number cannot slip past the count: at most the free failures plus one are checked', async () => {
    const { app, send } = await setup();
    const ids = Array.from({ length: 12 }, (_, i) => `par-${i}`);
    for (const id of ids) expect(await send(id, ASK, `203.0.113.${ids.indexOf(id) + 20}`)).toMatch(/请先验证身份/);
    const replies = await Promise.all(ids.map((id, i) => send(id, `${ZHANG.phone} ${2000 + i}`, `203.0.113.${i + 20}`)));
    const checked = replies.filter((r) => /核对未通过/.test(r)).length;
    expect(checked).toBeLessThanOrEqual(TARGET_POLICY.freeFailures + 1);
    expect(replies.filter((r) => /核对尝试过于频繁/.test(r)).length).toBe(12 - checked);
    expect((await app.db.verifyAttempt.findFirstOrThrow({ where: { kind: 'target' } })).failures).toBe(checked);
  });

  it('verification expires after ANXIN_VERIFY_TTL_MINUTES: a verified identity is asked again before any personal data', async () => {
    const { clock, send } = await setup({ ANXIN_VERIFY_TTL_MINUTES: '60' });
    const at = '198.51.100.30';
    expect(await send('zhang-browser', ASK, at)).toMatch(/请先验证身份/);
    expect(await send('zhang-browser', RIGHT, at)).toMatch(/身份验证成功[\s\S]*AU2024000001/);
    clock.advance(59 * MIN);
    expect(await send('zhang-browser', ASK, at)).toMatch(/AU2024000001/);

    clock.advance(2 * MIN); // 61 minutes after verifying: someone else may be at that browser now
    const again = await send('zhang-browser', ASK, at);
    expect(again).toMatch(/请重新验证/);
    expect(again).not.toMatch(/AU2024000001|HL2024000002|2027-02-28/);
    expect(await send('zhang-browser', RIGHT, at)).toMatch(/身份验证成功[\s\S]*AU2024000001/);
  });
});
