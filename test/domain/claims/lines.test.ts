import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/index.ts';
import { LINES } from '../../../src/domain/numbers.ts';
import { documentsKey, isTheft, needsHospital, needsInjuries, needsOtherParties, needsPoliceReport, nextStepsKey, photosOptional } from '../../../src/domain/claims/lines.ts';

describe('per-line claim questions', () => {
  it('asks motor claims about injuries, the other party and the traffic police, and needs photos', () => {
    expect([needsInjuries('auto'), needsOtherParties('auto'), needsPoliceReport('auto'), needsHospital('auto'), photosOptional('auto')]).toEqual([true, true, true, false, false]);
  });

  it('asks about the police for property only when something was stolen', () => {
    expect(needsPoliceReport('property', '水管爆裂，地板泡水')).toBe(false);
    expect(needsPoliceReport('property', '家里被盗，丢了电脑')).toBe(true);
    expect(needsPoliceReport('property', 'someone broke in and stole my laptop')).toBe(true);
    expect(isTheft('my bike was stolen')).toBe(true);
  });

  it('asks health claims about injuries only when an accident is described, and always about the hospital', () => {
    expect(needsInjuries('health', '发烧住院三天')).toBe(false);
    expect(needsInjuries('health', '骑车摔倒骨折住院')).toBe(true);
    expect(needsHospital('health')).toBe(true);
    expect(photosOptional('health')).toBe(true);
  });

  it('treats an unknown line like life (no extra questions) rather than failing', () => {
    expect([needsInjuries('pet'), needsOtherParties('pet'), needsPoliceReport('pet'), needsHospital('pet')]).toEqual([false, false, false, false]);
    expect(documentsKey('pet')).toBe('claim:documents.life');
  });

  it('has documents and next steps for every line in both languages', () => {
    for (const line of LINES) {
      for (const lang of ['zh', 'en'] as const) {
        expect(t(lang, documentsKey(line))).not.toBe(documentsKey(line));
        expect(t(lang, nextStepsKey(line))).not.toBe(nextStepsKey(line));
      }
    }
    expect(t('zh', documentsKey('life'))).toMatch(/死亡证明/);
    expect(t('zh', documentsKey('health'))).toMatch(/发票[\s\S]*出院小结[\s\S]*诊断证明/);
    expect(t('en', documentsKey('travel'))).toMatch(/flight delay[\s\S]*Passport/i);
    expect(t('zh', documentsKey('auto'))).toMatch(/驾驶证、行驶证[\s\S]*事故认定书[\s\S]*维修估价单/);
  });
});
