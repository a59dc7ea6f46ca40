import { choice, code, idNumber, mobile, text, yesNo, ymd } from './fields.ts';
import { parseCells, type ColumnSpec } from './columns.ts';
import { idBirthDate, idGender } from './id-number.ts';
import type { Parsed, Reason } from './types.ts';

/** A customer row after validation (before hashing the ID number). */
export interface CustomerFields {
  code: string;
  name: string;
  idNumber: string;
  gender: 'M' | 'F' | 'U';
  birthday: string;
  lunarBirthday: boolean;
  phone: string;
  language: 'zh' | 'en';
  vipTier: 'standard' | 'silver' | 'gold' | 'platinum';
  greetingConsent: boolean;
  marketingConsent: boolean;
  address: string;
}

export const GENDERS = choice<'M' | 'F' | 'U'>({ M: 'M', F: 'F', U: 'U', male: 'M', female: 'F', unknown: 'U', 男: 'M', 女: 'F', 未知: 'U' });
export const LANGUAGES = choice<'zh' | 'en'>({ zh: 'zh', 'zh-CN': 'zh', en: 'en', 'en-US': 'en', 'en-GB': 'en', 中文: 'zh', 英文: 'en', english: 'en', chinese: 'zh' });
export const VIP_TIERS = choice<CustomerFields['vipTier']>({
  standard: 'standard', silver: 'silver', gold: 'gold', platinum: 'platinum',
  普通: 'standard', 银卡: 'silver', 金卡: 'gold', 白金: 'platinum', 白金卡: 'platinum',
});

/** customers.csv columns, in the documented order. */
export function customerColumns(today: string): ColumnSpec[] {
  return [
    { column: 'code', key: 'code', schema: code() },
    { column: 'name', key: 'name', required: true, schema: text(50) },
    { column: 'id_number', key: 'idNumber', schema: idNumber(today), pii: 'id' },
    { column: 'gender', key: 'gender', schema: GENDERS },
    { column: 'birthday', key: 'birthday', schema: ymd },
    { column: 'lunar_birthday', key: 'lunarBirthday', schema: yesNo },
    { column: 'phone', key: 'phone', schema: mobile, pii: 'phone' },
    { column: 'language', key: 'language', schema: LANGUAGES },
    { column: 'vip_tier', key: 'vipTier', schema: VIP_TIERS },
    { column: 'greeting_consent', key: 'greetingConsent', schema: yesNo },
    { column: 'marketing_consent', key: 'marketingConsent', schema: yesNo },
    { column: 'address', key: 'address', schema: text(200) },
  ];
}

/**
 * Validates one customers.csv row. A row needs a code or an ID number (the keys re-imports match on). A missing
 * birthday or gender is taken from the ID number; one that contradicts it is an error.
 */
export function validateCustomerRow(
  specs: ColumnSpec[],
  cells: Record<string, string | undefined>,
  today: string,
): { value: Parsed<CustomerFields>; reasons: Reason[] } {
  const { value: raw, reasons } = parseCells(specs, cells);
  const v = raw as Parsed<CustomerFields>;
  const failed = new Set(reasons.map((r) => r.column));
  if (!v.code && !v.idNumber && !failed.has('code') && !failed.has('id_number')) {
    reasons.push({ code: 'code_or_id_required' });
  }
  if (v.birthday) {
    if (v.birthday > today) reasons.push({ column: 'birthday', code: 'date_future', value: v.birthday });
    else if (v.birthday < '1900-01-01') reasons.push({ column: 'birthday', code: 'date_too_old', value: v.birthday });
  }
  if (v.idNumber) {
    const born = idBirthDate(v.idNumber);
    if (v.birthday == null) v.birthday = born;
    else if (v.birthday !== born && !failed.has('birthday')) reasons.push({ column: 'birthday', code: 'birthday_id_mismatch', value: v.birthday });
    const sex = idGender(v.idNumber);
    if (v.gender == null) v.gender = sex;
    else if (v.gender !== 'U' && v.gender !== sex) reasons.push({ column: 'gender', code: 'gender_id_mismatch', value: v.gender });
  }
  return { value: v, reasons };
}
