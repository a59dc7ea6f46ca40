import { selectIn, sqlTime, type SqlRunner } from './bulk-upsert.ts';
import { agentColumns, validateAgentRow, type AgentFields } from './agent-rows.ts';
import { dateOnly } from './date-only.ts';
import { duplicateTracker, type ImportContext, type KindImporter } from './importer.ts';
import { newId } from './new-id.ts';
import { tableWriter, type DbColumn, type TableWriter } from './table-writer.ts';
import type { Parsed, PendingRow } from './types.ts';

type AgentValue = Parsed<AgentFields>;

const DB_COLUMNS: DbColumn<AgentValue>[] = [
  { name: 'code', get: (v) => v.code, setBy: ['code'] },
  { name: 'name', get: (v) => v.name, setBy: ['name'] },
  { name: 'phone', get: (v) => v.phone, setBy: ['phone'] },
  { name: 'status', get: (v) => v.status, fallback: 'active', setBy: ['status', 'left_at'] },
  { name: 'leftAt', get: (v) => (v.leftAt ? sqlTime(dateOnly(v.leftAt)) : null), setBy: ['left_at'] },
  { name: 'branch', get: (v) => v.branch, setBy: ['branch'] },
];

/** agents.csv: matched on the agent code. */
export function agentImporter(ctx: ImportContext): KindImporter {
  const columns = agentColumns();
  const codes = duplicateTracker('code');
  let writer: TableWriter<AgentValue> | undefined;

  return {
    columns,
    useHeader(names) {
      writer = tableWriter('Agent', DB_COLUMNS, names);
      return [];
    },
    validate(line, cells) {
      const { value, reasons } = validateAgentRow(columns, cells, ctx.today);
      const dup = codes.check(value.code);
      if (dup) reasons.push(dup);
      else if (!reasons.length) codes.remember(value.code, line);
      return { line, value, reasons };
    },
    async write(sql: SqlRunner, rows: PendingRow<unknown>[], dryRun: boolean) {
      const good = (rows as PendingRow<AgentValue>[]).filter((r) => !r.reasons.length);
      const existing = await selectIn<{ id: string; code: string }>(sql, 'Agent', 'code', good.map((r) => r.value.code), ['id', 'code']);
      const byCode = new Map(existing.map((e) => [e.code, e.id]));
      const inserts: Array<{ id: string; v: AgentValue }> = [];
      const updates: Array<{ id: string; v: AgentValue }> = [];
      for (const r of good) {
        const id = byCode.get(r.value.code!);
        if (id) updates.push({ id, v: r.value });
        else inserts.push({ id: newId(ctx.now.getTime()), v: r.value });
      }
      if (!dryRun) await writer!.write(sql, inserts, updates, ctx.now);
      return { created: inserts.length, updated: updates.length };
    },
  };
}
