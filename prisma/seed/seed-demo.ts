import type { Db } from '../../src/db/client.ts';
import { buildDemoData, type DemoOptions } from './build-demo.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * Seeds the demo data set (see build-demo.ts and demo-identities.ts) in one transaction. Does nothing and returns
 * false when the database already has customers, so it is safe to call on every start.
 */
export async function seedDemo(db: Db, opts: DemoOptions): Promise<boolean> {
  return db.$transaction(
    async (tx: Tx) => {
      if (await tx.customer.findFirst({ select: { id: true } })) return false;
      const d = buildDemoData(opts);
      await tx.agent.createMany({ data: d.agents });
      await inChunks(d.customers, (data) => tx.customer.createMany({ data }));
      await inChunks(d.policies, (data) => tx.policy.createMany({ data }));
      await inChunks(d.payments, (data) => tx.payment.createMany({ data }));
      await tx.claim.createMany({ data: d.claims });
      await tx.complaint.createMany({ data: d.complaints });
      await tx.serviceRequest.createMany({ data: d.serviceRequests });
      await inChunks(d.interactions, (data) => tx.interaction.createMany({ data }));
      await tx.channelIdentity.createMany({ data: d.identities });
      await tx.conversation.createMany({ data: d.conversations });
      await tx.message.createMany({ data: d.messages });
      return true;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
