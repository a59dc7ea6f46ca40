import { afterEach, describe, expect, it } from 'vitest';
import { activePoliciesOf, checkPolicyOwner, parseOwnerProof, pickPolicy } from '../../../src/domain/claims/policy-lookup.ts';
import { claimDeps } from './deps.ts';
import { LI, seedCustomers, ZHANG } from './seed.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup() {
  const d = await claimDeps();
  cleanup = d.cleanup;
  const seed = await seedCustomers(d.db);
  const identity = await d.db.channelIdentity.create({ data: { channel: 'web', externalUserId: 'u1' } });
  return { d, seed, identity };
}

describe('which policy a claim is on', () => {
  it('lists a customer\'s active policies and picks one by number or plate', async () => {
    const { d, seed } = await setup();
    await d.db.policy.update({ where: { id: seed.health.id }, data: { status: 'lapsed' } });
    const list = await activePoliciesOf(d, seed.zhang);
    expect(list.map((p) => p.number)).toEqual(['AU2024000001']);
    expect(list[0]).toMatchObject({ customerId: seed.zhang.id, contactPhone: ZHANG.phone, plate: '京A12345' });
    expect(pickPolicy(list, { plate: '京a12345' })?.number).toBe('AU2024000001');
    expect(pickPolicy(list, { policyNumber: 'au2024000001' })?.number).toBe('AU2024000001');
    expect(pickPolicy(list, { policyNumber: 'PR2024000003' })).toBeUndefined();
  });

  it('accepts the holder\'s name or phone, and finds motor policies by plate', async () => {
    const { d, seed, identity } = await setup();
    const byName = await checkPolicyOwner(d, identity.id, { policyNumber: 'PR2024000003' }, { name: ' 李 娜 ' });
    expect(byName).toMatchObject({ ok: true, policy: { number: 'PR2024000003', customerId: seed.li.id, contactPhone: LI.phone } });
    const byPhone = await checkPolicyOwner(d, identity.id, { plate: '京A12345' }, { phone: '+86 138 1234 5678' });
    expect(byPhone).toMatchObject({ ok: true, policy: { number: 'AU2024000001' } });
  });

  it('answers an unknown policy exactly like a wrong name, and locks after three failures for 30 minutes', async () => {
    const { d, identity } = await setup();
    const wrong = await checkPolicyOwner(d, identity.id, { policyNumber: 'PR2024000003' }, { name: '王五' });
    const unknown = await checkPolicyOwner(d, identity.id, { policyNumber: 'PR2099999999' }, { name: '李娜' });
    expect(wrong).toEqual({ ok: false, reason: 'mismatch', remaining: 2 });
    expect(unknown).toEqual({ ok: false, reason: 'mismatch', remaining: 1 });
    const locked = await checkPolicyOwner(d, identity.id, { policyNumber: 'PR2024000003' }, { phone: '13800000000' });
    expect(locked).toEqual({ ok: false, reason: 'locked', lockedUntil: new Date('2026-11-30T02:30:00Z') });
    expect((await checkPolicyOwner(d, identity.id, { policyNumber: 'PR2024000003' }, { name: '李娜' })).ok).toBe(false);
    d.clock.advance(31 * 60_000);
    expect((await checkPolicyOwner(d, identity.id, { policyNumber: 'PR2024000003' }, { name: '李娜' })).ok).toBe(true);
  });

  it('reads a name or a phone out of an answer', () => {
    expect(parseOwnerProof('投保人是张伟')).toEqual({ name: '张伟' });
    expect(parseOwnerProof('my name is Li Lei')).toEqual({ name: 'Li Lei' });
    expect(parseOwnerProof('13812345678', '13812345678')).toEqual({ phone: '13812345678' });
    expect(parseOwnerProof('不知道啊我也不清楚是谁的')).toBeNull();
    expect(parseOwnerProof('yes')).toBeNull();
  });
});
