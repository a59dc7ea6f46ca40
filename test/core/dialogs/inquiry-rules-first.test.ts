import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { linkIdentity } from '../../domain/claims/seed.ts';
import { seedOwnData } from '../../domain/policy-answers-seed.ts';
import { questionScope } from '../../../src/domain/policy-answers/index.ts';

let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function chat(who?: 'zhang') {
  const c = await scriptedChat();
  chats.push(c);
  const seed = await seedOwnData(c.app.db);
  if (who) await linkIdentity(c.app.db, c.user, seed[who].id);
  return c;
}

describe('questionScope', () => {
  it.each([
    ['我的保单犹豫期到哪天', 'mine'],
    ['现在退保亏多少啊', 'mine'],
    ['when is my premium due?', 'mine'],
    ['我交了多少了', 'mine'],
    ['那保额呢 保额多少', 'mine'],
    ['my premium debit failed, what happens now?', 'rulesThenMine'],
    ['I just bought a policy and changed my mind, can I get my money back?', 'rulesThenMine'],
    ['我的保单扣款失败了怎么办', 'rulesThenMine'],
    ['犹豫期多久', 'general'],
    ['宽限期多久啊 过了还能复效吗', 'general'],
  ] as const)('%s → %s', (text, scope) => {
    expect(questionScope(text)).toBe(scope);
  });
});

describe('what-now questions about "my" policy: the rules at once, the own-policy look-up offered (issue 11)', () => {
  it('answers an anonymous customer with the grace-period rules and offers the look-up instead of demanding verification', async () => {
    const c = await chat();
    const r = await c.send('my premium debit failed, what happens now?').expectReply(/grace period[\s\S]*60 days/);
    expect(r.replies.map((x) => x.text).join('\n')).not.toMatch(/verify your identity/);
    const offer = r.replies.flatMap((x) => x.choices ?? []).find((x) => /my own policy/.test(x.label));
    expect(offer).toBeDefined();
    // Tapping the offer starts the look-up: verification first, nothing shown before.
    await c.send(offer!.value).expectReply(/verify your identity/);
  });

  it('gives a verified policyholder the rules and then their own cooling-off figures', async () => {
    const c = await chat('zhang');
    await c.send('我的保单刚买就后悔了 能退吗 钱能全退吗').expectReply(/犹豫期/);
    expect(c.last()).toMatch(/LF2024000004|CI2026000005|HL2024000002|AU2024000001/);
  });
});

describe('a follow-up about the policy just discussed', () => {
  it('"那我交了多少了" after a surrender-loss answer gives the premiums paid on that same policy', async () => {
    const c = await chat('zhang');
    await c.send('现在退保亏多少啊').expectReply(/LF2024000004[\s\S]*现金价值/);
    await c.send('那我交了多少了').expectReply(/LF2024000004[\s\S]*至今已交保费 ¥36,000.00，共 3 期/);
    expect(c.last()).not.toMatch(/AU2024000001|HL2024000002/);
  });
});
