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
    expect(esc.summary).toMatch(/受伤：无/);
    expect(esc.summary).toMatch(/报警：已报警/);
    const conv = await db.conversation.findFirstOrThrow();
    expect(conv.owner).toBe('bot');
    expect(await db.interaction.count({ where: { kind: 'claim_report', refId: claim.id, customerId: seed.zhang.id } })).toBe(1);
  });

  it('files a property theft claim by policy number + phone, in English, with one photo', async () => {
    const { c, seed } = await chat();
    await c.send('I want to report a claim, my home was burgled. Policy PR2024000003').expectReply(/holder's or insured person's name or mobile/);
    await c.send('13987654321').expectReply(/on your Property policy PR2024000003/);
    expect(c.last()).toMatch(/When did it happen/);
    await c.send('yesterday at 3pm').expectReply(/Where did it happen/);
    // "my home was burgled" in the first message is the description: not asked again.
    await c.send('Room 1201, 8 Jianguo Road, Chaoyang, Beijing').expectReply(/police report/);
    // Property photos are offered, with burglary-specific hints; they are not a condition of reporting.
    await c.send('not yet').expectReply(/the forced door, window or lock/);
    await c.send('', photo('door.jpg', 'broken-door')).expectReply(/Received 1 photo/);
    await c.send('done').expectReply('Shall we call 139****4321?');
    await c.send('13600001111').expectReply(/Please check your claim report/);
    expect(c.last()).toMatch(/Police: not reported/);
    expect(c.last()).toMatch(/Callback number: 136\*\*\*\*1111/);
    await c.send('yes').expectReply(/Your report number is BA20261130\d{6}/);
    expect(c.last()).toMatch(/List of damaged or lost property/);
    expect(c.last()).toMatch(/report the theft to the police/);
    const claim = await c.app.db.claim.findFirstOrThrow({ include: { attachments: true } });
    expect(claim).toMatchObject({ line: 'property', customerId: seed.li.id, callbackPhone: '13600001111', policeReport: 'no', description: 'my home was burgled' });
    expect(claim.attachments).toHaveLength(1);
    // Reporting by policy number does not verify the identity.
    expect((await c.app.db.channelIdentity.findFirstOrThrow()).customerId).toBeNull();
  });

  it('refuses a policy number with the wrong name without telling anything about the policy, then locks', async () => {
    const { c } = await chat();
    await c.send('我要报案').expectReply(/保单号/);
    const wrong = await c.send('PR2024000003 王五').expectReply(/信息核对未通过.*还可尝试 2 次/);
    const unknown = await c.send('AU2099999999 王五').expectReply(/信息核对未通过.*还可尝试 1 次/);
    for (const r of [wrong, unknown]) {
      const text = r.replies.map((x) => x.text).join('\n');
      expect(text).not.toMatch(/财产险|家财|李|PR2024000003|AU2099999999|健康险|property/i);
    }
    expect(wrong.replies.map((x) => x.text.replace(/\d 次/, ''))).toEqual(unknown.replies.map((x) => x.text.replace(/\d 次/, '')));
    await c.send('PR2024000003').expectReply(/姓名或手机号/);
    await c.send('13800000000').expectReply(/核对已暂停至 10:30/);
    await c.send('我要报案').expectReply(/保单号/);
    // Locked: even the right name is refused now.
    await c.send('PR2024000003 李娜').expectReply(/核对已暂停/);
    expect(await c.app.db.claim.count()).toBe(0);
  });

  it('skips questions answered in the first message (policy number and time)', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我的车AU2024000001昨天下午三点被撞了').expectReply(/车险 AU2024000001/);
    expect(c.last()).toMatch(/什么地点/);
    expect(c.last()).not.toMatch(/什么时候发生|请选择/);
  });

  it('finds a motor policy by the licence plate given in the first message', async () => {
    const { c } = await chat();
    await c.send('我要报案 京A12345 被追尾了').expectReply(/姓名或手机号/);
    await c.send('张伟').expectReply(/车险 AU2024000001/);
  });

  it('rejects an incident time in the future with a hint (zh and en)', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/家财|财产险 PR2024000003/);
    await c.send('明天下午三点').expectReply(/不能晚于现在（现在是 2026-11-30 10:00）/);
    await c.send('今天早上8点').expectReply(/什么地点/);

    const en = await chat({ user: 'en-user' });
    await linkIdentity(en.c.app.db, en.c.user, en.seed.li.id);
    await en.c.send('I need to report a claim').expectReply(/Property policy PR2024000003/);
    await en.c.send('tomorrow 3pm').expectReply(/can't be later than now/);
  });

  it('offers a person after three invalid answers, and hands over to staff', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/什么时候发生/);
    await c.send('不记得').expectReply(/没有识别到时间/);
    await c.send('嗯嗯嗯').expectReply(/没有识别到时间/);
    await c.send('啊啊').expectChoice(/转人工/);
    await c.send('转人工').expectReply(/人工客服/);
    expect(await c.app.db.escalation.count()).toBe(1);
    expect((await c.app.db.conversation.findFirstOrThrow()).owner).toBe('staff');
  });

  it('offers a person after three invalid answers in English too', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('I want to report a claim').expectReply(/When did it happen/);
    await c.send('no idea').expectReply(/couldn't read a time/);
    await c.send('hmm').expectReply(/couldn't read a time/);
    await c.send('whatever').expectChoice(/Talk to a person/);
  });

  it('cancels mid-flow (zh and en) and the next message starts fresh', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/什么时候发生/);
    await c.send('昨天晚上').expectReply(/什么地点/);
    await c.send('算了').expectReply(/已取消“报案”/);
    await c.send('我要报案').expectReply(/什么时候发生/);
    await c.send('cancel').expectReply(/has been cancelled/);
    expect(await c.app.db.claim.count()).toBe(0);
  });

  it('switches to a complaint mid-flow and resumes the claim at the same question', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/什么时候发生/);
    await c.send('我要投诉').expectReply(/要先去办理“投诉”吗/);
    await c.send('是').expectNoReplyLike(/什么时候发生/);
    await c.send('取消').expectReply(/已取消“投诉”[\s\S]*继续办理吗/);
    await c.send('是').expectReply(/什么时候发生/);
    await c.send('昨天下午三点').expectReply(/什么地点/);
  });

  it('switches away and back in English', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('I want to report a claim').expectReply(/When did it happen/);
    await c.send('I want to make a complaint').expectReply(/Switch to/);
    await c.send('yes');
    await c.send('cancel').expectReply(/continue it\?/);
    await c.send('yes').expectReply(/When did it happen/);
  });

  it('expires after 31 minutes of silence; the next message starts fresh', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/什么时候发生/);
    await c.send('昨天下午三点').expectReply(/什么地点/);
    c.clock.advance(31 * MIN);
    await c.send('我要报案').expectReply(/已自动结束/);
    expect(c.last()).toMatch(/什么时候发生/);
  });

  it('resumes at the same step after a restart, photos kept', async () => {
    const { c, dir, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我的车AU2024000001昨天下午三点被撞了').expectReply(/什么地点/);
    // "被撞了" in the first message is the description: the next question is about injuries.
    await c.send('北京市朝阳区建国路').expectReply(/受伤/);
    await c.send('没有').expectReply(/对方车辆/);
    await c.send('没有').expectReply(/交警/);
    await c.send('还没有').expectReply(/现场照片/); // a button label the NLU reads as claim_status: no switch offer here
    await c.send('', photo('a.jpg', 'one')).expectReply(/已收到 1 张/);

    const second = await restartApp(c.app as any, { env: { ANXIN_ATTACHMENT_DIR: dir } });
    try {
      const again = await scriptedChat({ app: second as any, user: c.user });
      await again.send('', photo('b.jpg', 'two')).expectReply(/已收到 2 张/);
      await again.send('完成').expectReply(/回拨号码用 138\*\*\*\*5678 吗/);
      await again.send('是').expectReply(/请核对报案信息/);
      // Edit one answer after the read-back: only that question is asked again.
      await again.send('否').expectChoice(/出险地点/);
      await again.send('出险地点').expectReply(/什么地点/);
      await again.send('北京市朝阳区建国路88号地下车库').expectReply(/请核对报案信息/);
      expect(again.last()).toMatch(/地下车库/);
      await again.send('确认').expectReply(/报案成功/);
      const claim = await second.db.claim.findFirstOrThrow({ include: { attachments: true } });
      expect(claim.attachments).toHaveLength(2);
      expect(claim.place).toBe('北京市朝阳区建国路88号地下车库');
      expect(claim.otherParties).toBe('none');
      expect(claim.policeReport).toBe('no');
    } finally {
      await second.close();
      await second.db.$disconnect();
    }
  });
});

