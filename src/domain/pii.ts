import { createHmac } from 'node:crypto';

/**
 * Personal-data helpers. Anyone other than the customer (staff in Slack, logs, the staff page) only ever sees
 * masked forms: 张**, 138****5678, 110101********1234, 6222 **** **** 1234.
 */

/** Keeps the surname (first character; first word for Latin names). */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const n = name.trim();
  if (/^[\u4e00-\u9fff]/.test(n)) return n[0] + '*'.repeat(Math.max(1, [...n].length - 1));
  const [first, ...rest] = n.split(/\s+/);
  return rest.length ? `${first} ${rest.map((w) => w[0] + '.').join(' ')}` : `${n[0]}***`;
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const d = phone.replace(/\D/g, '');
  if (d.length < 7) return '*'.repeat(d.length);
  return `${d.slice(0, 3)}${'*'.repeat(d.length - 7)}${d.slice(-4)}`;
}

/** 18-character ID → first 6 and last 4 visible. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  const s = id.trim().toUpperCase();
  if (s.length <= 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/** Bank card → last 4 visible. */
export function maskBankCard(card: string | null | undefined): string {
  if (!card) return '';
  const d = card.replace(/\D/g, '');
  return `${d.slice(0, 4)} **** **** ${d.slice(-4)}`;
}

/** Normalised form of a Chinese ID number (trim, upper-case X). */
export function normaliseIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

/** HMAC of the ID number: lets us match a customer by ID without storing the number. */
export function hashIdNumber(id: string, secret: string): string {
  return createHmac('sha256', secret).update(normaliseIdNumber(id)).digest('hex');
}

const patterns: Array<[RegExp, (m: string) => string]> = [
  [/\b\d{17}[\dXx]\b/g, maskIdNumber],
  [/(?<!\d)\d{16,19}(?!\d)/g, maskBankCard],
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, maskPhone],
];

/** Masks ID numbers, bank cards and mobile numbers inside free text (transcripts shown to staff, logs). */
export function maskText(text: string): string {
  let out = text;
  for (const [re, fn] of patterns) out = out.replace(re, fn);
  return out;
}
