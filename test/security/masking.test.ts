import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import { maskAddress, maskText } from '../../src/domain/pii.ts';
import type { RouteModule } from '../../src/web/server.ts';
import { staffRoutes } from '../../src/web/staff/routes.ts';
import { slackWorld, type SlackWorld } from '../adapters/slack/world.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { scriptedChat } from '../helpers/script.ts';

/**
 * Issue 12 finding 2: personal data written in common formats (spaces, dashes, +86, full-width digits, spaced ID
 * numbers, 19-digit UnionPay cards, e-mail, street addresses) reached the staff page and Slack in clear, and an
 * error path logged the request URL and a database error with the values. One masking function now covers them all.
 */

const MASKED: Array<[string, string]> = [
  ['13912345678', '139****5678'],
  ['139 1234 5678', '139****5678'],
  ['139-1234-5678', '139****5678'],
  ['139 - 1234 - 5678', '139****5678'],
  ['+86 139 1234 5678', '139****5678'],
  ['+86-139-1234-5678', '139****5678'],
  ['0086 13912345678', '139****5678'],
  ['(+86)13912345678', '139****5678'],
  ['１３９１２３４５６７８', '139****5678'],
  ['＋８６ １３９　１２３４　５６７８', '139****5678'],
  ['手机13912345678谢谢', '手机139****5678谢谢'],
  ['310104198503071231', '310104********1231'],
  ['310104 19850307 1231', '310104********1231'],
  ['310104-1985-0307-1231', '310104********1231'],
  ['31010419850307123x', '310104********123X'],
  ['３１０１０４１９８５０３０７１２３１', '310104********1231'],
  ['6222021234567890', '6222 **** **** 7890'],
  ['6222 0212 3456 7890', '6222 **** **** 7890'],
  ['6222-0212-3456-7890', '6222 **** **** 7890'],
  ['6222 0212 3456 7890 123', '6222 **** **** 0123'],
  ['6222021234567890123', '6222 **** **** 0123'],
  ['zhang.san@example.com', 'z***@example.com'],
  ['邮箱：li_lei+ins@mail.qq.com。', '邮箱：l***@mail.qq.com。'],
  ['上海市浦东新区世纪大道100号3号楼1202室', '上海市浦东新区***'],
  ['我住在上海市浦东新区世纪大道100号3号楼1202室，想改地址', '我住在上海市浦东新区***，想改地址'],
  ['北京市朝阳区建国路88号', '北京市朝阳区***'],
  ['广东省深圳市南山区科技园路1号2栋301', '广东省深圳市南山区***'],
  ['浦东新区阳光小区3号楼1202室', '浦东新区***'],
  ['010-12345678', '010-****5678'],
  ['Room 12, 100 Century Avenue', 'Room 12, ***'],
];

/** Policy and claim numbers, amounts, dates and already masked values must stay as they are. */
const KEPT = [
  '保单LF2026000123',
  '报案号BA20261129000123',
  '投诉编号TS20261130000001，举报编号JB20261130000001',
  '金额5000元，另付12,000.50元',
  '2026-11-29',
  '2026年11月3号下午3点',
  '138****5678 / 110101********1234 / 6222 **** **** 0123 / 上海市浦东新区***',
  '事故发生在世纪大道上',
  'conversation cmabc1234567890123456xyz',
];

describe('maskText: one masking function for every format', () => {
  it.each(MASKED)('%s → %s', (input, expected) => {
    expect(maskText(input)).toBe(expected);
  });
  it.each(KEPT.map((k) => [k]))('keeps %s', (text) => {
    expect(maskText(text)).toBe(text);
  });
  it('is idempotent and masks a stored address down to its district', () => {
    for (const [input] of MASKED) expect(maskText(maskText(input))).toBe(maskText(input));
    expect(maskAddress('上海市浦东新区世纪大道100号3号楼1202室')).toBe('上海市浦东新区***');
    expect(maskAddress('上海市徐汇区某小区')).toBe('上海市徐汇区***');
  });
});