// Issue 11: details given anywhere are not asked again; colloquial dates; corrections at the read-back.
// The scripted clock is Monday 30 November 2026, 10:00 in Shanghai.
describe('claim_report: slots filled from everything said (issue 11)', () => {
  it('takes place, description, injuries and the other party from the first message', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我的车京A12345 昨天晚上十点在延安高架上被追尾了 没人受伤 对方车牌沪C11111').expectReply(/车险 AU2024000001/);
    expect(c.last()).toMatch(/交警/);
    expect(c.last()).not.toMatch(/什么时候发生|什么地点|事故经过|受伤|对方车辆/);
    await c.send('已报警').expectReply(/现场照片/);
    await c.send('', photo('rear.jpg', 'rear')).expectReply(/已收到 1 张/);
    await c.send('好了').expectReply(/回拨号码/);
    await c.send('是').expectReply(/请核对报案信息/);
    expect(c.last()).toMatch(/出险时间：2026-11-29 22:00（您说的是“昨天晚上十点”）/);
    expect(c.last()).toMatch(/出险地点：延安高架上/);
    expect(c.last()).toMatch(/对方情况：对方车牌沪C11111/);
    await c.send('是').expectReply(/报案成功/);
    const claim = await c.app.db.claim.findFirstOrThrow();
    expect(claim).toMatchObject({ place: '延安高架上', description: '昨天晚上十点在延安高架上被追尾了', injuries: 'none', otherParties: '对方车牌沪C11111', policeReport: 'yes' });
    expect(claim.incidentAt?.toISOString()).toBe('2026-11-29T14:00:00.000Z');
  });

  it('fills the other missing answers an answer states', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我要报案').expectChoice(/AU2024000001/);
    await c.send('AU2024000001').expectReply(/什么时候发生/);
    await c.send('昨天下午三点 在小区地库被刮了').expectReply(/受伤/);
    await c.send('我腿擦伤了，对方车牌沪C11111').expectReply(/交警/);
    expect(c.last()).not.toMatch(/对方车辆/);
  });

  it('reads place and injuries from an English first message', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('my car AU2024000001 was rear-ended at the Bund last night around 2, nobody was hurt').expectReply(/other vehicle|other party/i);
    expect(c.last()).not.toMatch(/When did it happen|Where did it happen|what happened/i);
  });
});

