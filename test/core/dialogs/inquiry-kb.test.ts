import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';

/** Issue 11, knowledge-base recall in the inquiry flow: typos, pinyin, English, honest "I don't know", recording. */
let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function chat() {
  const c = await scriptedChat();
  chats.push(c);
  return c;
}

const choicesOf = (r: { replies: Array<{ choices?: Array<{ label: string; value: string }> }> }) => r.replies.flatMap((x) => x.choices ?? []);

describe('inquiry: knowledge-base recall', () => {
  it.each([
    ['how long is the grace period', /grace period.*60 days/i, 'life-grace-period'],
    ['犹预期多久', /犹豫期/, 'life-cooling-off'],
    ['保单宽线期几天', /宽限期.*60天/, 'life-grace-period'],
    ['住院报销要准备啥材料', /发票/, 'health-medical-claim-docs'],
  ])('answers "%s" directly, with no "did you mean" buttons', async (q, reply, id) => {
    const c = await chat();
    const r = await c.send(q).expectReply(reply);
    expect(choicesOf(r)).toEqual([]);
    expect((await c.app.db.interaction.findFirstOrThrow({ where: { kind: 'consultation' } })).refId).toBe(id);
    expect(await c.app.db.unansweredQuestion.count()).toBe(0);
  });

  it('says honestly it cannot answer an out-of-scope question, offers only a person, and records the question', async () => {
    const c = await chat();
    const r = await c.send('请问保险公司的年终奖多少').expectReply(/回答不了/);
    expect(choicesOf(r).map((x) => x.label)).toEqual([expect.stringMatching(/人工/)]);
    const row = await c.app.db.unansweredQuestion.findFirstOrThrow();
    expect(row).toMatchObject({ sampleText: '请问保险公司的年终奖多少', lang: 'zh', count: 1, status: 'open', hadSuggestions: false });
    expect(row.lastConversationId).toBe((await c.app.db.conversation.findFirstOrThrow()).id);
    await c.send('转人工').expectReply(/人工/);
  });

  it('counts a repeated unanswered question once per ask and masks personal data', async () => {
    const c = await chat();
    await c.send('请问保险公司的年终奖多少').expectReply(/回答不了/);
    await c.send('请问保险公司的年终奖多少？').expectReply(/回答不了/);
    await c.send('请问保险公司员工年终奖多少 我电话13812345678').expectReply(/回答不了/);
    const rows = await c.app.db.unansweredQuestion.findMany({ orderBy: { count: 'desc' } });
    expect(rows.map((r) => r.count)).toEqual([2, 1]);
    expect(rows[1].sampleText).toContain('138****5678');
    expect(JSON.stringify(rows)).not.toContain('13812345678');
  });

  it('records a suggestions-only reply as unanswered, flagged as near', async () => {
    const c = await chat();
    const r = await c.send('我想了解一下医疗险').expectChoice(/转人工/);
    expect(choicesOf(r).length).toBeGreaterThanOrEqual(2);
    const row = await c.app.db.unansweredQuestion.findFirstOrThrow();
    expect(row.hadSuggestions).toBe(true);
    expect(row.topEntryId).toBeTruthy();
  });

  it('answers in English and records an English question it cannot answer under lang en', async () => {
    const c = await chat();
    await c.send('what is the waiting period on health insurance').expectReply(/waiting/i);
    expect(await c.app.db.unansweredQuestion.count()).toBe(0);
    const r = await c.send("what does your insurance company's CEO earn").expectReply(/don't know/);
    expect(choicesOf(r)).toHaveLength(1);
    expect(await c.app.db.unansweredQuestion.findFirstOrThrow()).toMatchObject({ lang: 'en', count: 1 });
  });
});
