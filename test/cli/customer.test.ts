import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoData, seedDemo } from '../../prisma/seed/index.ts';
import { renderCustomerView } from '../../src/cli/customer.ts';
import { renderTranscript } from '../../src/cli/transcript.ts';
import { createTestDb, type TestDb } from '../../src/db/test-db.ts';
import { getCustomerView, getTranscript, parseLookupKey } from '../../src/domain/customer-view.ts';

const SECRET = 'test-secret-0123456789';
const NOW = new Date('2026-11-29T04:00:00Z');
const ZW_ID = buildDemoData({ secret: SECRET, now: NOW, customers: 5 }).idNumbers.get('C000001')!;

// One seeded database for these read-only tests.
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { secret: SECRET, now: NOW, customers: 40 });
});
afterAll(async () => {
  await t.cleanup();
});

describe('the single customer view', () => {
  it('reads phone numbers, policy numbers, ID numbers and customer codes', () => {
    expect(parseLookupKey('+86 138-0013-8000')).toEqual({ by: 'phone', value: '13800138000' });
    expect(parseLookupKey('lf2024000001')).toEqual({ by: 'policy', value: 'LF2024000001' });
    expect(parseLookupKey(ZW_ID.toLowerCase())).toEqual({ by: 'idNumber', value: ZW_ID });
    expect(parseLookupKey('C000001')).toEqual({ by: 'code', value: 'C000001' });
  });

  it('finds the same customer by phone, policy number, ID number and code', async () => {
    const ids = await Promise.all(['13800138000', 'LF2024000001', ZW_ID, 'C000001'].map(async (k) => (await getCustomerView(t.db, k, { secret: SECRET })).customer.id));
    expect(new Set(ids).size).toBe(1);
  });

  it('shows profile, policies with payments, claims, interactions and conversations, all masked', async () => {
    const v = await getCustomerView(t.db, '13800138000');
    expect(v.customer).toMatchObject({ code: 'C000001', name: '张*', phone: '138****8000', idNumber: '310104********1231', birthday: '03-07', vipTier: 'gold' });
    expect(v.customer.address).toMatch(/^上海市徐汇区\*\*\*$/);
    const life = v.policies.find((p) => p.number === 'LF2024000001')!;
    expect(life).toMatchObject({ product: '安心终身寿险', role: 'holder+insured', status: 'active', premium: '12000.00', agent: { code: 'A0001', status: 'active' } });
    expect(life.payments.map((p) => p.status)).toContain('paid');
    expect(v.claims[0]).toMatchObject({ policyNumber: expect.stringMatching(/^AU/), status: 'in_review' });
    expect(v.interactions.map((i) => i.kind)).toEqual(expect.arrayContaining(['purchase', 'claim_report']));
    expect(v.conversations).toEqual([expect.objectContaining({ channel: 'web', messages: 7 })]);

    for (const text of [renderCustomerView('en', v), renderCustomerView('zh', v), JSON.stringify(v)]) {
      expect(text).toContain('138****8000');
      expect(text).toContain('310104********1231');
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain(ZW_ID);
      expect(text).not.toContain('张伟');
    }
    expect(renderCustomerView('en', v)).toMatch(/Policies \(\d+\)\n\s+NUMBER\s+PRODUCT/);
  });

  it('says which customer is missing, masking the key; lists the candidates when a phone is shared', async () => {
    await expect(getCustomerView(t.db, '13800000000')).rejects.toMatchObject({ code: 'customer_not_found', details: { by: 'phone', key: '138****0000' } });
    await expect(getCustomerView(t.db, 'LF2099000001')).rejects.toMatchObject({ code: 'customer_not_found', details: { by: 'policy' } });
    await t.db.customer.create({ data: { name: '张小伟', code: 'C999999', phone: '13800138000' } });
    await expect(getCustomerView(t.db, '13800138000')).rejects.toMatchObject({
      code: 'customer_ambiguous',
      details: { matches: [expect.objectContaining({ name: '张*', code: 'C000001' }), expect.objectContaining({ name: '张**', code: 'C999999' })] },
    });
    await t.db.customer.delete({ where: { code: 'C999999' } });
  });

  it('renders a transcript in order with staff notes marked', async () => {
    const v = await getCustomerView(t.db, 'C000001');
    const tr = (await getTranscript(t.db, v.conversations[0].id))!;
    expect(tr.messages.map((m) => m.direction)).toEqual(['in', 'out', 'in', 'out', 'note', 'out', 'in']);
    const text = renderTranscript('en', tr);
    expect(text).toMatch(/customer 张\* \(C000001\)/);
    expect(text).toMatch(/note {2}staff:U0DEMO01 {2}\[internal\]\n {4}\[staff note\] /);
    expect(text.indexOf('车险案子')).toBeLessThan(text.indexOf('谢谢'));
    expect(await getTranscript(t.db, 'no-such-conversation')).toBeNull();
  });
});
