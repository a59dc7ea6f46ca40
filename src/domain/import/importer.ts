import type { ColumnSpec } from './columns.ts';
import type { SqlRunner } from './bulk-upsert.ts';
import type { PendingRow, Reason } from './types.ts';

/** What the run needs to know about "now" and secrets. */
export interface ImportContext {
  /** HMAC secret for ID numbers (config ANXIN_ID_SECRET). */
  secret: string;
  /** The run's timestamp (createdAt/updatedAt) and, as a Shanghai date, the bound for "in the future". */
  now: Date;
  today: string;
}

/**
 * One import kind (customers, agents, policies). Created per run: it remembers the keys seen so far to reject
 * duplicates inside the file.
 */
export interface KindImporter {
  columns: ColumnSpec[];
  /**
   * Prepares for a file with these (normalised) header names and returns the columns it misses beyond the
   * required ones (customers need `code` or `id_number`, written `code|id_number`).
   */
  useHeader(names: string[]): string[];
  /** Validates one row's cells (keyed by header name). */
  validate(line: number, cells: Record<string, string | undefined>): PendingRow<unknown>;
  /**
   * Checks a batch against the database (unknown references, keys owned by another row), adding reasons to the
   * rows, then writes the rows that have none unless `dryRun`. Returns how many rows were new / already there.
   */
  write(sql: SqlRunner, rows: PendingRow<unknown>[], dryRun: boolean): Promise<{ created: number; updated: number }>;
}

/** Remembers which line first used a key, to report later duplicates in the same file. */
export function duplicateTracker(column: string) {
  const seen = new Map<string, number>();
  return {
    /** A reason if `key` was already used on an earlier line; otherwise nothing (and nothing recorded). */
    check(key: string | null | undefined): Reason | null {
      if (!key) return null;
      const first = seen.get(key);
      return first === undefined ? null : { column, code: 'duplicate_in_file', arg: String(first) };
    },
    remember(key: string | null | undefined, line: number): void {
      if (key && !seen.has(key)) seen.set(key, line);
    },
  };
}
