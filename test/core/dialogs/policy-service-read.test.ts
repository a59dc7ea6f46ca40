import { describe, expect, it } from 'vitest';
import { readSubmit } from '../../../src/core/dialogs/flows/complaint/review.ts';
import { policyFromOpening, readPolicy, readType } from '../../../src/core/dialogs/flows/policy-service/read.ts';

const POLICIES = [
  { id: '1', number: 'AC2026000001', product: 'Accident', line: 'accident', coolingOffEnd: null },
  { id: '2', number: 'TR2026000002', product: 'Travel', line: 'travel', coolingOffEnd: null },
  { id: '3', number: 'LF2024000001', product: '安心终身寿险', line: 'life', coolingOffEnd: null },
];

describe('policy service readers', () => {
  it('reads the type from words the NLU has no keyword for', () => {
    expect(readType('终身寿险我想退了', {})).toBe('surrender');
    expect(readType('I got a new Chinese number 13698765432, can you update it on my policy', { phone: '13698765432' })).toBe('change_phone');
    expect(readType('13698765432', { phone: '13698765432' })).toBeUndefined();
    expect(readType('退保', {})).toBe('surrender');
  });

  it('picks a policy by number, position or line', () => {
    expect(readPolicy('the accident one', POLICIES)?.number).toBe('AC2026000001');
    expect(readPolicy('旅行那个', POLICIES)?.number).toBe('TR2026000002');
    expect(readPolicy('第二个', POLICIES)?.number).toBe('TR2026000002');
    expect(readPolicy('3', POLICIES)?.number).toBe('LF2024000001');
    expect(readPolicy('随便', POLICIES)).toBeUndefined();
    expect(policyFromOpening('终身寿险我想退了', POLICIES)?.number).toBe('LF2024000001');
    expect(policyFromOpening('我想退保', POLICIES)).toBeUndefined();
  });

  it('"not yet" at a read-back is a no', () => {
    expect(readSubmit('先不提交了 我再想想')).toBe(false);
    expect(readSubmit('hold off for now')).toBe(false);
    expect(readSubmit('对的')).toBe(true);
    expect(readSubmit('嗯')).not.toBe(false);
  });
});
