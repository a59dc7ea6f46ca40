import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoutes } from '../../src/web/staff/routes.ts';
import { hasChromium, launchChromium, warnIfNoChromium } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { scriptedChat } from '../helpers/script.ts';

warnIfNoChromium('staff-browser');

describe.skipIf(!hasChromium)('staff page in headless Chromium (needs the Debian package "chromium")', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp({ routes: [staffRoutes(() => app)] });
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => app.cleanup());

  it('a staff member opens /staff, takes a handoff, replies and resolves it; the bot then answers again', async () => {
    const chat = await scriptedChat({ app, user: 'browser-customer' });
    await chat.send('我的电话是13812345678');
    await chat.send('转人工');
    const escalation = await app.db.escalation.findFirstOrThrow();

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(`${url}/staff`);
      await expect.poll(() => page.textContent('header h1')).toBe('安心 · 员工工作台');
      expect(await page.textContent('#notice')).toContain('暂无登录');
      await page.fill('#actor', '王芳');
      await page.click(`.item[data-id="${escalation.id}"]`);
      await page.waitForSelector('#transcript');
      const transcript = await page.textContent('#transcript');
      expect(transcript).toContain('138****5678');
      expect(transcript).not.toContain('13812345678');

      await page.click('#take');
      await expect.poll(async () => (await app.db.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).status).toBe('taken');
      await expect.poll(() => page.isDisabled('#take')).toBe(true);

      await page.fill('#text', '您好，我是王芳，马上为您处理。');
      await page.click('#reply');
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.line.out')).some((e) => e.textContent?.includes('我是王芳')));
      const sent = await app.db.message.findFirstOrThrow({ where: { text: '您好，我是王芳，马上为您处理。' } });
      expect(sent).toMatchObject({ direction: 'out', author: 'staff:王芳', status: 'sent' });

      await page.click('#resolve');
      await expect.poll(async () => (await app.db.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).status).toBe('resolved');
      await page.waitForSelector('.empty');
      const r = await chat.send('你好');
      expect(r.silent).toBe(false);

      await page.click('#tab-compliance');
      await expect.poll(() => page.textContent('#list')).toContain('没有待处理的事项');
    } finally {
      await browser.close();
    }
  });
});
