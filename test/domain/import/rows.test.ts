import { describe, expect, it } from 'vitest';
import { agentColumns, validateAgentRow } from '../../../src/domain/import/agent-rows.ts';
import { customerColumns, validateCustomerRow } from '../../../src/domain/import/customer-rows.ts';
import { makeIdNumber } from '../../../src/domain/import/id-number.ts';
import { policyColumns, validatePolicyRow } from '../../../src/domain/import/policy-rows.ts';
import { formatProblem } from '../../../src/domain/import/report.ts';

const TODAY = '2026-11-29';
const customers = customerColumns(TODAY);
const ID_F = makeIdNumber('110108', '1990-08-21', 246);

describe('customer rows', () => {
  it('normalises values and takes birthday and sex from the ID number', () => {
    const r = validateCustomerRow(customers, { code: 'C1', name: '李娜', id_number: ID_F, phone: '+86 139-0013-9000', language: 'EN', vip_tier: '金卡', greeting_consent: '否' }, TODAY);
    expect(r.reasons).toEqual([]);
    expect(r.value).toMatchObject({ phone: '13900139000', birthday: '1990-08-21', gender: 'F', language: 'en', vipTier: 'gold', greetingConsent: false });
  });

  it('reports every problem of a row, with the column and the (masked) value', () => {
    const r = validateCustomerRow(customers, {
      code: 'C2', name: '', id_number: ID_F, gender: 'M', birthday: '1990-02-30', phone: '1390013900', language: 'fr', greeting_consent: 'maybe',
    }, TODAY);
    expect(r.reasons.map((x) => [x.column, x.code])).toEqual([
      ['name', 'required'],
      ['birthday', 'date_invalid'],
      ['phone', 'mobile'],
      ['language', 'choice'],
      ['greeting_consent', 'choice'],
      ['gender', 'gender_id_mismatch'],
    ]);
    expect(r.reasons.find((x) => x.column === 'phone')?.value).toBe('139***3900');
    const text = formatProblem('en', { line: 7, reasons: r.reasons });
    expect(text).toMatch(/^line 7: name: is required; birthday: is not a real date \(got "1990-02-30"\); phone: is not a mainland mobile/);
  });

  it('needs a code or an ID number, and rejects a birthday the ID contradicts or in the future', () => {
    expect(validateCustomerRow(customers, { name: '王五', phone: '13800000000' }, TODAY).reasons.map((x) => x.code)).toEqual(['code_or_id_required']);
    expect(validateCustomerRow(customers, { code: 'C3', name: '王五', id_number: ID_F, birthday: '1990-08-22' }, TODAY).reasons.map((x) => x.code)).toEqual(['birthday_id_mismatch']);
    expect(validateCustomerRow(customers, { code: 'C3', name: '王五', birthday: '2030-01-01' }, TODAY).reasons.map((x) => x.code)).toEqual(['date_future']);
  });
});

describe('agent rows', () => {
  it('a leaving date implies "left" and contradicts "active"', () => {
    expect(validateAgentRow(agentColumns(), { code: 'A1', name: '钱', left_at: '2025-01-31' }, TODAY).value.status).toBe('left');
    expect(validateAgentRow(agentColumns(), { code: 'A1', name: '钱', status: 'active', left_at: '2025-01-31' }, TODAY).reasons.map((x) => x.code)).toEqual(['left_at_active']);
  });
});

describe('policy rows', () => {
  const base = { number: 'LF2024000001', product: '安心终身寿险', line: 'life', holder: 'C1', effective_date: '2024-03-15', premium: '12000' };

  it('accepts Chinese aliases and keeps the premium as a decimal string', () => {
    const r = validatePolicyRow(policyColumns(), { ...base, line: '寿险', status: '失效', payment_frequency: '月交', premium: '1,000' });
    expect(r.reasons.map((x) => x.code)).toEqual(['amount_format']);
    const ok = validatePolicyRow(policyColumns(), { ...base, line: '寿险', status: '失效', payment_frequency: '月交', premium: '1000.50' });
    expect(ok.value).toMatchObject({ line: 'life', status: 'lapsed', paymentFrequency: 'monthly', premium: '1000.5' });
  });

  it('checks the number prefix against the line, dates against the effective date, plates and premiums', () => {
    const r = validatePolicyRow(policyColumns(), {
      ...base, line: 'auto', premium: '0', expiry_date: '2024-03-01', plate: '沪A1234', payment_frequency: 'single', next_due_date: '2025-03-15',
    });
    expect(r.reasons.map((x) => [x.column, x.code])).toEqual([
      ['premium', 'amount_positive'],
      ['plate', 'plate_format'],
      ['number', 'policy_number_line'],
      ['expiry_date', 'date_before_effective'],
      ['next_due_date', 'single_no_due'],
    ]);
    expect(validatePolicyRow(policyColumns(), { ...base, number: 'AU2026000001', line: 'auto', plate: '粤B·D12345' }).value.plate).toBe('粤BD12345');
  });

  it('treats an 18-character holder as an ID number and masks it in messages', () => {
    const r = validatePolicyRow(policyColumns(), { ...base, holder: ID_F.toLowerCase(), insured: 'bad code!' });
    expect(r.value.holder).toBe(ID_F.toUpperCase());
    expect(r.reasons).toEqual([{ column: 'insured', code: 'customer_ref_format', value: 'bad code!' }]);
  });
});
