import type { Db } from '../../../src/db/client.ts';
import { hashIdNumber } from '../../../src/domain/pii.ts';

/** Test data for claim and inquiry dialogs: two customers, their policies and an agent who left. */
export const ZHANG = { name: '张伟', phone: '13812345678', id: '110101199003074514' };
export const LI = { name: '李娜', phone: '13987654321', id: '110101198506061227' };
const SECRET = 'anxin-demo-secret-change-me';

export async function seedCustomers(db: Db) {
  const agent = await db.agent.create({ data: { code: 'A001', name: '王芳', phone: '13700001111', status: 'active' } });
  const gone = await db.agent.create({ data: { code: 'A002', name: '赵强', phone: '13700002222', status: 'left', leftAt: new Date('2026-10-01T00:00:00Z') } });
  const zhang = await db.customer.create({
    data: { name: ZHANG.name, phone: ZHANG.phone, idHash: hashIdNumber(ZHANG.id, SECRET), idMasked: '110101********4514' },
  });
  const li = await db.customer.create({
    data: { name: LI.name, phone: LI.phone, idHash: hashIdNumber(LI.id, SECRET), idMasked: '110101********1227' },
  });
  const auto = await db.policy.create({
    data: {
      number: 'AU2024000001', product: '安心家用车综合险', line: 'auto', holderId: zhang.id, insuredId: zhang.id, status: 'active',
      effectiveDate: new Date('2026-03-01T00:00:00+08:00'), expiryDate: new Date('2027-02-28T00:00:00+08:00'),
      premium: 3200, sumInsured: 200000, paymentFrequency: 'annual', plate: '京A12345', agentId: agent.id,
    },
  });
  const health = await db.policy.create({
    data: {
      number: 'HL2024000002', product: '安心百万医疗险', line: 'health', holderId: zhang.id, insuredId: zhang.id, status: 'active',
      effectiveDate: new Date('2026-01-15T00:00:00+08:00'), expiryDate: new Date('2027-01-14T00:00:00+08:00'),
      premium: 1200, sumInsured: 3000000, paymentFrequency: 'monthly', nextDueDate: new Date('2026-12-15T00:00:00+08:00'), agentId: gone.id,
    },
  });
  const property = await db.policy.create({
    data: {
      number: 'PR2024000003', product: '安心家财险', line: 'property', holderId: li.id, insuredId: li.id, status: 'active',
      effectiveDate: new Date('2026-05-01T00:00:00+08:00'), expiryDate: new Date('2027-04-30T00:00:00+08:00'),
      premium: 300, sumInsured: 500000, paymentFrequency: 'annual', agentId: agent.id,
    },
  });
  return { zhang, li, auto, health, property, agent, gone };
}

/** Links a channel identity to a customer, as a successful verification would. */
export async function linkIdentity(db: Db, user: string, customerId: string, channel = 'web') {
  return db.channelIdentity.upsert({
    where: { channel_externalUserId: { channel, externalUserId: user } },
    create: { channel, externalUserId: user, customerId, verifiedAt: new Date() },
    update: { customerId, verifiedAt: new Date() },
  });
}
