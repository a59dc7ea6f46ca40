import validator from 'validator';
import { z } from 'zod';
import { isRealDate } from './date-only.ts';
import { checkIdNumber, normaliseId } from './id-number.ts';

/**
 * Column value schemas. Each takes the trimmed, non-empty cell text and yields the stored value; an issue's
 * message is a reason code, optionally `code:arg` (see types.ts `Reason`).
 */

/** Free text up to `max` characters. */
export const text = (max: number) => z.string().max(max, { message: `too_long:${max}` });

/** A code from the insurer's core system: letters, digits, `-`, `_`, `.`. */
export const code = (max = 40) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9._-]{1,${max}}$`), { message: `code_format:${max}` });

/** Accepts each allowed value and its aliases case-insensitively, yields the canonical value. */
export function choice<T extends string>(aliases: Record<string, T>) {
  const canonical = [...new Set(Object.values(aliases))].join(', ');
  const map = new Map(Object.entries(aliases).map(([k, v]) => [k.toLowerCase(), v]));
  return z.string().transform((v, ctx) => {
    const hit = map.get(v.toLowerCase());
    if (hit === undefined) {
      ctx.addIssue({ code: 'custom', message: `choice:${canonical}` });
      return z.NEVER;
    }
    return hit;
  });
}

export const yesNo = choice<'yes' | 'no'>({
  yes: 'yes', y: 'yes', true: 'yes', '1': 'yes', 是: 'yes',
  no: 'no', n: 'no', false: 'no', '0': 'no', 否: 'no',
}).transform((v) => v === 'yes');

/** A calendar date written YYYY-MM-DD, kept as that string. */
export const ymd = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' })
  .refine(isRealDate, { message: 'date_invalid', abort: true });

/** Mainland mobile: 11 digits starting 13–19; spaces, dashes and a +86/0086 prefix are removed. */
export const mobile = z.string().transform((v, ctx) => {
  const digits = v.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  if (!/^1[3-9]\d{9}$/.test(digits) || !validator.isMobilePhone(digits, 'zh-CN')) {
    ctx.addIssue({ code: 'custom', message: 'mobile' });
    return z.NEVER;
  }
  return digits;
});

/** An 18-character ID number (GB 11643), normalised; `today` bounds the birth date. */
export const idNumber = (today: string) =>
  z.string().transform((v, ctx) => {
    const problem = checkIdNumber(v, today);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return normaliseId(v);
  });

/** A money amount > 0 with at most two decimals, kept as a decimal string. */
export const amount = z
  .string()
  .refine((v) => validator.isDecimal(v, { decimal_digits: '0,2', force_decimal: false }) && !v.startsWith('+'), {
    message: 'amount_format',
    abort: true,
  })
  .refine((v) => Number(v) > 0, { message: 'amount_positive' })
  .transform((v) => String(Number(v)));

/** A whole number in [min, max]. */
export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `integer:${min}-${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `integer:${min}-${max}` });

/**
 * Chinese licence plate: province character, issuing-office letter, 5 (ordinary) or 6 (new-energy) characters,
 * or a trailing 挂/学/警/港/澳. A middle dot or space after the office letter is removed.
 */
export const plate = z.string().transform((v, ctx) => {
  const p = v.replace(/[\s·•.-]/g, '').toUpperCase();
  const ok = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]?$/.test(p)
    && p.length >= 7 && p.length <= 8;
  if (!ok) {
    ctx.addIssue({ code: 'custom', message: 'plate_format' });
    return z.NEVER;
  }
  return p;
});
