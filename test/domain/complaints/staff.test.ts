import { afterEach, describe, expect, it } from 'vitest';
import { fromShanghai } from '../../../src/domain/calendar/shanghai-time.ts';
import { fileComplaint, type ComplaintSubmission } from '../../../src/domain/complaints/intake.ts';
import { completeMaterials, decideComplaint, extendComplaint } from '../../../src/domain/complaints/staff.ts';
import { complaintWorld } from './fixtures.ts';

const due = (date: string) => fromShanghai(date, '23:59:59');

let world: Awaited<ReturnType<typeof complaintWorld>>;
afterEach(async () => world?.cleanup());

async function filed(opts: { language?: string; complete?: boolean } = {}) {
  world = await complaintWorld();
  const { identity, conv } = await world.conversation('u1', opts.language ?? 'zh');
  const sub: ComplaintSubmission = {
    conversationId: conv.id,
    identityId: identity.id,
    complainantName: '张伟',
    complainantRole: 'self',
    complainantPhone: '13812345678',
    subject: '理赔部门',
    request: '尽快赔付',
    facts: '住院理赔材料交了两个月了还没有赔付，打电话一直说在审核',
    materialsComplete: opts.complete ?? true,
  };
  const out = await fileComplaint(world.deps, sub);
  if (out.kind !== 'created') throw new Error('expected created');
  return { complaint: out.complaint, conv, sub };
}

describe('extendComplaint', () => {
  it('first extension: to 30 days after the complete complaint, reason recorded, customer told, card updated', async () => {
    const { complaint, conv } = await filed();
    expect(complaint.decisionDeadline).toEqual(due('2026-10-13'));
    world.clock.set(fromShanghai('2026-10-12', '15:00'));
    const r = await extendComplaint(world.deps, complaint.number, { reason: '需调取医院病历核实', approvedBy: 'staff:li' });
    expect(r.newDeadline).toEqual(due('2026-10-28'));
    expect(r.days).toBe(15);
    expect(r.customerNotified).toBe(true);
    const ext = await world.db.complaintExtension.findMany({ where: { complaintId: complaint.id } });
    expect(ext).toMatchObject([{ days: 15, reason: '需调取医院病历核实', approvedBy: 'staff:li', seniorApproval: false }]);
    expect(ext[0].customerNotifiedAt).toEqual(fromShanghai('2026-10-12', '15:00'));
    expect((await world.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).decisionDeadline).toEqual(due('2026-10-28'));
    expect(world.sent).toHaveLength(1);
    expect(world.sent[0].conversationId).toBe(conv.id);
    expect(world.sent[0].msg.text).toContain(complaint.number);
    expect(world.sent[0].msg.text).toContain('2026年10月28日');
    expect(world.sent[0].msg.text).toContain('需调取医院病历核实');
    const card = await world.db.escalation.findFirstOrThrow();
    expect(card.deadlines).toMatchObject({ decision: due('2026-10-28').toISOString() });
    expect(await world.db.staffAction.count({ where: { action: 'extend', actor: 'staff:li' } })).toBe(1);
  });

  it('second extension only with senior approval (+30 days); a third is refused', async () => {
    const { complaint } = await filed();
    await extendComplaint(world.deps, complaint.id, { reason: '案情复杂', approvedBy: 'staff:li' });
    await expect(extendComplaint(world.deps, complaint.id, { reason: '需第三方鉴定', approvedBy: 'staff:li' })).rejects.toMatchObject({
      code: 'complaint_extension_needs_senior_approval',
    });
    const second = await extendComplaint(world.deps, complaint.id, { reason: '需第三方鉴定', approvedBy: 'vp:wang', seniorApproval: true });
    expect(second.newDeadline).toEqual(due('2026-11-27'));
    expect(second.days).toBe(30);
    await expect(extendComplaint(world.deps, complaint.id, { reason: '还要再等', approvedBy: 'vp:wang', seniorApproval: true })).rejects.toMatchObject({
      code: 'complaint_extension_limit_reached',
    });
    expect(await world.db.complaintExtension.count()).toBe(2);
    expect(world.sent).toHaveLength(2);
  });

  it('needs a reason', async () => {
    const { complaint } = await filed();
    await expect(extendComplaint(world.deps, complaint.id, { reason: '  ', approvedBy: 'staff:li' })).rejects.toMatchObject({ code: 'complaint_extension_reason_required' });
    expect(world.sent).toHaveLength(0);
  });

  it('tells an English-speaking customer in English', async () => {
    const { complaint } = await filed({ language: 'en' });
    await extendComplaint(world.deps, complaint.number, { reason: 'hospital records are needed', approvedBy: 'staff:li' });
    expect(world.sent[0].msg.text).toMatch(/extended to Wed 28 Oct 2026\. Reason: hospital records are needed/);
  });

  it('cannot extend before the materials are complete; completing them starts the 15-day clock', async () => {
    const { complaint } = await filed({ complete: false });
    await expect(extendComplaint(world.deps, complaint.id, { reason: 'x', approvedBy: 'staff:li' })).rejects.toMatchObject({ code: 'complaint_materials_incomplete' });
    world.clock.set(fromShanghai('2026-10-09', '15:00'));
    const r = await completeMaterials(world.deps, complaint.number);
    expect(r.decisionDeadline).toEqual(due('2026-10-24'));
    expect(world.sent.at(-1)?.msg.text).toContain('2026年10月24日');
    const ext = await extendComplaint(world.deps, complaint.id, { reason: '案情复杂', approvedBy: 'staff:li' });
    expect(ext.newDeadline).toEqual(due('2026-11-08'));
  });

  it('a merge with new facts restarts the extension count', async () => {
    const { complaint, sub } = await filed();
    await extendComplaint(world.deps, complaint.id, { reason: '案情复杂', approvedBy: 'staff:li' });
    world.clock.set(fromShanghai('2026-10-20', '10:00'));
    const merged = await fileComplaint(world.deps, { ...sub, facts: '昨天理赔员又打电话要求我补交一份已经交过的发票原件' });
    expect(merged.kind).toBe('merged');
    const r = await extendComplaint(world.deps, complaint.id, { reason: '需重新核实', approvedBy: 'staff:li' });
    expect(r.newDeadline).toEqual(due('2026-11-19'));
  });
});

