import type { Prisma } from '../../generated/sqlite/client.ts';
import type { Complaint } from '../../generated/sqlite/client.ts';
import { t } from '../../i18n/index.ts';
import { raiseEscalation } from '../escalations.ts';
import { maskName, maskPhone, maskText } from '../pii.ts';
import type { ComplaintDeps } from './types.ts';

/** Deadlines of a complaint as ISO strings, the form escalation cards carry. */
export function deadlinesOf(c: Pick<Complaint, 'supplyDeadline' | 'acceptanceDeadline' | 'decisionDeadline'>): Record<string, string> {
  const out: Record<string, string> = { acceptance: c.acceptanceDeadline.toISOString() };
  if (c.supplyDeadline) out.supply = c.supplyDeadline.toISOString();
  if (c.decisionDeadline) out.decision = c.decisionDeadline.toISOString();
  return out;
}

/** The staff card text: masked complainant, category, subject, request and facts (staff language: zh-CN). */
export function staffSummary(c: Complaint): string {
  return t('zh', 'complaint:staff.summary', {
    number: c.number,
    category: t('zh', `complaint:category.${c.category}`),
    name: maskName(c.complainantName),
    role: t('zh', `complaint:role.${c.complainantRole}`),
    phone: maskPhone(c.complainantPhone) || '-',
    subject: maskText(c.subject),
    policy: c.policyNumber ?? '-',
    request: maskText(c.request).slice(0, 300),
    facts: maskText(c.facts).slice(0, 600),
    materials: t('zh', c.materialsComplete ? 'complaint:staff.materialsComplete' : 'complaint:staff.materialsMissing'),
    merged: c.mergedCount,
  });
}

/**
 * Every complaint goes to the `complaints` queue (issue 3: "Always escalated to staff"), with its deadlines. A
 * complaint that already has an open card gets its deadlines refreshed instead of a second card.
 */
export async function escalateComplaint(deps: ComplaintDeps, c: Complaint, conversationId: string) {
  const open = await deps.db.escalation.findFirst({
    where: { refType: 'Complaint', refId: c.id, status: { in: ['open', 'taken'] } },
  });
  if (open) {
    const updated = await deps.db.escalation.update({
      where: { id: open.id },
      data: { summary: staffSummary(c), deadlines: deadlinesOf(c) as Prisma.InputJsonValue },
    });
    // Staff views (the Slack card) refresh on this event.
    deps.events.emit('escalation.updated', { escalationId: updated.id, conversationId: updated.conversationId, status: updated.status });
    return updated;
  }
  return raiseEscalation(
    deps,
    {
      conversationId,
      queue: 'complaints',
      intent: 'complaint',
      summary: staffSummary(c),
      refType: 'Complaint',
      refId: c.id,
      deadlines: deadlinesOf(c),
    },
  );
}
