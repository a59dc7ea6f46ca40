import { beforeAll, describe, expect, it } from 'vitest';
import { defaultKbDir, loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/kb/index.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(defaultKbDir());
});

describe('a question naming a line is answered by that line (issue 11)', () => {
  it('车险理赔要准备什么材料 gets the motor documents, not the medical ones that share more words', () => {
    const a = kb.answer('车险理赔要准备什么材料', 'zh');
    expect(a?.confident).toBe(true);
    expect(a?.entry.id).toBe('auto-claim-docs');
  });

  it('the same wording about medical insurance still gets the medical documents', () => {
    expect(kb.answer('医疗险理赔要准备什么材料', 'zh')?.entry.id).toBe('health-medical-claim-docs');
  });
});

describe('pinyin typed without tones', () => {
  it.each([
    ['youyuqi 是几天', 'life-cooling-off'],
    ['kuanxianqi多久', 'life-grace-period'],
  ])('%s → %s', (q, id) => {
    const a = kb.answer(q, 'zh');
    expect(a?.entry.id).toBe(id);
    expect(a?.confident).toBe(true);
  });
});

describe('two questions in one message', () => {
  it('宽限期多久啊 过了还能复效吗 answers the grace period and reinstatement', () => {
    const a = kb.answer('宽限期多久啊 过了还能复效吗', 'zh');
    expect(a?.entry.id).toBe('life-grace-period');
    expect(a?.more?.map((e) => e.id)).toEqual(['life-reinstatement']);
    expect(a?.answer).toMatch(/60天[\s\S]*复效/);
  });

  it('a single question gets one answer', () => {
    expect(kb.answer('宽限期多久啊', 'zh')?.more).toBeUndefined();
  });
});

describe('reporting out of hours', () => {
  it.each([
    ['你们晚上有人处理吗', 'zh'],
    ['车险 晚上出的事你们晚上有人处理吗', 'zh'],
    ['can I report a claim on a public holiday?', 'en'],
  ] as const)('%s → 24-hour reporting', (q, lang) => {
    const a = kb.answer(q, lang);
    expect(a?.entry.id).toBe('claim-report-hours');
    expect(a?.confident).toBe(true);
  });
});
