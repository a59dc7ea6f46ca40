import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, warnIfNoChromium } from '../helpers/browser.ts';
import { createTestApp } from '../helpers/app.ts';

warnIfNoChromium('chat-browser');

describe.skipIf(!hasChromium)('chat page in headless Chromium (needs the Debian package "chromium")', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp();
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => app.cleanup());

  it('a person types a message and sees the reply, and can switch to English', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(url);
      await expect.poll(() => page.textContent('header h1')).toBe('安心客服');
      await page.fill('#text', '你好');
      await page.click('#send');
      await page.waitForSelector('.msg.me');
      await page.waitForFunction(() => document.querySelectorAll('.msg.bot').length >= 2);
      const bot = await page.$$eval('.msg.bot', (els) => els.map((e) => e.textContent ?? ''));
      expect(bot.at(-1)!.length).toBeGreaterThan(5);
      const stored = await app.db.message.count({ where: { direction: 'in', text: '你好' } });
      expect(stored).toBe(1);
      await page.click('#switch');
      await expect.poll(() => page.textContent('header h1')).toBe('Anxin Customer Service');
    } finally {
      await browser.close();
    }
  });
});