describe('decideComplaint', () => {
  it('records the decision, tells the customer and resolves the staff card', async () => {
    const { complaint } = await filed();
    world.clock.set(fromShanghai('2026-10-10', '11:00'));
    const r = await decideComplaint(world.deps, complaint.number, { decision: '同意赔付住院费用 8,000 元', by: 'staff:li' });
    expect(r.late).toBe(false);
    expect(r.customerNotified).toBe(true);
    const row = await world.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(row).toMatchObject({ status: 'decided', decision: '同意赔付住院费用 8,000 元' });
    expect(row.decidedAt).toEqual(fromShanghai('2026-10-10', '11:00'));
    expect(world.sent[0].msg.text).toContain('同意赔付住院费用');
    expect((await world.db.escalation.findFirstOrThrow()).status).toBe('resolved');
    await expect(extendComplaint(world.deps, complaint.id, { reason: 'x', approvedBy: 'staff:li' })).rejects.toMatchObject({ code: 'complaint_not_open' });
    await expect(decideComplaint(world.deps, complaint.id, { decision: 'again', by: 'staff:li' })).rejects.toMatchObject({ code: 'complaint_not_open' });
  });

  it('flags a late decision', async () => {
    const { complaint } = await filed();
    world.clock.set(fromShanghai('2026-10-14', '09:00'));
    const r = await decideComplaint(world.deps, complaint.id, { decision: '维持原理赔结论', by: 'staff:li' });
    expect(r.late).toBe(true);
  });

  it('an unknown number is a clear error', async () => {
    await filed();
    await expect(decideComplaint(world.deps, 'TS20260101000009', { decision: 'x', by: 'y' })).rejects.toMatchObject({ code: 'complaint_not_found' });
  });
});