describe('claim_report: colloquial times, the time of day, future times (issue 11)', () => {
  async function atWhen() {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/什么时候发生/);
    return c;
  }

  it.each([
    ['昨儿个夜里两点', '2026-11-30T02:00:00+08:00'],
    ['11.28 晚8点', '2026-11-28T20:00:00+08:00'],
    ['半小时前', '2026-11-30T09:30:00+08:00'],
    ['上周五下午三点半', '2026-11-27T15:30:00+08:00'],
  ])('%s', async (said, iso) => {
    const c = await atWhen();
    await c.send(said).expectReply(/什么地点/);
    await c.send('家里厨房').expectReply(/经过/);
    await c.send('水管爆了 地板泡了').expectReply(/照片/);
    await c.send('', photo('floor.jpg', 'floor')).expectReply(/已收到 1 张/);
    await c.send('好了').expectReply(/回拨号码用/);
    await c.send('是').expectReply(/请核对报案信息/);
    // The read-back shows what was understood.
    expect(c.last()).toContain(`出险时间：${iso.slice(0, 10)} ${iso.slice(11, 16)}`);
  });

  it('asks for the time of day when only a day is given, and accepts "不记得了"', async () => {
    const c = await atWhen();
    await c.send('昨天').expectReply(/2026-11-29 那天。大概几点/);
    await c.send('下午三点').expectReply(/什么地点/);

    const d = await atWhen();
    await d.send('昨儿').expectChoice(/不清楚/);
    await d.send('不记得了').expectReply(/什么地点/);
  });

  it('refuses a future time at the day-then-time question with the current time', async () => {
    const c = await atWhen();
    await c.send('今天').expectReply(/大概几点/);
    await c.send('晚上8点').expectReply(/不能晚于现在（现在是 2026-11-30 10:00）/);
    await c.send('早上7点').expectReply(/什么地点/);
  });

  it('asks the time of day in English', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('I want to report a claim').expectReply(/When did it happen/);
    await c.send('on the 28th').expectChoice(/Not sure/);
    await c.send('Evening').expectReply(/Where did it happen/);
  });
});

