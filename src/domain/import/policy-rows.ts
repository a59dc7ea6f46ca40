import { z } from 'zod';
import { LINE_PREFIX, type Line } from '../numbers.ts';
import { amount, choice, code, plate, text, wholeNumber, ymd } from './fields.ts';
import { parseCells, type ColumnSpec } from './columns.ts';
import { looksLikeIdNumber, normaliseId } from './id-number.ts';
import type { Parsed, Reason } from './types.ts';

export type PolicyStatus = 'pending' | 'active' | 'lapsed' | 'surrendered' | 'expired' | 'terminated';
export type PaymentFrequency = 'single' | 'annual' | 'semiannual' | 'quarterly' | 'monthly';

/** A policies.csv row after validation; holder/insured/agent are still references to resolve in the database. */
export interface PolicyFields {
  number: string;
  product: string;
  line: Line;
  holder: string;
  insured: string;
  status: PolicyStatus;
  effectiveDate: string;
  expiryDate: string;
  coolingOffEnd: string;
  termYears: number;
  premium: string;
  sumInsured: string;
  paymentFrequency: PaymentFrequency;
  nextDueDate: string;
  agent: string;
  plate: string;
}

export const LINES = choice<Line>({
  life: 'life', health: 'health', accident: 'accident', auto: 'auto', property: 'property', travel: 'travel',
  寿险: 'life', 人寿险: 'life', 健康险: 'health', 医疗险: 'health', 意外险: 'accident', 车险: 'auto',
  财产险: 'property', 家财险: 'property', 旅行险: 'travel',
});
export const POLICY_STATUSES = choice<PolicyStatus>({
  pending: 'pending', active: 'active', lapsed: 'lapsed', surrendered: 'surrendered', expired: 'expired', terminated: 'terminated',
  待生效: 'pending', 有效: 'active', 失效: 'lapsed', 中止: 'lapsed', 退保: 'surrendered', 满期: 'expired', 终止: 'terminated',
});
export const FREQUENCIES = choice<PaymentFrequency>({
  single: 'single', annual: 'annual', semiannual: 'semiannual', quarterly: 'quarterly', monthly: 'monthly',
  趸交: 'single', 年交: 'annual', 半年交: 'semiannual', 季交: 'quarterly', 月交: 'monthly',
});

const policyNumber = z
  .string()
  .transform((v) => v.toUpperCase())
  .refine((v) => /^(LF|HL|AC|AU|PR|TR)\d{10}$/.test(v), { message: 'policy_number_format' });

/** A customer reference: a customer code, or an 18-character ID number (normalised). */
const customerRef = z.string().transform((v, ctx) => {
  if (looksLikeIdNumber(v)) return normaliseId(v);
  const r = code().safeParse(v);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: 'customer_ref_format' });
    return z.NEVER;
  }
  return v;
});

/** policies.csv columns, in the documented order. */
export function policyColumns(): ColumnSpec[] {
  return [
    { column: 'number', key: 'number', required: true, schema: policyNumber },
    { column: 'product', key: 'product', required: true, schema: text(100) },
    { column: 'line', key: 'line', required: true, schema: LINES },
    { column: 'holder', key: 'holder', required: true, schema: customerRef, pii: 'ref' },
    { column: 'insured', key: 'insured', schema: customerRef, pii: 'ref' },
    { column: 'status', key: 'status', schema: POLICY_STATUSES },
    { column: 'effective_date', key: 'effectiveDate', required: true, schema: ymd },
    { column: 'expiry_date', key: 'expiryDate', schema: ymd },
    { column: 'cooling_off_end', key: 'coolingOffEnd', schema: ymd },
    { column: 'term_years', key: 'termYears', schema: wholeNumber(1, 100) },
    { column: 'premium', key: 'premium', required: true, schema: amount },
    { column: 'sum_insured', key: 'sumInsured', schema: amount },
    { column: 'payment_frequency', key: 'paymentFrequency', schema: FREQUENCIES },
    { column: 'next_due_date', key: 'nextDueDate', schema: ymd },
    { column: 'agent', key: 'agent', schema: code(32) },
    { column: 'plate', key: 'plate', schema: plate },
  ];
}

/** Validates one policies.csv row: the number's prefix must match the line, dates must be in order. */
export function validatePolicyRow(
  specs: ColumnSpec[],
  cells: Record<string, string | undefined>,
): { value: Parsed<PolicyFields>; reasons: Reason[] } {
  const { value: raw, reasons } = parseCells(specs, cells);
  const v = raw as Parsed<PolicyFields>;
  if (v.number && v.line && !v.number.startsWith(LINE_PREFIX[v.line])) {
    reasons.push({ column: 'number', code: 'policy_number_line', value: v.number, arg: LINE_PREFIX[v.line] });
  }
  if (v.effectiveDate) {
    for (const [key, column] of [['expiryDate', 'expiry_date'], ['coolingOffEnd', 'cooling_off_end']] as const) {
      const d = v[key];
      if (d && d < v.effectiveDate) reasons.push({ column, code: 'date_before_effective', value: d });
    }
  }
  if (v.paymentFrequency === 'single' && v.nextDueDate) {
    reasons.push({ column: 'next_due_date', code: 'single_no_due', value: v.nextDueDate });
  }
  if (v.plate && v.line && v.line !== 'auto') reasons.push({ column: 'plate', code: 'plate_not_auto', value: v.plate });
  return { value: v, reasons };
}
