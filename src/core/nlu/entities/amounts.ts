/**
 * Amounts of money in yuan: 5000元, 3万, ¥1,200, 1.5k, RMB 800, 两万五, 3w, 800块钱.
 * A bare number is not an amount (it may be a date, a count or a time): a currency sign, a currency word or a
 * magnitude (万/千/k/w) is required.
 */
import { ZH_NUM_CHARS, parseZhNumber } from './numerals.ts';

const ARABIC = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// A Chinese numeral must start with a digit or 十 (so 千万/万一 "by all means"/"in case" are never amounts).
const ZH = `[一二两三四五六七八九十][${ZH_NUM_CHARS}]*`;
const NUM = `(?:${ARABIC})(?:[万千][0-9一二三四五六七八九]?)?|${ZH}`;
const MAG = String.raw`(?<mag>[kKwW](?![a-zA-Z])|万|千)?`;
const CUR_AFTER = String.raw`(?:元|块钱|块|圆|rmb|RMB|yuan|Yuan|CNY|cny|人民币)`;
const CUR_BEFORE = String.raw`(?:¥|￥|RMB|rmb|CNY|cny|人民币)`;

const AMOUNT_RE = new RegExp(
  String.raw`${CUR_BEFORE}\s*(?<a>${NUM})\s*${MAG}(?:多)?\s*${CUR_AFTER}?` +
    String.raw`|(?<b>${NUM})\s*${MAG.replace('mag', 'mag2')}\s*(?:多)?\s*(?<cur>${CUR_AFTER})?(?!火急)`,
  'g',
);

const MAGNITUDE: Record<string, number> = { k: 1000, w: 10_000, 万: 10_000, 千: 1000 };

function toNumber(raw: string): number {
  const clean = raw.replace(/,/g, '');
  return /^\d+(\.\d+)?$/.test(clean) ? Number(clean) : parseZhNumber(clean);
}

/** Amounts in yuan in order of appearance (duplicates removed). */
export function findAmounts(text: string): number[] {
  const out: number[] = [];
  AMOUNT_RE.lastIndex = 0;
  for (let m = AMOUNT_RE.exec(text); m; m = AMOUNT_RE.exec(text)) {
    if (m[0].length === 0) {
      AMOUNT_RE.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    const raw = g.a ?? g.b;
    const mag = (g.mag ?? g.mag2)?.toLowerCase();
    if (g.b !== undefined) {
      // Without a currency sign the number needs a currency word or a magnitude, and a Chinese numeral must
      // contain a unit character itself or carry a currency word (五块, 三万; not 三 alone).
      const hasMagInside = /[万千]/.test(raw);
      if (!g.cur && !mag && !hasMagInside) continue;
    }
    // A digit immediately before is part of something else (a longer number already blanked out, a date).
    if (m.index > 0 && /[0-9.]/.test(text[m.index - 1])) continue;
    let value = toNumber(raw);
    if (mag) value *= MAGNITUDE[mag];
    if (!Number.isFinite(value) || value <= 0) continue;
    value = Math.round(value * 100) / 100;
    if (!out.includes(value)) out.push(value);
  }
  return out;
}
