import { hashIdNumber, maskIdNumber } from '../pii.ts';
import { selectIn, sqlTime, type SqlRunner } from './bulk-upsert.ts';
import { customerColumns, validateCustomerRow, type CustomerFields } from './customer-rows.ts';
import { dateOnly } from './date-only.ts';
import { duplicateTracker, type ImportContext, type KindImporter } from './importer.ts';
import { newId } from './new-id.ts';
import { tableWriter, type DbColumn, type TableWriter } from './table-writer.ts';
import type { Parsed, PendingRow } from './types.ts';

/** A validated customer row plus the stored forms of its ID number (the number itself is never written). */
type CustomerValue = Parsed<CustomerFields> & { idHash?: string | null; idMasked?: string | null };

// Booleans are stored as 0/1, as Prisma does on SQLite (better-sqlite3 binds no booleans).
const bool = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? 1 : 0);

const DB_COLUMNS: DbColumn<CustomerValue>[] = [
  // An empty code never clears the natural key a customer already has.
  { name: 'code', get: (v) => v.code, keepBy: ['code'] },
  { name: 'name', get: (v) => v.name, setBy: ['name'] },
  { name: 'gender', get: (v) => v.gender, fallback: 'U', setBy: ['gender'], keepBy: ['id_number'] },
  { name: 'birthday', get: (v) => (v.birthday ? sqlTime(dateOnly(v.birthday)) : null), setBy: ['birthday'], keepBy: ['id_number'] },
  { name: 'lunarBirthday', get: (v) => bool(v.lunarBirthday), fallback: 0, setBy: ['lunar_birthday'] },
  { name: 'phone', get: (v) => v.phone, setBy: ['phone'] },
  { name: 'idHash', get: (v) => v.idHash, setBy: ['id_number'] },
  { name: 'idMasked', get: (v) => v.idMasked, setBy: ['id_number'] },
  { name: 'language', get: (v) => v.language, fallback: 'zh', setBy: ['language'] },
  { name: 'vipTier', get: (v) => v.vipTier, fallback: 'standard', setBy: ['vip_tier'] },
  { name: 'greetingConsent', get: (v) => bool(v.greetingConsent), fallback: 1, setBy: ['greeting_consent'] },
  { name: 'marketingConsent', get: (v) => bool(v.marketingConsent), fallback: 0, setBy: ['marketing_consent'] },
  { name: 'address', get: (v) => v.address, setBy: ['address'] },
];

interface Existing {
  id: string;
  code: string | null;
  idHash: string | null;
}

/**
 * customers.csv: matched on `code`, else on the ID number's hash. A row whose ID number already belongs to a
 * different customer (another code) is rejected rather than merging two people.
 */
export function customerImporter(ctx: ImportContext): KindImporter {
  const columns = customerColumns(ctx.today);
  const codes = duplicateTracker('code');
  const ids = duplicateTracker('id_number');
  let writer: TableWriter<CustomerValue> | undefined;

  return {
    columns,
    useHeader(names) {
      writer = tableWriter('Customer', DB_COLUMNS, names);
      return names.includes('code') || names.includes('id_number') ? [] : ['code|id_number'];
    },
    validate(line, cells) {
      const { value, reasons } = validateCustomerRow(columns, cells, ctx.today);
      const v = value as CustomerValue;
      if (v.idNumber !== undefined) {
        v.idHash = v.idNumber ? hashIdNumber(v.idNumber, ctx.secret) : null;
        v.idMasked = v.idNumber ? maskIdNumber(v.idNumber) : null;
      }
      for (const r of [codes.check(v.code), ids.check(v.idHash)]) if (r) reasons.push(r);
      if (!reasons.length) {
        codes.remember(v.code, line);
        ids.remember(v.idHash, line);
      }
      return { line, value: v, reasons };
    },
    async write(sql: SqlRunner, rows: PendingRow<unknown>[], dryRun: boolean) {
      const good = (rows as PendingRow<CustomerValue>[]).filter((r) => !r.reasons.length);
      const [byCode, byHash] = await Promise.all([
        selectIn<Existing>(sql, 'Customer', 'code', good.map((r) => r.value.code), ['id', 'code', 'idHash']),
        selectIn<Existing>(sql, 'Customer', 'idHash', good.map((r) => r.value.idHash), ['id', 'code', 'idHash']),
      ]);
      const codeMap = new Map(byCode.map((e) => [e.code, e]));
      const hashMap = new Map(byHash.map((e) => [e.idHash, e]));
      const inserts: Array<{ id: string; v: CustomerValue }> = [];
      const updates: Array<{ id: string; v: CustomerValue }> = [];
      for (const r of good) {
        const v = r.value;
        const c = v.code ? codeMap.get(v.code) : undefined;
        const h = v.idHash ? hashMap.get(v.idHash) : undefined;
        // The ID number is already on file for someone else: a different customer code, or a row found by code.
        if (h && ((c && c.id !== h.id) || (!c && v.code && h.code && h.code !== v.code))) {
          r.reasons.push({ column: 'id_number', code: 'id_taken', value: v.idMasked ?? undefined, arg: h.code ?? '' });
          continue;
        }
        const target = c ?? h;
        if (target) updates.push({ id: target.id, v });
        else inserts.push({ id: newId(ctx.now.getTime()), v });
      }
      if (!dryRun) await writer!.write(sql, inserts, updates, ctx.now);
      return { created: inserts.length, updated: updates.length };
    },
  };
}
