import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { link, seedPeople, WANG } from '../../domain/complaints/seed.ts';

const MIN = 60_000;
let chats: ScriptedChat[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  chats = [];
  dirs = [];
});

async function chat() {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-jb-'));
  dirs.push(dir);
  const c = await scriptedChat({ env: { ANXIN_ATTACHMENT_DIR: dir } });
  chats.push(c);
  return { c, dir };
}

const photo = (bytes: string) => ({
  kind: 'image' as const,
  attachments: [{ kind: 'image' as const, name: 'receipt.jpg', mime: 'image/jpeg', fetch: async () => Buffer.from(bytes) }],
});

describe('whistleblow dialog', () => {
  it('files a report for compliance only; the card never shows who reported (zh)', async () => {
    const { c, dir } = await chat();
    const people = await seedPeople(c.app.db);
    await link(c.app.db, c.user, people.wang.id);
    await c.send('我要举报').expectReply(/只由合规部门处理/);
    expect(c.last()).toContain('要举报的是谁');
    await c.send('业务员李四，工号A123').expectReply(/发生了什么/);
    await c.send(`他收了我的保费没有交给公司，自己挪用了。我是${WANG.name}，电话${WANG.phone}`).expectReply(/什么时候/);
    await c.send('上个月').expectReply(/证据/);
    await c.send('', photo('fake-receipt')).expectReply(/已收到 1 份证据/);
    await c.send('好了').expectReply(/联系方式/);
    await c.send(WANG.phone).expectReply(/请确认举报内容/);
    expect(c.last()).toContain('138****8000');
    await c.send('是').expectReply(/举报编号：JB20261130000001/);
    expect(c.last()).toContain('通过您留下的联系方式');

    const db = c.app.db;
    const report = await db.whistleblowReport.findFirstOrThrow();
    expect(report).toMatchObject({ number: 'JB20261130000001', subject: '业务员李四，工号A123', contact: WANG.phone, anonymous: false });
    const identity = await db.channelIdentity.findFirstOrThrow({ where: { externalUserId: c.user } });
    expect(report.identityId).toBe(identity.id);
    expect(report.facts).toContain('时间：上个月');

    const cards = await db.escalation.findMany();
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ queue: 'compliance', intent: 'whistleblow', refType: 'WhistleblowReport', refId: report.id });
    const summary = cards[0].summary;
    expect(summary).toContain('业务员李四');
    expect(summary).toContain('挪用');
    expect(summary).toContain('证据附件：1 份');
    for (const secret of [WANG.name, WANG.phone, '138****8000', '8000', identity.id, people.wang.id, c.user]) expect(summary).not.toContain(secret);
    expect(await db.escalation.count({ where: { queue: { not: 'compliance' } } })).toBe(0);
    // Nothing on the customer's timeline: a row there would tell general staff who reported.
    expect(await db.interaction.count({ where: { customerId: people.wang.id } })).toBe(0);
    const files = await db.attachment.findMany();
    expect(readFileSync(path.join(dir, files[0].location), 'utf8')).toBe('fake-receipt');
  });

  it('may stay anonymous (en)', async () => {
    const { c } = await chat();
    await c.send('I want to report fraud').expectReply(/compliance department/);
    await c.send('An agent called Zhao at the Haidian branch').expectReply(/what happened/);
    await c.send('He sells fake policies and keeps the premiums, his WeChat is zhao_agent88').expectReply(/[Ww]hen/);
    await c.send('not sure').expectReply(/evidence/);
    await c.send('none').expectReply(/contact/);
    await c.send('12').expectReply(/mobile number, or reply "anonymous"/);
    await c.send('anonymous').expectReply(/Contact: anonymous/);
    expect(c.last()).toContain('When: not sure');
    await c.send('yes').expectReply(/Reference: JB20261130000001/);
    expect(c.last()).toContain('stay anonymous');
    const report = await c.app.db.whistleblowReport.findFirstOrThrow();
    expect(report).toMatchObject({ anonymous: true, contact: null });
    const card = await c.app.db.escalation.findFirstOrThrow();
    expect(card.queue).toBe('compliance');
    expect(card.summary).not.toContain('zhao_agent88');
    expect(card.summary).toContain('举报人：匿名');
  });

  it('cancel and expiry end it without a report', async () => {
    const { c } = await chat();
    await c.send('我要举报').expectReply(/要举报的是谁/);
    await c.send('取消').expectReply(/已取消“举报”/);
    await c.send('我要举报').expectReply(/要举报的是谁/);
    c.clock.advance(31 * MIN);
    await c.send('业务员李四').expectReply(/自动结束/);
    expect(await c.app.db.whistleblowReport.count()).toBe(0);
    expect(await c.app.db.escalation.count()).toBe(0);
  });
});
