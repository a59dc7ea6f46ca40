import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { hasChromium, launchChromium, warnIfNoChromium } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

warnIfNoChromium('chat-interruptions-browser');

/** Issue 11 in the browser: a customer who says everything at once, asks a question mid-way, corrects and cancels. */
describe.skipIf(!hasChromium)('interruptions and corrections in the browser chat (needs the Debian package "chromium")', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    const clock = fixedClock('2026-11-30T02:00:00Z'); // Monday 10:00 in Shanghai
    app = await createTestApp({ clock });
    await seedDemo(app.db, { secret: app.config.ANXIN_ID_SECRET, now: clock.now() });
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app.cleanup();
  });

  /** Types a message, waits for the bot's answer, returns everything the bot said in reply. */
  async function type(page: Page, text: string): Promise<string> {
    const before = await page.locator('.msg.bot').count();
    await page.fill('#text', text);
    await page.click('#send');
    await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
    await page.waitForTimeout(150); // let every reply of the turn render
    const all = await page.locator('.msg.bot').allTextContents();
    return all.slice(before).join('\n');
  }

  it('says everything at once, asks a question mid-way, corrects the time at the read-back and confirms naturally', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(url);
      // Found by the plate; an anonymous reporter names the policyholder before anything about the policy is shown.
      expect(await type(page, '我的车沪A12345 昨天晚上十点在延安高架上被追尾了 没人受伤 对方车牌沪C11111')).toMatch(/投保人|验证|保单号/);
      const first = await type(page, '张伟');
      expect(first).not.toMatch(/什么时候发生|什么地点|是否有人受伤/);
      const aside = await type(page, '理赔需要什么材料？');
      expect(aside).toMatch(/驾驶证|行驶证/);
      expect(aside).toMatch(/回到刚才/);
      // Answer whatever is still open until the read-back.
      let reply = aside;
      for (let i = 0; i < 6 && !/请核对报案信息/.test(reply); i++) {
        if (/交警|报警/.test(reply)) reply = await type(page, '已经报警了');
        else if (/照片/.test(reply)) reply = await type(page, '好了');
        else if (/回拨|号码/.test(reply)) reply = await type(page, '就这个号');
        else reply = await type(page, '是');
      }
      expect(reply).toMatch(/请核对报案信息/);
      expect(reply).toMatch(/延安高架/);
      const corrected = await type(page, '不对 时间说错了 是上周五下午三点半');
      expect(corrected).toMatch(/更正/);
      expect(corrected).toMatch(/2026-11-27 15:30/);
      const done = await type(page, '嗯 对');
      expect(done).toMatch(/BA\d{14}/);
      const claim = await app.db.claim.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
      expect(claim.incidentAt?.toISOString()).toBe('2026-11-27T07:30:00.000Z');
      expect(claim.place).toMatch(/延安高架/);
    } finally {
      await browser.close();
    }
  });

  it('cancels a claim at a free-text step in everyday words; nothing is stored', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(url);
      const claims = await app.db.claim.count();
      await type(page, '我要报案');
      await type(page, '13800138000 1231');
      await type(page, '车险 昨天下午三点');
      const cancelled = await type(page, '我不想报了');
      expect(cancelled).toMatch(/已取消/);
      expect(await app.db.claim.count()).toBe(claims);
      expect(await type(page, '你好')).toMatch(/我可以帮您/);
    } finally {
      await browser.close();
    }
  });
});
