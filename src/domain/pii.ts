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

/** What {@link findPii} recognises in free text. */
export type PiiKind = 'email' | 'idNumber' | 'bankCard' | 'phone' | 'landline' | 'address';

/** One piece of personal data in a text: `[start, end)` in the original string, `value` with widths folded. */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

/**
 * Folds full-width ASCII (１３９, ＋８６, ＠), the ideographic space, no-break spaces and dash variants to plain
 * ASCII, one UTF-16 unit for one, so offsets found in the folded text are offsets in the original.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000\u00a0\u2010-\u2015\u2212\ufe63]/g, (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
    return c === 0x3000 || c === 0xa0 ? ' ' : '-';
  });
}

/** A separator inside a written number: a space, a dash, or " - ". */
const S = '(?:[ \\t]?-?[ \\t]?)';
/** Street-name characters: Han, but not the administrative units (kept) nor the words that lead into an address. */
const HAN = '(?:(?![省市区县旗在住是到于址])[\\u4e00-\\u9fff])';
const NUM = '[\\d一二三四五六七八九十百零〇两]+';
const UNIT = '(?:号楼|号院|弄|号|栋|幢|座|单元|楼|层|室|户)';
const NUMPART = `${NUM}(?:-${NUM})*${UNIT}(?:${S}${NUM}(?:-${NUM})*${UNIT})*(?:${S}\\d{2,5}(?!\\d))?`;
const STREET = `${HAN}{1,8}?(?:大道|大街|路|街|巷|弄|胡同|道|村)`;
const ESTATE = `${HAN}{1,8}?(?:小区|花园|公寓|大厦|新村|家园|苑|府|城)`;
const TWO_UNITS = `${NUM}(?:号楼|栋|幢|座|单元)${S}?${NUM}(?:-${NUM})*(?:单元|楼|层|室|户|号)(?:${S}?${NUM}(?:室|户|号))?`;

/** Highest priority first: where two matches overlap, the earlier kind wins. */
const DETECTORS: Array<[PiiKind, RegExp]> = [
  // Bounded repeats (RFC 5321 lengths) keep the scan linear on long texts without an @.
  ['email', /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g],
  // 18-character ID numbers, also written 6-8-4 or 6-4-4-4; 15-digit ones from before 1999.
  ['idNumber', new RegExp(`(?<![0-9A-Za-z])(?:\\d{6}${S}\\d{4}${S}\\d{2}${S}?\\d{2}${S}\\d{3}[\\dXx]|\\d{15})(?![\\dA-Za-z])`, 'g')],
  // Bank cards: 16-19 digits in a row, in groups of four (the last may be shorter: 19-digit UnionPay), or 6 + rest.
  ['bankCard', new RegExp(`(?<![0-9A-Za-z])(?:\\d{16,19}|\\d{4}(?:${S}\\d{4}){3}(?:${S}\\d{1,3})?|\\d{6}${S}\\d{10,13})(?!\\d)`, 'g')],
  // Mainland mobiles, optionally with +86 / 0086 / (+86), written 3-4-4 with spaces or dashes or in one run.
  ['phone', new RegExp(`(?<!\\d)(?:(?:\\+|00)${S}86${S}|\\(\\+?86\\)${S})?1[3-9]\\d${S}\\d{4}${S}\\d{4}(?!\\d)`, 'g')],
  // Landlines only with their area code set apart (010-12345678, (021) 6888 1234): a bare 0… run is too often something else.
  ['landline', new RegExp(`(?<!\\d)(?:0\\d{2,3}[ -]|\\(0\\d{2,3}\\)${S})\\d{3,4}${S}\\d{4}(?!\\d)`, 'g')],
  ['address', new RegExp(`(?:${STREET}|${ESTATE})${S}${NUMPART}(?:${S}(?:${ESTATE})?${S}${NUMPART})*|${TWO_UNITS}`, 'g')],
  ['address', /\b\d{1,5}[ ,]+(?:[A-Z][a-z]+ ){1,4}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way)\b\.?/g],
];

/**
 * Finds the personal data in a free text — e-mail addresses, ID numbers, bank cards, mobile and landline numbers,
 * street addresses — however it is written (spaces, dashes, +86, full-width digits). Policy and claim numbers,
 * amounts and dates are not personal data here and are never returned. Spans are sorted and never overlap.
 */
export function findPii(text: string): PiiSpan[] {
  const folded = foldWidth(text);
  const taken: PiiSpan[] = [];
  const free = (s: number, e: number) => taken.every((t) => e <= t.start || s >= t.end);
  for (const [kind, re] of DETECTORS) {
    for (const m of folded.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].trim() && free(start, end)) taken.push({ kind, start, end, value: m[0] });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

const digitsOf = (s: string) => s.replace(/[^\dXx]/g, '');

/** The masked form of one span. */
export function maskSpan(span: PiiSpan): string {
  switch (span.kind) {
    case 'email': {
      const [local, domain] = span.value.split('@');
      return `${local[0]}***@${domain}`;
    }
    case 'idNumber':
      return maskIdNumber(digitsOf(span.value));
    case 'bankCard':
      return maskBankCard(span.value);
    case 'phone':
      return maskPhone(digitsOf(span.value.replace(/^(?:\+|00)?[ \t-]*86|^\(\+?86\)/, '')));
    case 'landline': {
      const area = /0\d{2,3}/.exec(span.value)![0];
      const rest = digitsOf(span.value).slice(area.length);
      return `${area}-${'*'.repeat(rest.length - 4)}${rest.slice(-4)}`;
    }
    case 'address':
      return '***';
  }
}

/**
 * THE masking function for free text that anyone but the customer sees: staff page, Slack cards and threads, logs,
 * CLI output and exports. 139 1234 5678 / +86 139-1234-5678 / １３９１２３４５６７８ → 139****5678,
 * 310104 19850307 1231 → 310104********1231, 6222 0212 3456 7890 123 → 6222 **** **** 0123, zhang@example.com →
 * z***@example.com, 上海市浦东新区世纪大道100号3号楼1202室 → 上海市浦东新区***. Idempotent.
 */
export function maskText(text: string): string {
  const spans = findPii(text);
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + maskSpan(s);
    at = s.end;
  }
  return out + text.slice(at);
}

/** A stored address for staff: the province, city and district stay, the street, building and room do not. */
export function maskAddress(address: string | null | undefined): string {
  if (!address) return '';
  const masked = maskText(address);
  if (masked !== address) return masked;
  // Not recognised as a street address: keep only up to the district (or the first six characters).
  const district = /^.{0,12}?[区县旗]/u.exec(address)?.[0];
  const chars = [...address];
  return district ? `${district}***` : chars.length <= 6 ? '***' : `${chars.slice(0, 6).join('')}***`;
}
