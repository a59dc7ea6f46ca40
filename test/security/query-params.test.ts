import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoutes } from '../../src/web/staff/routes.ts';
import { createTestApp } from '../helpers/app.ts';

/** Issue 12, finding 8: `?userId=a&userId=b` reached the database as an array and answered 500. */
describe('repeated query parameters', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp({ routes: [staffRoutes(() => app)] });
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => app.cleanup());

  it('answers 400 naming the parameter, on the chat API and the staff API', async () => {
    for (const path of ['/api/chat/messages?userId=a&userId=b', '/api/chat/messages?userId=a&after=x&after=y', '/api/staff/escalations?tab=compliance&tab=x']) {
      const r = await fetch(url + path);
      expect(r.status, path).toBe(400);
      expect((await r.json()).error).toMatch(/is repeated/);
    }
  });

  it('still answers single parameters as before', async () => {
    const r = await fetch(`${url}/api/chat/messages?userId=nobody`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ owner: 'bot', messages: [] });
  });
});
