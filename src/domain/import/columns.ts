import type { z } from 'zod';
import { maskIdNumber, maskPhone } from '../pii.ts';
import { looksLikeIdNumber } from './id-number.ts';
import type { Reason } from './types.ts';

/** One CSV column: its header name, the record key it fills, and the schema for a non-empty cell. */
export interface ColumnSpec {
  column: string;
  key: string;
  required?: boolean;
  schema: z.ZodType<unknown, string>;
  /** Personal data: the value is masked wherever it is echoed back (error lists). */
  pii?: 'phone' | 'id' | 'ref';
}

/** Problems with the header line itself; any of them stops the import before a row is read. */
export interface HeaderProblems {
  missing: string[];
  unknown: string[];
  duplicate: string[];
}

/** Checks header names (case-insensitive, trimmed) against the specs; returns the normalised names. */
export function checkHeader(specs: ColumnSpec[], header: string[]): { names: string[]; problems: HeaderProblems | null } {
  const names = header.map((h) => h.trim().toLowerCase());
  const known = new Set(specs.map((s) => s.column));
  const seen = new Set<string>();
  const duplicate: string[] = [];
  for (const n of names) {
    if (seen.has(n)) duplicate.push(n);
    seen.add(n);
  }
  const unknown = names.filter((n) => !known.has(n));
  const missing = specs.filter((s) => s.required && !seen.has(s.column)).map((s) => s.column);
  const bad = missing.length || unknown.length || duplicate.length;
  return { names, problems: bad ? { missing, unknown, duplicate } : null };
}

/** Shows a cell in an error message: masked when it is personal data, shortened when long. */
export function echo(value: string, pii?: ColumnSpec['pii']): string {
  if (pii === 'ref') return looksLikeIdNumber(value) ? maskIdNumber(value) : echo(value);
  if (pii === 'phone') return maskPhone(value) || '*';
  if (pii === 'id') return maskIdNumber(value) || '*';
  return [...value].length > 40 ? `${[...value].slice(0, 40).join('')}…` : value;
}

/** Turns a zod issue message (`code` or `code:arg`) into a reason for `spec`'s column. */
function toReason(spec: ColumnSpec, message: string, cell: string): Reason {
  const i = message.indexOf(':');
  const code = i < 0 ? message : message.slice(0, i);
  return { column: spec.column, code, value: echo(cell, spec.pii), ...(i < 0 ? {} : { arg: message.slice(i + 1) }) };
}

/**
 * Parses one row's cells (keyed by normalised header name). Absent columns stay `undefined`, empty cells become
 * `null` (or a `required` reason), others go through the column schema. Every failing column adds its reasons.
 */
export function parseCells(specs: ColumnSpec[], cells: Record<string, string | undefined>): { value: Record<string, unknown>; reasons: Reason[] } {
  const value: Record<string, unknown> = {};
  const reasons: Reason[] = [];
  for (const spec of specs) {
    const cell = cells[spec.column];
    if (cell === undefined) continue;
    if (cell.includes('\uFFFD')) {
      reasons.push({ column: spec.column, code: 'encoding' });
      continue;
    }
    if (cell === '') {
      if (spec.required) reasons.push({ column: spec.column, code: 'required' });
      else value[spec.key] = null;
      continue;
    }
    const r = spec.schema.safeParse(cell);
    if (r.success) value[spec.key] = r.data;
    else for (const issue of r.error.issues) reasons.push(toReason(spec, issue.message, cell));
  }
  return { value, reasons };
}
