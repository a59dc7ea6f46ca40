import type { Db } from '../../../src/db/client.ts';

/** A verified customer 张三丰 with one policy, linked to the web chat visitor `user`. */
export async function linkCustomer(db: Db, user: string, opts: { name?: string; phone?: string; policy?: string } = {}) {
  const customer = await db.customer.create({
    data: { name: opts.name ?? '张三丰', phone: opts.phone ?? '13812345678', idMasked: '110101********1234', code: `C-${user}` },
  });
  const policy = await db.policy.create({
    data: { number: opts.policy ?? 'LF2026000001', product: '安心终身寿险', line: 'life', holderId: customer.id, insuredId: customer.id, effectiveDate: new Date('2025-01-01T00:00:00Z'), premium: 3600 },
  });
  const identity = await db.channelIdentity.update({
    where: { channel_externalUserId: { channel: 'web', externalUserId: user } },
    data: { customerId: customer.id, verifiedAt: new Date() },
  });
  await db.conversation.update({ where: { identityId: identity.id }, data: { customerId: customer.id } });
  return { customer, policy };
}
