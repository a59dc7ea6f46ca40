import type { Callback, Customer } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { t } from '../../i18n/index.ts';
import { shanghaiDate, shanghaiTime } from '../calendar/index.ts';
import { recordInteraction } from '../escalations.ts';
import { maskName, maskPhone } from '../pii.ts';
import { fileStaffTask } from '../reminders/staff-tasks.ts';

/** Why a chat callback turned into a phone call. */
export type CallReason = 'no_answer' | 'no_channel' | 'not_sent';

/** Days staff get to phone for a satisfaction survey (a cooling-off call is due by the end of the period). */
const SATISFACTION_CALL_DAYS = 2;

type Deps = Pick<CoreDeps, 'db' | 'clock'>;

const pad = (n: number) => String(n).padStart(2, '0');
const shanghaiStamp = (d: Date) => {
  const { hour, minute } = shanghaiTime(d);
  return `${shanghaiDate(d)} ${pad(hour)}:${pad(minute)}`;
};

/** The number a person recognises: policy, claim or complaint number. */
export async function callbackRef(deps: Pick<CoreDeps, 'db'>, cb: Pick<Callback, 'refType' | 'refId'>): Promise<string> {
  if (!cb.refId) return '-';
  if (cb.refType === 'Policy') return (await deps.db.policy.findUnique({ where: { id: cb.refId }, select: { number: true } }))?.number ?? cb.refId;
  if (cb.refType === 'Claim') return (await deps.db.claim.findUnique({ where: { id: cb.refId }, select: { number: true } }))?.number ?? cb.refId;
  if (cb.refType === 'Complaint') return (await deps.db.complaint.findUnique({ where: { id: cb.refId }, select: { number: true } }))?.number ?? cb.refId;
  return cb.refId;
}

/**
 * The chat callback did not work out: marks it `no_answer` (only from `scheduled`/`sent`, so a late answer that
 * already completed it wins) and files one phone-call task (the source documents' 电话回访), with masked contact
 * data — staff open the customer view for the full number. Returns whether this call changed anything.
 */
export async function turnIntoPhoneCall(
  deps: Deps,
  cb: Callback & { customer: Pick<Customer, 'name' | 'phone'> },
  reason: CallReason,
  opts: { hours: number },
): Promise<boolean> {
  const moved = await deps.db.callback.updateMany({ where: { id: cb.id, status: { in: ['scheduled', 'sent'] } }, data: { status: 'no_answer' } });
  if (moved.count === 0) return false;
  const now = deps.clock.now();
  const ref = await callbackRef(deps, cb);
  const vars = {
    ref,
    due: shanghaiDate(cb.dueBy),
    hours: opts.hours,
    sentAt: cb.sentAt ? shanghaiStamp(cb.sentAt) : '-',
    name: maskName(cb.customer.name),
    phone: maskPhone(cb.customer.phone) || '-',
  };
  await fileStaffTask(deps, {
    key: `call_customer:callback:${cb.id}`,
    kind: 'call_customer',
    title: t('zh', `callback:task.callCustomer.title.${cb.kind}`, vars),
    detail: t('zh', `callback:task.callCustomer.detail.${reason}`, vars),
    customerId: cb.customerId,
    refType: 'Callback',
    refId: cb.id,
    owner: 'service',
    dueAt: cb.kind === 'cooling_off' ? cb.dueBy : new Date(now.getTime() + SATISFACTION_CALL_DAYS * 86_400_000),
  });
  await recordInteraction(deps, {
    customerId: cb.customerId,
    kind: 'callback',
    summary: `${cb.kind} callback ${ref}: ${reason}, phone call task filed`,
    refType: 'Callback',
    refId: cb.id,
  });
  return true;
}
