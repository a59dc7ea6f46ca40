import { beforeAll, describe, expect, it } from 'vitest';
import { defaultKbDir, KB_LINES, loadKnowledgeBase, type KbEntry, type KnowledgeBase } from '../../../src/domain/kb/index.ts';

const hasHan = /\p{Script=Han}/u;
const zhSentences = (s: string) => (s.match(/[。！？]/g) ?? []).length;
const enSentences = (s: string) => (s.match(/[.!?](\s|$)/g) ?? []).length;

describe('the repository knowledge base (kb/)', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(defaultKbDir());
  });

  it('loads at least 60 entries, each complete in Chinese and English', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(60);
    for (const e of kb.entries) {
      expect(e.zh.question, e.id).toMatch(hasHan);
      expect(e.zh.answer, e.id).toMatch(hasHan);
      expect(e.en.question, e.id).toMatch(/[a-z]/i);
      expect(e.en.answer, e.id).toMatch(/[a-z]/i);
      // Chinese may appear only as a name in brackets, e.g. "Jinshitong" (金事通).
      expect(e.en.answer.replace(/\([^)]*\)/g, ''), `${e.id} English answer contains Chinese`).not.toMatch(hasHan);
    }
  });

  it('covers every line of business with at least five entries', () => {
    for (const line of KB_LINES) {
      expect(kb.entries.filter((e) => e.lines.includes(line)).length, line).toBeGreaterThanOrEqual(5);
    }
  });

  it('has unique ids that get() finds, and remembers the source file', () => {
    const ids = kb.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(kb.get('auto-compulsory-limits')?.source).toBe('auto.yaml');
    expect(kb.get('no-such-entry')).toBeUndefined();
  });

  it('keeps answers chat-sized: 2 to 5 sentences in both languages', () => {
    for (const e of kb.entries) {
      expect(zhSentences(e.zh.answer), `${e.id} zh`).toBeGreaterThanOrEqual(2);
      expect(zhSentences(e.zh.answer), `${e.id} zh`).toBeLessThanOrEqual(5);
      expect(enSentences(e.en.answer), `${e.id} en`).toBeGreaterThanOrEqual(2);
      expect(enSentences(e.en.answer), `${e.id} en`).toBeLessThanOrEqual(5);
    }
  });

  it('states the key regulatory figures the brief relies on', () => {
    expect(kb.get('auto-compulsory-limits')?.zh.answer).toMatch(/18万元.*1\.8万元.*2000元/);
    expect(kb.get('claim-timeline')?.zh.answer).toMatch(/30日.*10日/);
    expect(kb.get('life-cooling-off')?.zh.answer).toMatch(/15天/);
    expect(kb.get('life-grace-period')?.zh.answer).toMatch(/60天/);
    expect(kb.get('life-reinstatement')?.zh.answer).toMatch(/2年/);
    expect(kb.get('travel-schengen-visa')?.en.answer).toMatch(/30,000 euros/);
    expect(kb.get('regulator-hotline')?.zh.answer).toMatch(/12378/);
    expect(kb.get('service-policy-loan')?.zh.answer).toMatch(/80%/);
  });

  it('does not let callers alter the entry list', () => {
    expect(() => (kb.entries as KbEntry[]).push(kb.entries[0])).toThrow(TypeError);
  });
});
