import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restartApp } from '../../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { linkIdentity, seedCustomers, ZHANG } from '../../domain/claims/seed.ts';

const MIN = 60_000;
let dirs: string[] = [];
let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  chats = [];
  dirs = [];
});

async function chat(opts: { user?: string } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-att-'));
  dirs.push(dir);
  const c = await scriptedChat({ env: { ANXIN_ATTACHMENT_DIR: dir }, ...opts });
  chats.push(c);
  const seed = await seedCustomers(c.app.db);
  return { c, dir, seed };
}

const photo = (name: string, bytes: string) => ({
  kind: 'image' as const,
  attachments: [{ kind: 'image' as const, name, mime: 'image/jpeg', fetch: async () => Buffer.from(bytes) }],
});

describe('claim_report dialog', () => {
  it('files an auto claim for a verified customer with two photos (zh)', async () => {
    const { c, dir, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我要报案').expectChoice(/AU2024000001/);
    expect(c.last()).toMatch(/HL2024000002/);
    await c.send('AU2024000001').expectReply(/什么时候发生/);
    await c.send('昨天下午三点').expectReply(/什么地点/);
    await c.send('北京市朝阳区建国路与东三环交叉口').expectReply(/事故经过/);
    await c.send('等红灯时被后车追尾，后保险杠凹陷').expectReply(/受伤/);
    await c.send('没有人受伤').expectReply(/对方车辆/);
    await c.send('对方车牌京B67890，司机电话13911112222').expectReply(/交警/);
    await c.send('已报警').expectReply(/现场照片/);
    await c.send('', photo('front.jpg', 'photo-one')).expectReply(/已收到 1 张/);
    await c.send('', photo('rear.jpg', 'photo-two')).expectReply(/已收到 2 张/);
    await c.send('好了').expectReply('回拨号码用 138****5678 吗');
    const summary = await c.send('是').expectReply(/请核对报案信息/);
    const text = summary.replies.map((r) => r.text).join('\n');
    expect(text).toMatch(/车险 AU2024000001/);
    expect(text).toMatch(/2026-11-29 15:00/);
    expect(text).toMatch(/照片\/文件：2 张/);
    expect(text).not.toContain(ZHANG.phone);
    await c.send('是').expectReply(/报案成功.*BA20261130\d{6}/);
    expect(c.last()).toMatch(/驾驶证/);
    expect(c.last()).toMatch(/事故认定书/);
    expect(c.last()).toMatch(/维修估价单/);

    const db = c.app.db;
    const claim = await db.claim.findFirstOrThrow({ include: { attachments: true } });
    expect(claim.number).toMatch(/^BA20261130\d{6}$/);
    expect(claim).toMatchObject({ line: 'auto', customerId: seed.zhang.id, policyId: seed.auto.id, callbackPhone: ZHANG.phone, policeReport: 'yes', injuries: 'none' });
    expect(claim.incidentAt?.toISOString()).toBe('2026-11-29T07:00:00.000Z');
    expect(claim.attachments).toHaveLength(2);
    for (const a of claim.attachments) expect(existsSync(path.join(dir, a.location))).toBe(true);
    expect(claim.attachments.map((a) => readFileSync(path.join(dir, a.location), 'utf8')).sort()).toEqual(['photo-one', 'photo-two']);
    expect(claim.attachments[0].location.startsWith(`${claim.conversationId}/`)).toBe(true);

    const esc = await db.escalation.findFirstOrThrow({ where: { refType: 'Claim', refId: claim.id } });
    expect(esc.queue).toBe('claims');
    expect(esc.summary).toContain(claim.number);
    expect(esc.summary).toContain('张*');
    expect(esc.summary).toContain('138****5678');
    expect(esc.summary).toContain('139****2222');
    expect(esc.summary).not.toContain(ZHANG.phone);
    expect(esc.summary).not.toContain('13911112222');
    expect(esc.summary).not.toContain('张伟');
    const conv = await db.conversation.findFirstOrThrow();
    expect(conv.owner).toBe('bot');
    expect(await db.interaction.count({ where: { kind: 'claim_report', refId: claim.id, customerId: seed.zhang.id } })).toBe(1);
  });
});
