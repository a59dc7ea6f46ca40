/**
 * Reference number formats used across Anxin (and recognised by the NLU).
 * - Policy:     two-letter line prefix + 10 digits, e.g. LF2024000123 (LF life, HL health, AC accident, AU auto,
 *               PR property, TR travel).
 * - Claim report (报案号):  BA + yyyymmdd + 6 digits, e.g. BA20261129000123
 * - Complaint (投诉编号):   TS + yyyymmdd + 6 digits
 * - Service request (保全): BQ + yyyymmdd + 6 digits
 * - Whistleblow (举报):     JB + yyyymmdd + 6 digits
 */
export const LINE_PREFIX = { life: 'LF', health: 'HL', accident: 'AC', auto: 'AU', property: 'PR', travel: 'TR' } as const;
export type Line = keyof typeof LINE_PREFIX;
export const LINES = Object.keys(LINE_PREFIX) as Line[];

export const POLICY_NUMBER_RE = /\b(LF|HL|AC|AU|PR|TR)\d{10}\b/i;
export const CLAIM_NUMBER_RE = /\bBA\d{14}\b/i;
export const COMPLAINT_NUMBER_RE = /\bTS\d{14}\b/i;
export const SERVICE_NUMBER_RE = /\bBQ\d{14}\b/i;
export const WHISTLEBLOW_NUMBER_RE = /\bJB\d{14}\b/i;

export type RefPrefix = 'BA' | 'TS' | 'BQ' | 'JB';

/** A new reference number for `prefix` on the given Shanghai date; `seq` comes from the caller (count + 1, random). */
export function formatRef(prefix: RefPrefix, shanghaiDate: string, seq: number): string {
  return `${prefix}${shanghaiDate.replace(/-/g, '')}${String(seq % 1_000_000).padStart(6, '0')}`;
}
