import type { Db } from '../../../src/db/client.ts';
import { hashIdNumber } from '../../../src/domain/pii.ts';

/** Customers and policies for the complaint, policy-service and whistleblowing dialogs. */
export const WANG = { name: '王磊', phone: '13800138000', id: '110101199003077777', last4: '7777' };
export const CHEN = { name: '陈静', phone: '13700137000', id: '110101198802028888', last4: '8888' };
const SECRET = 'anxin-demo-secret-change-me';

export async function seedPeople(db: Db) {
  const wang = await db.customer.create({
    data: { name: WANG.name, phone: WANG.phone, idHash: hashIdNumber(WANG.id, SECRET), idMasked: `110101********${WANG.last4}` },
  });
  const chen = await db.customer.create({
    data: { name: CHEN.name, phone: CHEN.phone, idHash: hashIdNumber(CHEN.id, SECRET), idMasked: `110101********${CHEN.last4}`, language: 'en' },
  });
  const life = await db.policy.create({
    data: {
      number: 'LF2024000101', product: '安心终身寿险', line: 'life', holderId: wang.id, insuredId: wang.id, status: 'active',
      effectiveDate: new Date('2024-03-01T00:00:00+08:00'), coolingOffEnd: new Date('2024-03-16T00:00:00+08:00'), premium: 12000, paymentFrequency: 'annual',
    },
  });
  const annuity = await db.policy.create({
    data: {
      number: 'LF2026000102', product: '安心年金险', line: 'life', holderId: chen.id, insuredId: chen.id, status: 'active',
      effectiveDate: new Date('2026-11-20T00:00:00+08:00'), coolingOffEnd: new Date('2026-12-05T00:00:00+08:00'), premium: 20000, paymentFrequency: 'annual',
    },
  });
  const health = await db.policy.create({
    data: {
      number: 'HL2025000103', product: '安心百万医疗险', line: 'health', holderId: chen.id, insuredId: chen.id, status: 'active',
      effectiveDate: new Date('2025-06-01T00:00:00+08:00'), premium: 800, paymentFrequency: 'monthly',
    },
  });
  return { wang, chen, life, annuity, health };
}

/** Links a channel identity to a customer, as a successful verification would. */
export async function link(db: Db, user: string, customerId: string, channel = 'web') {
  return db.channelIdentity.upsert({
    where: { channel_externalUserId: { channel, externalUserId: user } },
    create: { channel, externalUserId: user, customerId, verifiedAt: new Date() },
    update: { customerId, verifiedAt: new Date() },
  });
}
