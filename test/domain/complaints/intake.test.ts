import { afterEach, describe, expect, it } from 'vitest';
import { fromShanghai } from '../../../src/domain/calendar/shanghai-time.ts';
import { fileComplaint, type ComplaintSubmission } from '../../../src/domain/complaints/intake.ts';
import { complaintWorld } from './fixtures.ts';

const due = (date: string) => fromShanghai(date, '23:59:59');

let world: Awaited<ReturnType<typeof complaintWorld>>;
afterEach(async () => world?.cleanup());

async function setup() {
  world = await complaintWorld();
  const { identity, conv } = await world.conversation();
  const base: ComplaintSubmission = {
    conversationId: conv.id,
    identityId: identity.id,
    channel: 'web',
    complainantName: '张伟',
    complainantRole: 'self',
    complainantPhone: '13812345678',
    subject: '业务员王小明',
    policyNumber: 'LF2024000123',
    request: '全额退还保费',
    facts: '2024年3月业务员王小明说这款产品保本保息随时可取，没有告诉我退保会有损失',
    materialsComplete: true,
  };
  return { base, conv, identity };
}

describe('fileComplaint', () => {
  it('registers a complete complaint with its number, statutory dates over National Day 2026, and a staff card', async () => {
    const { base, conv } = await setup();
    const out = await fileComplaint(world.deps, base);
    expect(out.kind).toBe('created');
    if (out.kind !== 'created') return;
    expect(out.complaint.number).toBe('TS20260928000001');
    expect(out.complaint.category).toBe('sales_misconduct');
    expect(out.complaint.status).toBe('received');
    // 10 working days: Sep 29, 30, Oct 8, 9, 10 (make-up Saturday), 12, 13, 14, 15, 16.
    expect(out.complaint.acceptanceDeadline).toEqual(due('2026-10-16'));
    expect(out.complaint.decisionDeadline).toEqual(due('2026-10-13'));
    const cards = await world.db.escalation.findMany();
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ queue: 'complaints', intent: 'complaint', refType: 'Complaint', refId: out.complaint.id, conversationId: conv.id });
    expect(cards[0].deadlines).toEqual({ acceptance: '2026-10-16T15:59:59.000Z', decision: '2026-10-13T15:59:59.000Z' });
    expect(cards[0].summary).toContain('张*');
    expect(cards[0].summary).toContain('138****5678');
    expect(cards[0].summary).not.toContain('13812345678');
    expect(cards[0].summary).not.toContain('张伟');
    const timeline = await world.db.interaction.findMany();
    expect(timeline).toMatchObject([{ kind: 'complaint', refType: 'Complaint', refId: out.complaint.id }]);
  });

  it('numbers complaints of the same day in sequence', async () => {
    const { base } = await setup();
    await fileComplaint(world.deps, base);
    const second = await fileComplaint(world.deps, { ...base, complainantPhone: '13900001111', identityId: undefined, subject: '客服热线', request: '道歉', facts: '客服热线打了五次都没人接，最后一次还挂我电话' });
    expect(second.kind).toBe('created');
    if (second.kind === 'created') expect(second.complaint.number).toBe('TS20260928000002');
  });

  it('refuses a third party and stores nothing', async () => {
    const { base } = await setup();
    const out = await fileComplaint(world.deps, { ...base, complainantRole: 'third_party' });
    expect(out).toEqual({ kind: 'not_accepted', reason: 'third_party' });
    expect(await world.db.complaint.count()).toBe(0);
    expect(await world.db.escalation.count()).toBe(0);
  });

  it('does not accept the same complaint again without new facts, and gives the existing number', async () => {
    const { base } = await setup();
    const first = await fileComplaint(world.deps, base);
    world.clock.set(fromShanghai('2026-10-09', '09:00'));
    const again = await fileComplaint(world.deps, { ...base, subject: '业务员王小明！！', facts: `${base.facts}。` });
    expect(again.kind).toBe('duplicate');
    expect(again.kind !== 'not_accepted' && again.complaint.number).toBe(first.kind === 'created' && first.complaint.number);
    expect(await world.db.complaint.count()).toBe(1);
    const row = await world.db.complaint.findFirstOrThrow();
    expect(row.acceptanceDeadline).toEqual(due('2026-10-16'));
    expect(row.mergedCount).toBe(0);
  });

  it('still refuses a repeat without new facts after the decision', async () => {
    const { base } = await setup();
    const first = await fileComplaint(world.deps, base);
    if (first.kind !== 'created') throw new Error('expected created');
    await world.db.complaint.update({ where: { id: first.complaint.id }, data: { status: 'decided', decision: '退还保费', decidedAt: world.clock.now() } });
    world.clock.set(fromShanghai('2026-11-20', '09:00'));
    const again = await fileComplaint(world.deps, base);
    expect(again.kind).toBe('duplicate');
  });

  it('merges a repeat with new facts and restarts its deadlines from the new submission', async () => {
    const { base } = await setup();
    const first = await fileComplaint(world.deps, base);
    if (first.kind !== 'created') throw new Error('expected created');
    world.clock.set(fromShanghai('2026-10-09', '09:00'));
    const again = await fileComplaint(world.deps, { ...base, facts: '另外上个月他又让我签了一份新的分红险合同，签名不是我本人签的' });
    expect(again.kind).toBe('merged');
    if (again.kind !== 'merged') return;
    expect(again.complaint.id).toBe(first.complaint.id);
    expect(again.complaint.number).toBe(first.complaint.number);
    expect(again.complaint.mergedCount).toBe(1);
    expect(again.complaint.facts).toContain(base.facts);
    expect(again.complaint.facts).toContain('[2026-10-09] 另外上个月');
    // Oct 9 (Fri) + 10 working days: Oct 10 (make-up Saturday), 12–16, 19–22.
    expect(again.complaint.acceptanceDeadline).toEqual(due('2026-10-22'));
    expect(again.complaint.decisionDeadline).toEqual(due('2026-10-24'));
    expect(again.complaint.completeAt).toEqual(fromShanghai('2026-10-09', '09:00'));
    expect(await world.db.complaint.count()).toBe(1);
    const cards = await world.db.escalation.findMany();
    expect(cards).toHaveLength(1);
    expect(cards[0].deadlines).toMatchObject({ acceptance: due('2026-10-22').toISOString(), decision: due('2026-10-24').toISOString() });
  });

  it('treats new materials as new facts', async () => {
    const { base } = await setup();
    await fileComplaint(world.deps, base);
    const again = await fileComplaint(world.deps, { ...base, materialCount: 2 });
    expect(again.kind).toBe('merged');
  });

  it('matches the repeat on the complainant: another person with the same subject files a new complaint', async () => {
    const { base } = await setup();
    await fileComplaint(world.deps, base);
    const other = await world.conversation('u2');
    const out = await fileComplaint(world.deps, { ...base, conversationId: other.conv.id, identityId: other.identity.id, complainantPhone: '13900002222', complainantName: '李娜' });
    expect(out.kind).toBe('created');
    expect(await world.db.complaint.count()).toBe(2);
  });

  it('a different subject from the same person is a new complaint', async () => {
    const { base } = await setup();
    await fileComplaint(world.deps, base);
    const out = await fileComplaint(world.deps, { ...base, subject: '理赔部门', policyNumber: undefined, request: '尽快赔付', facts: '住院理赔材料交了两个月了还没有赔付，打电话一直说在审核' });
    expect(out.kind).toBe('created');
    if (out.kind === 'created') expect(out.complaint.category).toBe('claims');
  });

  it('incomplete materials: asks for them within 5 working days and holds the decision clock', async () => {
    const { base } = await setup();
    const out = await fileComplaint(world.deps, { ...base, materialsComplete: false });
    if (out.kind !== 'created') throw new Error('expected created');
    expect(out.complaint.status).toBe('materials_requested');
    // Sep 29, 30, Oct 8, 9, 10 (make-up Saturday).
    expect(out.complaint.supplyDeadline).toEqual(due('2026-10-10'));
    expect(out.complaint.acceptanceDeadline).toEqual(due('2026-10-16'));
    expect(out.complaint.decisionDeadline).toBeNull();
    expect(out.complaint.completeAt).toBeNull();
    const card = await world.db.escalation.findFirstOrThrow();
    expect(card.deadlines).toEqual({ supply: '2026-10-10T15:59:59.000Z', acceptance: '2026-10-16T15:59:59.000Z' });
  });
});
