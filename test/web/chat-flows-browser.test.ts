import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { hasChromium, launchChromium, warnIfNoChromium } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

warnIfNoChromium('chat-flows-browser');

/** What a newcomer does after `npm start`: report a claim with a photo and file a complaint, in the browser chat. */
describe.skipIf(!hasChromium)('claim and complaint in the browser chat (needs the Debian package "chromium")', () => {
  let app: TestApp;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'anxin-browser-flows-'));
    const clock = fixedClock('2026-11-30T02:00:00Z');
    app = await createTestApp({ clock, env: { ANXIN_ATTACHMENT_DIR: path.join(dir, 'attachments') } });
    await seedDemo(app.db, { secret: app.config.ANXIN_ID_SECRET, now: clock.now() });
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Types a message, then waits for the bot to answer it. */
  async function type(page: Page, text: string): Promise<string> {
    const before = await page.locator('.msg.bot').count();
    await page.fill('#text', text);
    await page.click('#send');
    await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
    return (await page.locator('.msg.bot').last().textContent()) ?? '';
  }

  async function click(page: Page, label: RegExp): Promise<void> {
    const before = await page.locator('.msg.bot').count();
    await page.locator('.choices button', { hasText: label }).last().click();
    await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
  }

  it('reports a motor claim with a photo and gets a report number', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(url);
      await type(page, '我要报案');
      await type(page, '13800138000 1231');
      await click(page, /沪A12345/);
      await type(page, '昨天下午三点');
      await type(page, '上海市浦东新区世纪大道100号');
      await type(page, '等红灯时被后车追尾，后保险杠凹陷');
      await click(page, /没有人受伤/);
      await type(page, '对方车牌沪B54321');
      await click(page, /已报警/);
      const photo = path.join(dir, 'rear.jpg');
      writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]));
      const before = await page.locator('.msg.bot').count();
      await page.setInputFiles('#photo', photo);
      await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
      await click(page, /完成/);
      await click(page, /^是$/);
      await click(page, /^是$/);
      const log = (await page.locator('#log').textContent()) ?? '';
      expect(log).toMatch(/报案号是 BA\d{14}/);
      const claim = await app.db.claim.findFirstOrThrow({ include: { attachments: true }, orderBy: { createdAt: 'desc' } });
      expect(claim.attachments).toHaveLength(1);
      expect(readdirSync(path.join(dir, 'attachments'), { recursive: true }).length).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });

  it('files a complaint by clicking the offered choices and gets its number and dates', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(url);
      await type(page, '我要投诉');
      await click(page, /消费者本人/);
      await type(page, '刘洋');
      await type(page, '13912345678');
      await type(page, '业务员A0003');
      await type(page, '退还全部保费');
      await type(page, '2024年买的分红险，业务员承诺随时退保不损失，现在退保只退了一半');
      await click(page, /没有/);
      await click(page, /^是$/);
      const log = (await page.locator('#log').textContent()) ?? '';
      expect(log).toMatch(/投诉编号：TS\d{14}/);
      expect(log).toMatch(/前告知您是否受理/);
      expect(await app.db.complaint.count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });
});
