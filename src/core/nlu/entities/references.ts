/**
 * Identifiers with a fixed shape: reference numbers (src/domain/numbers.ts), mainland mobiles, resident ID numbers
 * (GB 11643-1999 checksum via validator) and licence plates (GA 36-2018, incl. 6-character new-energy plates).
 * Each finder returns the value and its span so later extractors can blank it out (an ID number must not also
 * read as a phone number or an amount).
 */
import validator from 'validator';
import { LINE_PREFIX } from '../../../domain/numbers.ts';

export interface Span {
  value: string;
  start: number;
  end: number;
}

const LINE_ALT = Object.values(LINE_PREFIX).join('|');
// Customers sometimes type a space or dash after the prefix (LF 2024000123); the stored form has none.
const POLICY_RE = new RegExp(`(?<![A-Za-z0-9])(${LINE_ALT})[\\s-]?(\\d{10})(?![0-9])`, 'gi');
const refRe = (prefix: string) => new RegExp(`(?<![A-Za-z0-9])(${prefix})[\\s-]?(\\d{14})(?![0-9])`, 'gi');
const CLAIM_RE = refRe('BA');
const COMPLAINT_RE = refRe('TS');
const SERVICE_RE = refRe('BQ');
const WHISTLE_RE = refRe('JB');

function findAll(re: RegExp, text: string, map: (m: RegExpExecArray) => string | null): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = map(m);
    if (value !== null) out.push({ value, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const joinUpper = (m: RegExpExecArray) => (m[1] + m[2]).toUpperCase();

export const findPolicyNumbers = (text: string) => findAll(POLICY_RE, text, joinUpper);
export const findClaimNumbers = (text: string) => findAll(CLAIM_RE, text, joinUpper);
export const findComplaintNumbers = (text: string) => findAll(COMPLAINT_RE, text, joinUpper);
export const findServiceNumbers = (text: string) => findAll(SERVICE_RE, text, joinUpper);
export const findWhistleblowNumbers = (text: string) => findAll(WHISTLE_RE, text, joinUpper);

const ID_RE = /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;

/** 18-character resident ID numbers whose region, birth date and checksum are valid. */
export function findIdNumbers(text: string): Span[] {
  return findAll(ID_RE, text, (m) => {
    const id = m[1].toUpperCase();
    return validator.isIdentityCard(id, 'zh-CN') ? id : null;
  });
}

/** 18-digit strings that look like an ID but fail validation, so they are not mistaken for phones or amounts. */
export function findIdLike(text: string): Span[] {
  return findAll(ID_RE, text, (m) => m[1]);
}

// +86 / 0086 prefix and 3-4-4 grouping with spaces or dashes are common when people paste numbers.
const PHONE_RE = /(?<![0-9])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9])/g;

/** Mainland mobile numbers, normalised to 11 digits. */
export const findPhones = (text: string) => findAll(PHONE_RE, text, (m) => m[1] + m[2] + m[3]);

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE_RE = new RegExp(`([${PROVINCES}])\\s?([A-HJ-NP-Z])[\\s·•・.\\-]?([A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])`, 'gi');

/** Licence plates: ordinary (5 characters after the issuing letter) and new-energy (6, with D/F first or last). */
export function findPlates(text: string): Span[] {
  return findAll(PLATE_RE, text, (m) => {
    const body = m[3].toUpperCase();
    if (body.length === 6 && !/^[DF][A-HJ-NP-Z0-9]\d{4}$/.test(body) && !/^\d{5}[DF]$/.test(body)) return null;
    if ((body.match(/\d/g) ?? []).length < 3) return null;
    return m[1] + m[2].toUpperCase() + body;
  });
}

/** Replaces spans with spaces (length-preserving) so later extractors do not see them. */
export function blank(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}