describe('claim_report: corrections at the read-back (issue 11)', () => {
  async function atSummary() {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我的车AU2024000001昨天晚上十点在延安高架上被追尾了 没人受伤 对方车牌沪C11111').expectReply(/交警/);
    await c.send('已报警').expectReply(/现场照片/);
    await c.send('', photo('rear.jpg', 'rear')).expectReply(/已收到 1 张/);
    await c.send('好了').expectReply(/回拨号码/);
    await c.send('是').expectReply(/请核对报案信息/);
    return c;
  }

  it('takes "不对 时间说错了 是上周五下午三点半" and shows the updated read-back', async () => {
    const c = await atSummary();
    await c.send('不对 时间说错了 是上周五下午三点半').expectReply(/已为您更正出险时间/);
    expect(c.last().match(/请核对报案信息/g)).toHaveLength(1);
    expect(c.last()).toMatch(/出险时间：2026-11-27 15:30/);
    expect(c.last()).toMatch(/以上信息正确吗/);
    expect(c.last()).not.toMatch(/请回复是或否/);
    await c.send('是').expectReply(/报案成功/);
    const claim = await c.app.db.claim.findFirstOrThrow();
    expect(claim.incidentAt?.toISOString()).toBe('2026-11-27T07:30:00.000Z');
  });

  it('reads a time-only answer at the place step as a more precise time, then asks the place again', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/什么时候发生/);
    await c.send('上周六晚上').expectReply(/什么地点/);
    await c.send('11月28号晚上11点').expectReply(/什么地点/);
    await c.send('家里厨房').expectReply(/经过/);
    await c.send('水管爆了').expectReply(/照片/);
    await c.send('', photo('floor.jpg', 'floor')).expectReply(/已收到 1 张/);
    await c.send('好了').expectReply(/回拨号码用/);
    await c.send('是').expectReply(/出险时间：2026-11-28 23:00/);
    expect(c.last()).toMatch(/出险地点：家里厨房/);
  });

  it('takes a new value at the "which part?" step and a new callback number at the read-back', async () => {
    const c = await atSummary();
    await c.send('否').expectChoice(/出险地点/);
    await c.send('地点改成小区地库').expectReply(/请核对报案信息/);
    expect(c.last()).toMatch(/出险地点：小区地库/);
    expect(c.last().match(/请核对报案信息/g)).toHaveLength(1);
    await c.send('电话不对，应该是13600001111').expectReply(/回拨号码：136\*\*\*\*1111/);
    // A bare new value at "which part?" is taken too.
    await c.send('否').expectChoice(/出险时间/);
    await c.send('上周五下午三点半').expectReply(/出险时间：2026-11-27 15:30/);
    await c.send('确认').expectReply(/报案成功/);
    expect(await c.app.db.claim.findFirstOrThrow()).toMatchObject({ place: '小区地库', callbackPhone: '13600001111' });
  });

  it('gives the corrections a claim message implies (FlowDefinition.correct)', async () => {
    const { flow } = await import('../../../src/core/dialogs/flows/claim-report.ts');
    const { extractEntities } = await import('../../../src/core/nlu/index.ts');
    const now = new Date('2026-11-30T02:00:00Z');
    const services = { clock: { now: () => now } } as any;
    const correct = (text: string) =>
      flow.correct!({ type: 'ANSWER', text, nlu: { entities: extractEntities(text, now) } as any, attachmentCount: 0 }, { lang: 'zh', slots: {}, tries: 0 }, services);
    expect(correct('不对 时间说错了 是上周五下午三点半')).toMatchObject({ incidentAt: '2026-11-27T15:30:00+08:00', incidentText: '上周五下午三点半', incidentPrecision: 'minute' });
    expect(correct('号码改成13600001111')).toMatchObject({ callbackPhone: '13600001111' });
    expect(correct('地点应该是延安高架')).toEqual({ place: '延安高架' });
    expect(correct('其实有人受伤，我腿擦伤了')).toMatchObject({ injuries: '有人受伤，我腿擦伤了' });
    expect(correct('不对，是明天')).toBeNull(); // a future time is not a correction
    // The denied day is not the new one; a day alone keeps the time of day already known.
    const known = { lang: 'zh' as const, slots: { incidentAt: '2026-11-29T14:00:00+08:00', incidentPrecision: 'hour' }, tries: 0 };
    const text = '我说错了 不是昨天 是前天';
    expect(flow.correct!({ type: 'ANSWER', text, nlu: { entities: extractEntities(text, now) } as any, attachmentCount: 0 }, known, services)).toMatchObject({
      incidentAt: '2026-11-28T14:00:00+08:00',
      incidentPrecision: 'hour',
    });
    expect(correct('不对')).toBeNull();
    expect(flow.slotNames).toMatchObject({ incidentAt: 'claim:edit.when', place: 'claim:edit.place', callbackPhone: 'claim:edit.callback' });
  });
});

