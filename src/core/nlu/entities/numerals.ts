/**
 * Chinese numerals as customers type them: 三, 十二, 两万五, 一万二, 三千五百, 二〇二六, mixed with Arabic digits (3万5).
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters that may appear in a Chinese numeral. */
export const ZH_NUM_CHARS = '零〇一幺二两俩三四五六七八九十百千万亿';

/**
 * Parses a numeral made of Chinese digits/units and optionally Arabic digits. Returns NaN when it is not one.
 * A trailing digit after a unit is the spoken abbreviation: 一万二 = 12000, 三千五 = 3500, 3万5 = 35000.
 */
export function parseZhNumber(s: string): number {
  if (!s) return NaN;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  // Pure digit sequence (二〇二六, 一三八) reads digit by digit.
  if (/^[零〇一二三四五六七八九]+$/.test(s) && s.length > 1 && !/十|百|千/.test(s)) {
    return Number([...s].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 1;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const arabic = /^\d+(\.\d+)?/.exec(s.slice(i));
    if (arabic) {
      digit = Number(arabic[0]);
      i += arabic[0].length;
      continue;
    }
    if (c in DIGITS) {
      digit = DIGITS[c];
    } else if (c in SMALL_UNITS) {
      const u = SMALL_UNITS[c];
      section += (digit ?? 1) * u;
      digit = null;
      lastUnit = u;
    } else if (c in BIG_UNITS) {
      const u = BIG_UNITS[c];
      total += (section + (digit ?? 0)) * u;
      if (section === 0 && digit === null) total += u;
      section = 0;
      digit = null;
      lastUnit = u;
    } else {
      return NaN;
    }
    i++;
  }
  if (digit !== null) {
    // 一万二 → the trailing 二 is 2 thousand; 三千五 → 5 hundred; plain 十二 → 12.
    const prev = s[s.length - 2];
    const abbreviated = prev !== undefined && (prev in BIG_UNITS || prev === '千' || prev === '百') && lastUnit >= 100;
    section += abbreviated ? digit * (lastUnit / 10) : digit;
  }
  return total + section;
}
