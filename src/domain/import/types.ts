/** What `anxin import` can load. */
export type ImportKind = 'customers' | 'agents' | 'policies';
export const IMPORT_KINDS: ImportKind[] = ['customers', 'agents', 'policies'];

/**
 * One reason a row was rejected. `code` names a message in the `import` catalog (`import:reason.<code>`);
 * `value` is what the file said (masked for ID numbers and phones); `arg` fills the message (a limit, a line).
 */
export interface Reason {
  column?: string;
  code: string;
  value?: string;
  arg?: string;
}

/** A rejected row: its CSV line (header = line 1) and every reason. */
export interface RowProblem {
  line: number;
  reasons: Reason[];
}

/** What an import did. `problems` is sorted by line. */
export interface ImportResult {
  kind: ImportKind;
  /** Data rows read (excluding the header and blank lines). */
  rows: number;
  created: number;
  updated: number;
  /** Rows rejected (= problems.length). */
  failed: number;
  problems: RowProblem[];
  dryRun: boolean;
}

/** Values parsed from one row: absent columns are `undefined` (left untouched on update), empty cells `null`. */
export type Parsed<T> = { [K in keyof T]?: T[K] | null };

/** A row on its way to the database; rows with reasons are checked against the database but never written. */
export interface PendingRow<T> {
  line: number;
  value: T;
  reasons: Reason[];
}
