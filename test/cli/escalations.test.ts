import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register as registerComplaints } from '../../src/cli/complaints.ts';
import { formatAge, register as registerEscalations } from '../../src/cli/escalations.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { AnxinEvents } from '../../src/core/events.ts';
import { createTestDb, type TestDb } from '../../src/db/test-db.ts';
import { createWorkCalendar } from '../../src/domain/calendar/index.ts';
import { fromShanghai } from '../../src/domain/calendar/shanghai-time.ts';
import { fileComplaint } from '../../src/domain/complaints/intake.ts';
import { fileWhistleblowReport } from '../../src/domain/whistleblow.ts';

const NOW = fromShanghai('2026-10-14', '10:00');
let tdb: TestDb;
let out: string[];
let err: string[];
const clock = fixedClock(NOW);

beforeEach(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.exitCode = undefined;
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await tdb.cleanup();
});

async function run(...args: string[]) {
  const program = new Command('anxin').exitOverride();
  registerEscalations(program, clock);
  registerComplaints(program, clock);
  await program.parseAsync(['node', 'anxin', ...args]);
  return out.join('\n');
}

/** One complaint (filed Sep 28), one general handoff with a raw phone in its text, one whistleblowing report. */
async function seed() {
  const db = tdb.db;
  const identity = await db.channelIdentity.create({ data: { channel: 'web', externalUserId: 'u1' } });
  const conv = await db.conversation.create({ data: { channel: 'web', identityId: identity.id, ref: { channel: 'web', externalUserId: 'u1' } } });
  const deps = { db, clock: fixedClock(fromShanghai('2026-09-28', '10:00')), events: new AnxinEvents(), calendar: createWorkCalendar() };
  const filed = await fileComplaint(deps, {
    conversationId: conv.id, identityId: identity.id, complainantName: '张伟', complainantRole: 'self', complainantPhone: '13812345678',
    subject: '理赔部门', request: '尽快赔付', facts: '住院理赔材料交了两个月了还没有赔付，我的身份证110101199003074514', materialsComplete: true,
  });
  await db.escalation.create({
    data: { conversationId: conv.id, queue: 'general', intent: 'human_agent', summary: '> 我的手机13912345678，卡号6222021234567890123', createdAt: new Date(NOW.getTime() - 125 * 60_000) },
  });
  await fileWhistleblowReport(deps, { conversationId: conv.id, identityId: identity.id, subject: '业务员李四', what: '挪用保费', contact: '13700001111' });
  return { conv, complaint: filed.kind === 'created' ? filed.complaint : undefined };
}

describe('anxin escalations', () => {
  it('lists open escalations with queue, age, intent, masked summary and deadlines; compliance left out', async () => {
    await seed();
    const text = await run('escalations', '--lang', 'zh');
    expect(text).toContain('complaints');
    expect(text).toContain('general');
    expect(text).toContain('2h 05m');
    expect(text).toContain('16d 0h');
    expect(text).toContain('human_agent');
    expect(text).toContain('受理 2026-10-16');
    expect(text).toContain('决定 2026-10-13 已逾期');
    expect(text).toContain('139****5678');
    expect(text).toContain('6222 **** **** 0123');
    for (const raw of ['13912345678', '13812345678', '6222021234567890123', '110101199003074514', '张伟']) expect(text).not.toContain(raw);
    expect(text).not.toMatch(/^compliance/m);
    expect(text).not.toContain('李四');
    expect(text).toContain('--queue compliance');
  });

  it('--queue filters; compliance items only with --queue compliance, without the reporter', async () => {
    await seed();
    const general = await run('escalations', '--queue', 'general', '--lang', 'en');
    expect(general).toContain('human_agent');
    expect(general).not.toContain('complaint ');
    out = [];
    const compliance = await run('escalations', '--queue', 'compliance', '--json');
    const rows = JSON.parse(compliance) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ queue: 'compliance', intent: 'whistleblow', refType: 'WhistleblowReport' });
    expect(rows[0]).not.toHaveProperty('conversationId');
    expect(String(rows[0].summary)).toContain('业务员李四');
    expect(String(rows[0].summary)).not.toContain('13700001111');
    expect(String(rows[0].summary)).not.toContain('137****1111');
  });

  it('--json gives masked lines with deadlines; unknown queues are refused', async () => {
    const { conv } = await seed();
    const rows = JSON.parse(await run('escalations', '--json')) as Array<{ queue: string; summary: string; deadlines: Record<string, string>; conversationId?: string; ageMinutes: number }>;
    expect(rows.map((r) => r.queue).sort()).toEqual(['complaints', 'general']);
    const complaint = rows.find((r) => r.queue === 'complaints')!;
    expect(complaint.deadlines).toEqual({ acceptance: '2026-10-16T15:59:59.000Z', decision: '2026-10-13T15:59:59.000Z' });
    expect(complaint.conversationId).toBe(conv.id);
    expect(JSON.stringify(rows)).not.toContain('13912345678');
    expect(complaint.summary).toContain('110101********4514');
    expect(complaint.summary).not.toContain('110101199003074514');
    await run('escalations', '--queue', 'nope');
    expect(err.join('\n')).toMatch(/nope/);
    expect(process.exitCode).toBe(1);
  });

  it('formats ages', () => {
    expect([formatAge(5), formatAge(65), formatAge(60 * 24 * 3 + 61)]).toEqual(['5m', '1h 05m', '3d 1h']);
  });
});

describe('anxin complaints', () => {
  it('extend: first without, second only with --senior, never a third; the customer notice is queued', async () => {
    const { complaint, conv } = await seed();
    const number = complaint!.number;
    expect(await run('complaints', 'extend', number, '--reason', '需调取病历', '--by', 'li', '--lang', 'zh')).toContain('延长 15 天，至 2026-10-28。已通知客户');
    await run('complaints', 'extend', number, '--reason', '需鉴定', '--by', 'li', '--lang', 'en');
    expect(err.join('\n')).toContain('complaint_extension_needs_senior_approval');
    expect(process.exitCode).toBe(1);
    out = [];
    expect(await run('complaints', 'extend', number, '--reason', '需鉴定', '--by', 'wang', '--senior', '--lang', 'en')).toContain('extended by 30 days, to 2026-11-27');
    await run('complaints', 'extend', number, '--reason', 'again', '--by', 'wang', '--senior');
    expect(err.join('\n')).toContain('complaint_extension_limit_reached');
    const notices = await tdb.db.message.findMany({ where: { conversationId: conv.id, direction: 'out' }, orderBy: { createdAt: 'asc' } });
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ status: 'pending', author: 'staff:li' });
    expect(notices[0].text).toContain('需调取病历');
    expect(notices[1].text).toContain('2026年11月27日');
  });

  it('list shows open complaints masked; decide closes them', async () => {
    const { complaint } = await seed();
    const list = await run('complaints', 'list', '--lang', 'zh');
    expect(list).toContain(complaint!.number);
    expect(list).toContain('张*');
    expect(list).not.toContain('张伟');
    out = [];
    expect(await run('complaints', 'decide', complaint!.number, '--decision', '同意赔付', '--by', 'li', '--lang', 'zh')).toContain('已超过处理期限');
    out = [];
    expect(await run('complaints', 'list', '--lang', 'en')).toContain('No complaints match');
    out = [];
    expect(await run('complaints', 'list', '--all', '--lang', 'en')).toContain('decided');
  });
});
