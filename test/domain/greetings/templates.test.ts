import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addresseeOf } from '../../../src/domain/greetings/addressee.ts';
import { loadGreetingTemplates, renderGreeting } from '../../../src/domain/greetings/greeting-templates.ts';
import { greetingDay, dueGreetings } from '../../../src/domain/greetings/occasions-for.ts';
import { loadTemplates } from '../../../src/domain/greetings/templates.ts';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-templates-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('message templates', () => {
  it('the shipped templates cover every occasion in both languages, VIP texts richer', () => {
    const set = loadGreetingTemplates('templates');
    expect(set.problems).toEqual([]);
    const [due] = dueGreetings({ id: 'c', birthday: null, lunarBirthday: false }, greetingDay('2026-10-01'));
    const std = renderGreeting(set, { name: '王芳', gender: 'F', language: 'zh', vipTier: 'standard' }, due);
    const vip = renderGreeting(set, { name: '王芳', gender: 'F', language: 'zh', vipTier: 'platinum' }, due);
    expect(std).toMatch(/^王芳女士，国庆快乐！/);
    expect(vip).toMatch(/^尊敬的王芳女士：/);
    expect(vip.length).toBeGreaterThan(std.length);
    expect(renderGreeting(set, { name: 'Li Lei', gender: 'M', language: 'en', vipTier: 'standard' }, due)).toMatch(/^Happy National Day, Mr Li Lei!/);
  });

  it('picks tier → vip → plain, and falls back to Chinese when an English file is missing', () => {
    const dir = folder({
      'g/zh-CN/hello.txt': '{{who}}您好',
      'g/zh-CN/hello.vip.txt': '尊敬的{{who}}您好',
      'g/zh-CN/hello.platinum.txt': '至尊{{who}}您好',
    });
    const set = loadTemplates(dir, 'g', { hello: ['who'] });
    expect(set.problems).toEqual([expect.stringMatching(/en\/hello\.txt: missing/)]);
    expect(set.render('hello', 'zh', 'standard', { who: '张三' })).toBe('张三您好');
    expect(set.render('hello', 'zh', 'gold', { who: '张三' })).toBe('尊敬的张三您好');
    expect(set.render('hello', 'zh', 'platinum', { who: '张三' })).toBe('至尊张三您好');
    expect(set.render('hello', 'en', 'standard', { who: 'Tom' })).toBe('Tom您好');
  });

  it('refuses an unknown placeholder (a typo) and a missing Chinese text, naming the file', () => {
    const typo = folder({ 'g/zh-CN/hello.txt': '{{nmae}}您好', 'g/en/hello.txt': 'Hi {{name}}' });
    expect(() => loadTemplates(typo, 'g', { hello: ['name'] })).toThrow(/hello\.txt: unknown placeholder \{\{nmae\}\}/);
    const none = folder({ 'g/en/hello.txt': 'Hi {{name}}' });
    expect(() => loadTemplates(none, 'g', { hello: ['name'] })).toThrow(/zh-CN\/hello\.txt: missing/);
    const empty = folder({ 'g/zh-CN/hello.txt': '  \n' });
    expect(() => loadTemplates(empty, 'g', { hello: ['name'] })).toThrow(/empty/);
  });

  it('addresses by full name and honorific; no honorific when the gender is unknown', () => {
    expect(addresseeOf('zh', '欧阳娜娜', 'F').addressee).toBe('欧阳娜娜女士');
    expect(addresseeOf('zh', '张伟', 'U').addressee).toBe('张伟');
    expect(addresseeOf('en', 'Zhang Wei', 'M').addressee).toBe('Mr Zhang Wei');
  });
});
