/** Pattern and field matching for corpus expectations. */
import { formatShanghai } from './shanghai.ts';
import { isRegexPattern } from './schema.ts';

/** True when `text` matches the corpus pattern (`/re/` or plain substring). */
export function matchesPattern(text: string, pattern: string): boolean {
  return isRegexPattern(pattern) ? new RegExp(pattern.slice(1, -1)).test(text) : text.includes(pattern);
}

/** A stored value as the corpus compares it: dates in Asia/Shanghai "YYYY-MM-DD HH:mm", JSON as text. */
export function comparable(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return formatShanghai(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && value !== null && 'toNumber' in value && typeof (value as { toNumber: unknown }).toNumber === 'function') {
    return (value as { toNumber: () => number }).toNumber();
  }
  return JSON.stringify(value);
}

/**
 * Whether one stored field meets its expectation: a string equals (or `/re/` matches) the value's text, a number or
 * boolean equals it, null means empty.
 */
export function fieldMatches(actual: unknown, expected: string | number | boolean | null): boolean {
  const v = comparable(actual);
  if (expected === null) return v === null || v === '';
  if (typeof expected === 'string') {
    if (v === null) return false;
    const s = String(v);
    return isRegexPattern(expected) ? new RegExp(expected.slice(1, -1)).test(s) : s === expected;
  }
  if (typeof expected === 'number') return typeof v === 'number' ? v === expected : Number(v) === expected;
  return v === expected;
}
