/**
 * The WeChat story end to end: a verified customer reports a car accident on WeChat, picks the policy by
 * number, answers the questions and sends two photos of the scene; the claim is filed with the photos stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileBox } from 'file-box';
import { linkIdentity, seedCustomers } from '../../domain/claims/seed.ts';
import { photo, wechatWorld, type Customer, type WeChatWorld } from './world.ts';

let world: WeChatWorld | undefined;
let dir: string | undefined;
afterEach(async () => {
  await world?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
  world = undefined;
  dir = undefined;
});

/** Says something and returns what the bot answered to it, joined. */
async function ask(c: Customer, what: string | FileBox): Promise<string> {
  const before = c.inbox.texts.length;
  const o = await c.say(what);
  expect(o.error, String(o.error)).toBeUndefined();
  return c.inbox.texts.slice(before).join('\n---\n');
}

describe('WeChat claim report', () => {
  it('files an auto claim with two photos sent on WeChat', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'anxin-wechat-att-'));
    world = await wechatWorld({ env: { WECHAT_SEND_PER_MINUTE: '60000', WECHAT_SEND_JITTER_MS: '0', ANXIN_ATTACHMENT_DIR: dir } });
    const seed = await seedCustomers(world.app.db);
    await linkIdentity(world.app.db, 'wxid_zhang3', seed.zhang.id, 'wechat');
    const zhang = world.customer('wxid_zhang3', '张伟');

    const offer = await ask(zhang, '我要报案');
    const line = offer.split('\n').find((l) => /^\d\. .*AU2024000001/.test(l));
    expect(line, offer).toBeDefined();
    expect(await ask(zhang, line!.slice(0, 1))).toMatch(/什么时候发生/);
    expect(await ask(zhang, '昨天下午三点')).toMatch(/什么地点/);
    expect(await ask(zhang, '北京市朝阳区建国路与东三环交叉口')).toMatch(/事故经过/);
    expect(await ask(zhang, '等红灯时被后车追尾，后保险杠凹陷[流泪]')).toMatch(/受伤/);
    expect(await ask(zhang, '没有人受伤')).toMatch(/对方车辆/);
    expect(await ask(zhang, '对方车牌京B67890，司机电话13911112222')).toMatch(/交警/);
    expect(await ask(zhang, '已报警')).toMatch(/现场照片/);
    expect(await ask(zhang, photo('front.jpg', Buffer.from('photo-one')))).toMatch(/已收到 1 张/);
    expect(await ask(zhang, photo('rear.jpg', Buffer.from('photo-two')))).toMatch(/已收到 2 张/);
    expect(await ask(zhang, '好了')).toMatch(/回拨号码用 138\*\*\*\*5678 吗/);
    expect(await ask(zhang, '是')).toMatch(/照片\/文件：2 张/);
    expect(await ask(zhang, '是')).toMatch(/报案成功.*BA20261130\d{6}/);

    const claim = await world.app.db.claim.findFirstOrThrow({ include: { attachments: true } });
    expect(claim).toMatchObject({ line: 'auto', customerId: seed.zhang.id });
    const conversation = await world.app.db.conversation.findUniqueOrThrow({ where: { id: claim.conversationId! } });
    expect(conversation).toMatchObject({ channel: 'wechat', ref: { channel: 'wechat', externalUserId: 'wxid_zhang3' } });
    expect(claim.attachments.map((a) => readFileSync(path.join(dir!, a.location), 'utf8')).sort()).toEqual(['photo-one', 'photo-two']);
    const photos = await world.app.db.message.findMany({ where: { direction: 'in', kind: 'image' } });
    expect(photos).toHaveLength(2);
  });
});
