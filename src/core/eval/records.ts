/**
 * The records a conversation left behind. Each conversation has a database of its own, seeded with the demo set;
 * rows added after seeding (a higher SQLite rowid than the seed's last) are this conversation's.
 */
import type { Db } from '../../db/client.ts';
import type { RecordKind } from './schema.ts';
import { formatShanghai } from './shanghai.ts';

const TABLES: Record<RecordKind, string> = {
  claim: 'Claim',
  complaint: 'Complaint',
  serviceRequest: 'ServiceRequest',
  whistleblow: 'WhistleblowReport',
  escalation: 'Escalation',
};

/** Tables an unanswered knowledge-base question may be recorded in, whatever the KB feature names it. */
const UNANSWERED_TABLE = /unanswered|kb_?gap|knowledge_?gap|missed_?question/i;
/** Staff-task kinds that record an unanswered question. */
export const UNANSWERED_TASK = /unanswered|kb|knowledge|question/i;

/** Highest rowid of every table as seeded, taken before the first turn. */
export type Baseline = Map<string, number>;

async function maxRowid(db: Db, table: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ m: number | bigint | null }>>(`SELECT MAX(rowid) AS m FROM "${table}"`);
  return Number(rows[0]?.m ?? 0);
}

async function unansweredTables(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  return rows.map((r) => r.name).filter((n) => UNANSWERED_TABLE.test(n));
}

export async function takeBaseline(db: Db): Promise<Baseline> {
  const b: Baseline = new Map();
  for (const t of [...Object.values(TABLES), 'StaffTask', ...(await unansweredTables(db))]) b.set(t, await maxRowid(db, t));
  return b;
}

async function newIds(db: Db, baseline: Baseline, table: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id FROM "${table}" WHERE rowid > ? ORDER BY rowid`, baseline.get(table) ?? 0);
  return rows.map((r) => r.id);
}

/** A stored record flattened for matching: its columns plus readable extras (customer name, policy number, local time). */
export type FlatRecord = Record<string, unknown>;

/** The records of one kind this conversation created, flattened. */
export async function newRecords(db: Db, baseline: Baseline, kind: RecordKind): Promise<FlatRecord[]> {
  const ids = await newIds(db, baseline, TABLES[kind]);
  if (!ids.length) return [];
  const where = { id: { in: ids } };
  switch (kind) {
    case 'claim': {
      const rows = await db.claim.findMany({ where, include: { customer: true, policy: true } });
      return rows.map(({ customer, policy, ...r }) => ({ ...r, customer: customer.name, policy: policy.number, incidentLocal: r.incidentAt ? formatShanghai(r.incidentAt) : null }));
    }
    case 'complaint': {
      const rows = await db.complaint.findMany({ where, include: { customer: true } });
      return rows.map(({ customer, ...r }) => ({ ...r, customer: customer?.name ?? null }));
    }
    case 'serviceRequest': {
      const rows = await db.serviceRequest.findMany({ where, include: { customer: true, policy: true } });
      return rows.map(({ customer, policy, ...r }) => ({ ...r, customer: customer?.name ?? null, policy: policy?.number ?? null }));
    }
    case 'whistleblow':
      return db.whistleblowReport.findMany({ where });
    case 'escalation':
      return db.escalation.findMany({ where });
  }
}

/** Unanswered questions recorded for staff: rows in an unanswered-question table, or staff tasks of such a kind. */
export async function newUnanswered(db: Db, baseline: Baseline): Promise<{ count: number; lookedIn: string }> {
  let count = 0;
  const tables = [...baseline.keys()].filter((t) => UNANSWERED_TABLE.test(t));
  for (const t of tables) count += (await newIds(db, baseline, t)).length;
  const taskIds = await newIds(db, baseline, 'StaffTask');
  if (taskIds.length) {
    const tasks = await db.staffTask.findMany({ where: { id: { in: taskIds } }, select: { kind: true } });
    count += tasks.filter((t) => UNANSWERED_TASK.test(t.kind)).length;
  }
  return { count, lookedIn: [...tables.map((t) => `table ${t}`), 'StaffTask kinds like unanswered/kb*'].join(', ') };
}