describe('claim_report: photos never block a report; hints and safety advice fit the incident (issue 11)', () => {
  it('a burst pipe at home: safety advice first, water-damage photo hints, "稍后补充" reports the claim', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我要报案').expectReply(/什么时候发生/);
    await c.send('今天早上七点').expectReply(/什么地点/);
    await c.send('家里卫生间').expectReply(/经过/);
    const r = await c.send('卫生间水管爆了，楼下天花板都泡了').expectReply(/关闭家里的进水总阀/);
    const texts = r.replies.map((x) => x.text);
    expect(texts.findIndex((x) => /进水总阀/.test(x))).toBeLessThan(texts.findIndex((x) => /照片/.test(x)));
    expect(c.last()).toContain('断开这些房间的电源');
    expect(c.last()).toContain('爆裂或漏水的水管');
    expect(c.last()).not.toMatch(/车牌|车辆/);
    await c.send('稍后补充').expectReply(/照片可以稍后补充/);
    while (!/请核对报案信息/.test(c.last())) await c.send('是');
    await c.send('是').expectReply(/报案号/);
    const claim = await c.app.db.claim.findFirstOrThrow({ include: { attachments: true } });
    expect(claim.attachments).toHaveLength(0);
  });

  it('health: invoices and the discharge summary are asked for, "没有照片" carries on', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我要报案 保单HL2024000002').expectReply(/什么时候发生/);
    await c.send('上周三上午十点').expectReply(/什么地点/);
    await c.send('北京协和医院').expectReply(/经过/);
    // The place was the hospital: it is not asked again.
    await c.send('急性阑尾炎住院做了手术').expectReply(/出院小结/);
    expect(c.last()).not.toMatch(/哪家医院/);
    expect(c.last()).toContain('医疗费用发票');
    expect(c.last()).not.toMatch(/关闭|总阀|车牌/);
    await c.send('没有照片').expectReply(/回拨号码/);
    expect(c.last()).not.toMatch(/至少/);
  });

  it('motor: photos are requested but "稍后补充" is accepted; injuries bring 120/122 advice first', async () => {
    const { c, seed } = await chat();
    await linkIdentity(c.app.db, c.user, seed.zhang.id);
    await c.send('我要报案 保单AU2024000001').expectReply(/什么时候发生/);
    await c.send('今天早上八点').expectReply(/什么地点/);
    await c.send('长安街复兴门桥').expectReply(/经过/);
    await c.send('被后车追尾了').expectReply(/受伤/);
    await c.send('我脖子受伤了 很疼').expectReply(/拨打 120/);
    expect(c.last()).toContain('三角警示牌');
    await c.send('对方车牌京B67890').expectReply(/报警|交警/);
    await c.send('已报警').expectReply(/现场照片/);
    expect(c.last()).toContain('对方车牌');
    await c.send('稍后补充').expectReply(/照片可以稍后补充/);
  });
});
