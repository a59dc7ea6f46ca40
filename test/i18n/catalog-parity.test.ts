import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every user-facing string exists in both languages (review 2026-12: no test enforced this). */
const dir = path.join(import.meta.dirname, '../../src/i18n/locales');
const keys = (node: unknown, prefix = ''): string[] =>
  node && typeof node === 'object' && !Array.isArray(node)
    ? Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];
const vars = (s: unknown) => (typeof s === 'string' ? [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort() : []);

describe('message catalogs: zh-CN and en', () => {
  const files = readdirSync(path.join(dir, 'zh-CN')).filter((f) => f.endsWith('.json'));
  it('have the same namespace files', () => {
    expect(readdirSync(path.join(dir, 'en')).filter((f) => f.endsWith('.json')).sort()).toEqual(files.sort());
  });
  for (const f of files) {
    it(`${f}: the same keys, and each string uses the same {{variables}}`, () => {
      const zh = JSON.parse(readFileSync(path.join(dir, 'zh-CN', f), 'utf8'));
      const en = JSON.parse(readFileSync(path.join(dir, 'en', f), 'utf8'));
      expect(keys(en).sort()).toEqual(keys(zh).sort());
      const at = (o: unknown, k: string) => k.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], o);
      const mismatched = keys(zh).filter((k) => vars(at(zh, k)).join() !== vars(at(en, k)).join());
      expect(mismatched).toEqual([]);
    });
  }
});