/** One customer message with everything at once, and what of it must never reach staff. */
const LEAK =
  '我的电话139 1234 5678，备用+86 139-8765-4321，全角１３７１２３４５６７８，身份证310104 19850307 1231，卡号6222 0212 3456 7890 123，' +
  '邮箱zhang.san@example.com，住上海市浦东新区世纪大道100号3号楼1202室。保单LF2026000001，报案号BA20261129000123，金额5000元';
const SECRETS = ['1234 5678', '13912345678', '8765-4321', '１２３４５６７８', '19850307', '0212 3456', '3456 7890', 'zhang.san', '世纪大道', '1202室'];
const MASKED_FORMS = ['139****5678', '139****4321', '137****5678', '310104********1231', '6222 **** **** 0123', 'z***@example.com', '上海市浦东新区***'];
const KEPT_FORMS = ['LF2026000001', 'BA20261129000123', '5000元'];

function expectMasked(text: string) {
  for (const s of SECRETS) expect(text, `leaks ${s}`).not.toContain(s);
}

describe('Slack card and thread', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld();
  });
  afterAll(async () => w.cleanup());

  it('the card shows every format masked and keeps policy, claim numbers and amounts', async () => {
    await w.chat.send(LEAK);
    await w.chat.send('转人工');
    await w.settle();
    const cards = w.fake.of('chat.postMessage').filter((c) => !c.params.thread_ts);
    expect(cards).toHaveLength(1);
    const card = JSON.stringify(cards[0].params.blocks);
    expectMasked(card);
    for (const m of [...MASKED_FORMS, ...KEPT_FORMS]) expect(card).toContain(m);
  });

  it("the customer's next message is mirrored into the thread masked", async () => {
    const e = await w.app.db.escalation.findFirstOrThrow();
    await w.chat.send(`还在吗？${LEAK}`);
    await w.settle();
    const mirrored = w.fake.of('chat.postMessage').find((c) => c.params.thread_ts === e.cardTs && String(c.params.text).includes('还在吗'));
    expect(mirrored).toBeDefined();
    expectMasked(String(mirrored!.params.text));
    for (const m of MASKED_FORMS) expect(String(mirrored!.params.text)).toContain(m);
  });
});

describe('staff page (real HTTP)', () => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    app = await createTestApp({ routes: [staffRoutes(() => app)] });
    const chat = await scriptedChat({ app });
    await chat.send(LEAK);
    await chat.send('转人工');
    base = await app.server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => app.cleanup());

  it('the queue and the escalation show every format masked', async () => {
    const list = await (await fetch(`${base}/api/staff/escalations`)).text();
    expectMasked(list);
    const id = JSON.parse(list).items[0].id as string;
    const detail = await (await fetch(`${base}/api/staff/escalations/${id}`)).text();
    expectMasked(detail);
    for (const m of [...MASKED_FORMS, ...KEPT_FORMS]) expect(detail).toContain(m);
  });
});

describe('the HTTP error path', () => {
  it('a failed database write logs the route and the reason, never the query string nor the values', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // A handler whose database write fails: Prisma's error text quotes the whole query with its values.
    const failing: RouteModule = (server) => {
      server.get('/api/test/customers/:phone', async (req) => {
        const { phone } = req.params as { phone: string };
        return app.db.customer.create({ data: { name: '张三丰', phone, address: '上海市浦东新区世纪大道100号3号楼1202室', nickname: 'x' } as never });
      });
    };
    const app: TestApp = await createTestApp({ logger: createLogger('info', sink), routes: [failing] });
    try {
      const base = await app.server.listen({ port: 0, host: '127.0.0.1' });
      const r = await fetch(`${base}/api/test/customers/13912345678?email=zhang.san@example.com&id=310104198503071231`);
      expect(r.status).toBe(500);
      expect(await r.text()).not.toContain('13912345678');
      const log = lines.join('');
      const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
      expect(failed).toMatchObject({ route: '/api/test/customers/:phone', method: 'GET', err: { type: 'PrismaClientValidationError' } });
      for (const s of ['13912345678', '张三丰', '世纪大道', 'zhang.san', '310104198503071231', 'email=']) expect(log, `log leaks ${s}`).not.toContain(s);
    } finally {
      await app.cleanup();
    }
  });
});
