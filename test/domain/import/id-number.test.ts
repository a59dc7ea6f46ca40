import { describe, expect, it } from 'vitest';
import { checkIdNumber, idBirthDate, idCheckChar, idGender, makeIdNumber } from '../../../src/domain/import/id-number.ts';

const TODAY = '2026-11-29';

describe('GB 11643 ID numbers', () => {
  it('computes the check character of the standard example (11010519491231002X)', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X', TODAY)).toBeNull();
    expect(checkIdNumber('11010519491231002x', TODAY)).toBeNull();
  });

  it('accepts numbers built with makeIdNumber and reads birth date and sex from them', () => {
    const id = makeIdNumber('310104', '1985-03-07', 123);
    expect(id).toMatch(/^31010419850307123[\dX]$/);
    expect(checkIdNumber(id, TODAY)).toBeNull();
    expect(idBirthDate(id)).toBe('1985-03-07');
    expect(idGender(id)).toBe('M');
    expect(idGender(makeIdNumber('310104', '1985-03-07', 124))).toBe('F');
  });

  it('names the reason a number is rejected', () => {
    const good = makeIdNumber('440305', '1990-08-21', 246);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(checkIdNumber(wrongCheck, TODAY)).toBe('id_checksum');
    expect(checkIdNumber('1.10101E+17', TODAY)).toBe('id_scientific');
    expect(checkIdNumber('110105491231002', TODAY)).toBe('id_old_15');
    expect(checkIdNumber('1101051949123100', TODAY)).toBe('id_format');
    expect(checkIdNumber('99010519491231002X', TODAY)).toBe('id_region');
    expect(checkIdNumber(makeIdNumber('110105', '1990-02-30', 1), TODAY)).toBe('id_birth_date');
    expect(checkIdNumber(makeIdNumber('110105', '2027-01-01', 1), TODAY)).toBe('id_birth_date');
  });
});
