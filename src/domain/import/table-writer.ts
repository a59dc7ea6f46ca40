import { insertRows, sqlTime, updateRows, type SqlRunner, type UpdateRule } from './bulk-upsert.ts';

/** How one database column is filled from a validated row. */
export interface DbColumn<V> {
  name: string;
  /** The value for this row; null/undefined means "not given". */
  get(v: V): unknown;
  /** Used on insert when the row gives no value (the schema's default). */
  fallback?: unknown;
  /** CSV columns whose presence in the header means the file sets this column on existing rows. */
  setBy?: string[];
  /** CSV columns whose presence means the file *may* give a value; existing rows keep theirs when it does not. */
  keepBy?: string[];
}

/** A table's write plan for one file: which columns existing rows take from it depends on the header. */
export interface TableWriter<V> {
  /** Inserts new rows (with their ids) and updates existing ones; stamps createdAt/updatedAt with `now`. */
  write(sql: SqlRunner, inserts: Array<{ id: string; v: V }>, updates: Array<{ id: string; v: V }>, now: Date): Promise<void>;
}

export function tableWriter<V>(table: string, columns: DbColumn<V>[], header: string[]): TableWriter<V> {
  const present = new Set(header);
  const rules: Array<[DbColumn<V>, UpdateRule]> = [];
  for (const c of columns) {
    if (c.setBy?.some((h) => present.has(h))) rules.push([c, 'set']);
    else if (c.keepBy?.some((h) => present.has(h))) rules.push([c, 'keep']);
  }
  const insertNames = ['id', ...columns.map((c) => c.name), 'createdAt', 'updatedAt'];
  const updateRules: Array<[string, UpdateRule]> = [...rules.map(([c, r]): [string, UpdateRule] => [c.name, r]), ['updatedAt', 'set']];
  // A value the row does not give is the schema default on insert; on update a `set` column cleared in the file
  // falls back to it too (NOT NULL columns such as gender), while a `keep` column passes null to keep the old value.
  const value = (c: DbColumn<V>, v: V) => c.get(v) ?? c.fallback ?? null;
  return {
    async write(sql, inserts, updates, now) {
      const ts = sqlTime(now);
      if (inserts.length) {
        const values: unknown[] = [];
        for (const { id, v } of inserts) {
          values.push(id);
          for (const c of columns) values.push(value(c, v));
          values.push(ts, ts);
        }
        await insertRows(sql, table, insertNames, values);
      }
      if (updates.length && updateRules.length) {
        const values: unknown[] = [];
        for (const { id, v } of updates) {
          values.push(id);
          for (const [c, r] of rules) values.push(r === 'keep' ? (c.get(v) ?? null) : value(c, v));
          values.push(ts);
        }
        await updateRows(sql, table, updateRules, values);
      }
    },
  };
}
