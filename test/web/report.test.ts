import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { INTENTS } from '../../src/core/nlu/types.ts';
import { reportRoutes } from '../../src/web/report/routes.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { scriptedChat } from '../helpers/script.ts';

describe('staff report with charts', () => {
  let app: TestApp;
  beforeAll(async () => {
    const clock = fixedClock('2026-11-30T02:00:00Z');
    app = await createTestApp({ clock, routes: [reportRoutes(() => app)] });
    await seedDemo(app.db, { secret: app.config.ANXIN_ID_SECRET, now: clock.now() });
    const chat = await scriptedChat({ app, user: 'report-user' });
    await chat.send('我要报案');
    await chat.send('转人工');
    await chat.send('举报业务员挪用保费');
  });
  afterAll(async () => app.cleanup());

  it('renders SVG charts of messages, intents, open escalations and job runs — counts only, no personal data', async () => {
    const r = await app.server.inject({ url: '/staff/report', remoteAddress: '127.0.0.1' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect((r.body.match(/<svg/g) ?? []).length).toBe(4);
    expect(r.body).toContain('客户诉求分布');
    expect(r.body).toContain('报案');
    expect(r.body).not.toMatch(/1[3-9]\d{9}/);
    expect(r.body).not.toContain('compliance');
    const en = await app.server.inject({ url: '/staff/report?lang=en', remoteAddress: '127.0.0.1' });
    expect(en.body).toContain('What customers asked for');
  });

  it('only ever stores intents from the fixed contract (seeded and live messages alike)', async () => {
    const rows = await app.db.message.findMany({ where: { intent: { not: null } }, select: { intent: true }, distinct: ['intent'] });
    for (const r of rows) expect(INTENTS).toContain(r.intent);
  });

  it('is served to this machine only', async () => {
    const r = await app.server.inject({ url: '/staff/report', remoteAddress: '203.0.113.9' });
    expect(r.statusCode).toBe(403);
  });
});
