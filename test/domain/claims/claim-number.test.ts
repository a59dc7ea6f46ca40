import { afterEach, describe, expect, it } from 'vitest';
import { withClaimNumber } from '../../../src/domain/claims/claim-number.ts';
import { claimDeps } from './deps.ts';
import { seedCustomers } from './seed.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('claim report numbers', () => {
  it('numbers reports BA + Shanghai date + 6 digits, sequentially, and retries past a taken number', async () => {
    const d = await claimDeps();
    cleanup = d.cleanup;
    const seed = await seedCustomers(d.db);
    const make = (number: string) => d.db.claim.create({ data: { number, policyId: seed.auto.id, customerId: seed.zhang.id, line: 'auto', description: 'x' } });
    // 2026-11-30 16:30 UTC is already 12-01 in Shanghai.
    const late = new Date('2026-11-30T16:30:00Z');
    const first = await withClaimNumber(d.db, late, make);
    expect(first.number).toBe('BA20261201000001');
    expect((await withClaimNumber(d.db, late, make)).number).toBe('BA20261201000002');
    // A number taken out of order (a race, or staff typing one in): the count-based guess collides and is retried.
    await make('BA20261201000004');
    const tried: string[] = [];
    const fourth = await withClaimNumber(d.db, late, (n) => (tried.push(n), make(n)));
    expect(tried[0]).toBe('BA20261201000004');
    expect(tried.length).toBeGreaterThan(1);
    expect(fourth.number).toMatch(/^BA20261201\d{6}$/);
    expect(await d.db.claim.count()).toBe(4);
  });

  it('passes other database errors through', async () => {
    const d = await claimDeps();
    cleanup = d.cleanup;
    await expect(withClaimNumber(d.db, d.clock.now(), async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
  });
});
