import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoData, DEMO_IDENTITIES, seedDemo } from '../../prisma/seed/index.ts';
import { createTestDb, type TestDb } from '../../src/db/test-db.ts';
import { checkIdNumber } from '../../src/domain/import/id-number.ts';
import { LINES, POLICY_NUMBER_RE } from '../../src/domain/numbers.ts';

const SECRET = 'test-secret-0123456789';
const NOW = new Date('2026-11-29T04:00:00Z');

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('demo seed', () => {
  it('seeds once; seeding a database that has customers does nothing', async () => {
    expect(await seedDemo(t.db, { secret: SECRET, now: NOW })).toBe(true);
    const counts = async () => Promise.all([t.db.customer.count(), t.db.agent.count(), t.db.policy.count(), t.db.payment.count(), t.db.message.count()]);
    const first = await counts();
    expect(first[0]).toBe(300);
    expect(first[1]).toBe(20);
    expect(first[2]).toBeGreaterThan(400);
    expect(await seedDemo(t.db, { secret: SECRET, now: NOW })).toBe(false);
    expect(await counts()).toEqual(first);
  });

  it('leaves a database with imported customers alone', async () => {
    await t.db.customer.create({ data: { name: '已有客户', code: 'X1' } });
    expect(await seedDemo(t.db, { secret: SECRET, now: NOW })).toBe(false);
    expect(await t.db.policy.count()).toBe(0);
  });

  it('is deterministic and realistic: valid IDs and phones, all six lines, lapsed policies, agents who left', () => {
    const a = buildDemoData({ secret: SECRET, now: NOW });
    const b = buildDemoData({ secret: SECRET, now: NOW });
    expect(JSON.stringify(b.policies)).toBe(JSON.stringify(a.policies));
    expect(JSON.stringify(b.customers)).toBe(JSON.stringify(a.customers));
    for (const id of a.idNumbers.values()) expect(checkIdNumber(id, '2026-11-29')).toBeNull();
    for (const c of a.customers) expect(c.phone).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(a.customers.map((c) => c.phone)).size).toBe(a.customers.length);
    expect(new Set(a.policies.map((p) => p.line))).toEqual(new Set(LINES));
    for (const p of a.policies) expect(p.number).toMatch(new RegExp(`^${POLICY_NUMBER_RE.source.replace(/\\b/g, '')}$`));
    const statuses = new Set(a.policies.map((p) => p.status));
    for (const s of ['active', 'lapsed', 'expired']) expect(statuses).toContain(s);
    const left = new Set(a.agents.filter((x) => x.status === 'left').map((x) => x.id));
    expect(left.size).toBeGreaterThanOrEqual(3);
    expect(a.policies.filter((p) => left.has(p.agentId!)).length).toBeGreaterThan(10);
    expect(a.policies.filter((p) => p.coolingOffEnd && (p.coolingOffEnd as Date) > NOW).length).toBeGreaterThanOrEqual(2);
    expect(a.customers.filter((c) => c.language === 'en').length).toBeGreaterThan(5);
    expect(a.customers.filter((c) => c.lunarBirthday).length).toBeGreaterThan(10);
    expect(a.customers.filter((c) => !c.greetingConsent).length).toBeGreaterThan(3);
    expect(a.payments.some((p) => p.status === 'overdue')).toBe(true);
    expect(a.claims.length && a.complaints.length && a.serviceRequests.length && a.interactions.length).toBeTruthy();
    expect(a.messages.some((m) => m.direction === 'note')).toBe(true);
  });

  it('contains the documented demo identities and policies', async () => {
    await seedDemo(t.db, { secret: SECRET, now: NOW });
    for (const d of DEMO_IDENTITIES) {
      const c = await t.db.customer.findFirstOrThrow({ where: { phone: d.phone } });
      expect([c.code, c.name, c.language, c.greetingConsent, c.lunarBirthday]).toEqual([d.code, d.name, d.language, d.greetingConsent, d.lunarBirthday]);
    }
    const zw = await t.db.customer.findUniqueOrThrow({ where: { code: 'C000001' } });
    expect(zw.idMasked).toBe('310104********1231');
    const life = await t.db.policy.findUniqueOrThrow({ where: { number: 'LF2024000001' }, include: { agent: true } });
    expect([life.holderId, life.status, life.agent?.code]).toEqual([zw.id, 'active', 'A0001']);
    const lapsed = await t.db.policy.findUniqueOrThrow({ where: { number: 'LF2021000003' }, include: { agent: true } });
    expect([lapsed.status, lapsed.agent?.status]).toEqual(['lapsed', 'left']);
    const newHealth = await t.db.policy.findFirstOrThrow({ where: { holder: { code: 'C000002' }, product: '安心重大疾病保险' } });
    expect(newHealth.coolingOffEnd!.getTime()).toBeGreaterThan(NOW.getTime());
  });
});
