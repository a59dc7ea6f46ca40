import validator from 'validator';
import { isRealDate } from './date-only.ts';

/**
 * Mainland resident identity numbers (公民身份号码) per GB 11643-1999: 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character. validator's `isIdentityCard(x, 'zh-CN')` is
 * the final word; the checks here only explain *why* a number is rejected, so an operator can fix the file.
 */

/** Why an ID number was rejected; each maps to a message in the `import` catalog. */
export type IdProblem = 'id_scientific' | 'id_old_15' | 'id_format' | 'id_region' | 'id_birth_date' | 'id_checksum' | 'id_invalid';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Province-level codes GB/T 2260 assigns (same list validator uses), plus 91 for foreigners' old numbers.
const REGIONS = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 91'.split(' '),
);

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trims, removes inner spaces and upper-cases the check character. */
export function normaliseId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Returns null for a valid 18-character number, else the first problem found. `today` is YYYY-MM-DD. */
export function checkIdNumber(raw: string, today: string): IdProblem | null {
  const id = normaliseId(raw);
  // Excel turns long digit strings into numbers: 1.10101E+17.
  if (/^\d(\.\d+)?E\+?\d+$/i.test(id)) return 'id_scientific';
  if (/^\d{15}$/.test(id)) return 'id_old_15';
  if (!/^\d{17}[\dX]$/.test(id)) return 'id_format';
  if (!REGIONS.has(id.slice(0, 2))) return 'id_region';
  const birth = idBirthDate(id);
  if (!isRealDate(birth) || birth > today || birth < '1900-01-01') return 'id_birth_date';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'id_checksum';
  if (!validator.isIdentityCard(id, 'zh-CN')) return 'id_invalid';
  return null;
}

/** Birth date encoded in an 18-character number, YYYY-MM-DD. */
export function idBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Sex encoded in an 18-character number: odd 17th digit = M. */
export function idGender(id: string): 'M' | 'F' {
  return Number(id[16]) % 2 === 1 ? 'M' : 'F';
}

/** True when the value has the shape of an 18-character ID number (used to tell ID references from codes). */
export function looksLikeIdNumber(v: string): boolean {
  return /^\d{17}[\dXx]$/.test(v.trim());
}

/** Builds a valid number from region, birth date and sequence (demo data, tests). */
export function makeIdNumber(region: string, birthYmd: string, seq: number): string {
  const first17 = `${region}${birthYmd.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

