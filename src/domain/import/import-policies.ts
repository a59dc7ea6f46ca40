import { hashIdNumber } from '../pii.ts';
import { selectIn, sqlTime, type SqlRunner } from './bulk-upsert.ts';
import { dateOnly } from './date-only.ts';
import { looksLikeIdNumber } from './id-number.ts';
import { duplicateTracker, type ImportContext, type KindImporter } from './importer.ts';
import { newId } from './new-id.ts';
import { policyColumns, validatePolicyRow, type PolicyFields } from './policy-rows.ts';
import { tableWriter, type DbColumn, type TableWriter } from './table-writer.ts';
import { echo } from './columns.ts';
import type { Parsed, PendingRow } from './types.ts';

/** A validated policy row with its references resolved to ids. */
type PolicyValue = Parsed<PolicyFields> & { holderId?: string; insuredId?: string | null; agentId?: string | null };

const day = (ymd: string | null | undefined) => (ymd ? sqlTime(dateOnly(ymd)) : null);

const DB_COLUMNS: DbColumn<PolicyValue>[] = [
  { name: 'number', get: (v) => v.number, setBy: ['number'] },
  { name: 'product', get: (v) => v.product, setBy: ['product'] },
  { name: 'line', get: (v) => v.line, setBy: ['line'] },
  { name: 'holderId', get: (v) => v.holderId, setBy: ['holder'] },
  // An empty `insured` means the holder is the insured.
  { name: 'insuredId', get: (v) => v.insuredId ?? v.holderId, setBy: ['insured'] },
  { name: 'status', get: (v) => v.status, fallback: 'active', setBy: ['status'] },
  { name: 'effectiveDate', get: (v) => day(v.effectiveDate), setBy: ['effective_date'] },
  { name: 'expiryDate', get: (v) => day(v.expiryDate), setBy: ['expiry_date'] },
  { name: 'coolingOffEnd', get: (v) => day(v.coolingOffEnd), setBy: ['cooling_off_end'] },
  { name: 'termYears', get: (v) => v.termYears, setBy: ['term_years'] },
  { name: 'premium', get: (v) => v.premium, setBy: ['premium'] },
  { name: 'sumInsured', get: (v) => v.sumInsured, setBy: ['sum_insured'] },
  { name: 'paymentFrequency', get: (v) => v.paymentFrequency, fallback: 'annual', setBy: ['payment_frequency'] },
  { name: 'nextDueDate', get: (v) => day(v.nextDueDate), setBy: ['next_due_date'] },
  { name: 'agentId', get: (v) => v.agentId, setBy: ['agent'] },
  { name: 'plate', get: (v) => v.plate, setBy: ['plate'] },
];

/**
 * policies.csv: matched on the policy number. Holder and insured must already be customers (by customer code or
 * ID number), the agent an existing agent code — import agents and customers first.
 */
export function policyImporter(ctx: ImportContext): KindImporter {
  const columns = policyColumns();
  const numbers = duplicateTracker('number');
  let writer: TableWriter<PolicyValue> | undefined;
  const refHash = (ref: string) => hashIdNumber(ref, ctx.secret);

  return {
    columns,
    useHeader(names) {
      writer = tableWriter('Policy', DB_COLUMNS, names);
      return [];
    },
    validate(line, cells) {
      const { value, reasons } = validatePolicyRow(columns, cells);
      const dup = numbers.check(value.number);
      if (dup) reasons.push(dup);
      else if (!reasons.length) numbers.remember(value.number, line);
      return { line, value, reasons };
    },
    async write(sql: SqlRunner, rows: PendingRow<unknown>[], dryRun: boolean) {
      const all = rows as PendingRow<PolicyValue>[];
      const refs = all.flatMap((r) => [r.value.holder, r.value.insured]).filter((x): x is string => !!x);
      const [byCode, byHash, agents, existing] = await Promise.all([
        selectIn<{ id: string; code: string }>(sql, 'Customer', 'code', refs.filter((x) => !looksLikeIdNumber(x)), ['id', 'code']),
        selectIn<{ id: string; idHash: string }>(sql, 'Customer', 'idHash', refs.filter(looksLikeIdNumber).map(refHash), ['id', 'idHash']),
        selectIn<{ id: string; code: string }>(sql, 'Agent', 'code', all.map((r) => r.value.agent), ['id', 'code']),
        selectIn<{ id: string; number: string }>(sql, 'Policy', 'number', all.map((r) => r.value.number), ['id', 'number']),
      ]);
      const codeMap = new Map(byCode.map((c) => [c.code, c.id]));
      const hashMap = new Map(byHash.map((c) => [c.idHash, c.id]));
      const agentMap = new Map(agents.map((a) => [a.code, a.id]));
      const policyMap = new Map(existing.map((p) => [p.number, p.id]));
      const customer = (ref: string) => (looksLikeIdNumber(ref) ? hashMap.get(refHash(ref)) : codeMap.get(ref));

      const inserts: Array<{ id: string; v: PolicyValue }> = [];
      const updates: Array<{ id: string; v: PolicyValue }> = [];
      for (const r of all) {
        const v = r.value;
        // References are checked even on rows that already failed, so the operator sees every reason at once.
        for (const [key, column] of [['holder', 'holder'], ['insured', 'insured']] as const) {
          const ref = v[key];
          if (!ref) continue;
          const id = customer(ref);
          if (!id) r.reasons.push({ column, code: 'unknown_customer', value: echo(ref, 'ref') });
          else if (key === 'holder') v.holderId = id;
          else v.insuredId = id;
        }
        if (v.agent) {
          const id = agentMap.get(v.agent);
          if (!id) r.reasons.push({ column: 'agent', code: 'unknown_agent', value: v.agent });
          else v.agentId = id;
        } else if (v.agent === null) v.agentId = null;
        if (r.reasons.length) continue;
        const id = policyMap.get(v.number!);
        if (id) updates.push({ id, v });
        else inserts.push({ id: newId(ctx.now.getTime()), v });
      }
      if (!dryRun) await writer!.write(sql, inserts, updates, ctx.now);
      return { created: inserts.length, updated: updates.length };
    },
  };
}
