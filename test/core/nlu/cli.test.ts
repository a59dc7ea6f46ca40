import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { register } from '../../../src/cli/nlu.ts';
import { INTENTS } from '../../../src/core/nlu/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'anxin-nlu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const program = new Command('anxin').exitOverride();
  register(program, { out: (t) => lines.push(t) });
  await program.parseAsync(['node', 'anxin', ...args]);
  return lines.join('\n');
}

describe('anxin nlu classify', () => {
  it('prints {intent, confidence, entities} as JSON', async () => {
    const out = JSON.parse(await run('nlu', 'classify', '报案 车牌京A12345 昨天下午三点被撞', '--now', '2026-03-18T10:00:00+08:00'));
    expect(Object.keys(out).sort()).toEqual(['confidence', 'entities', 'intent']);
    expect(out.intent).toBe('claim_report');
    expect(out.entities.plate).toBe('京A12345');
    expect(out.entities.datetime.iso).toBe('2026-03-17T15:00:00+08:00');
  });

  it('adds alternatives, language and sentiment with --full', async () => {
    const out = JSON.parse(await run('nlu', 'classify', 'hello', '--full'));
    expect(out).toMatchObject({ intent: 'greeting', language: 'en' });
    expect(Array.isArray(out.alternatives)).toBe(true);
  });

  it('rejects a bad --now', async () => {
    await expect(run('nlu', 'classify', '你好', '--now', 'yesterday-ish')).rejects.toThrow(/not a date/);
  });
});

describe('anxin nlu eval', () => {
  const file = path.join(dir, 'small.jsonl');
  writeFileSync(
    file,
    [
      { text: '我要报案 车被撞了', intent: 'claim_report' },
      { text: '转人工', intent: 'human_agent' },
      { text: '退订', intent: 'unsubscribe' },
      { text: '今天天气怎么样', intent: 'greeting' }, // deliberately mislabelled: one error
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );

  it('prints per-intent precision/recall/F1, a confusion matrix, and accuracy as the last line', async () => {
    const out = await run('nlu', 'eval', file);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^intent\s+precision\s+recall\s+f1\s+support$/);
    for (const intent of INTENTS) expect(out).toMatch(new RegExp(`^${intent}\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}\\s+\\d+$`, 'm'));
    expect(out).toContain('confusion matrix (rows: expected, columns: predicted)');
    // greeting row: the weather question predicted as other.
    const greetingRow = lines.filter((l) => l.startsWith('greeting')).at(-1)!.trim().split(/\s+/).slice(1).map(Number);
    expect(greetingRow[INTENTS.indexOf('other')]).toBe(1);
    expect(lines.at(-1)).toBe('accuracy: 0.750');
  });

  it('lists errors first with --errors', async () => {
    const out = await run('nlu', 'eval', file, '--errors');
    expect(out.split('\n')[0]).toBe('greeting → other\t今天天气怎么样');
    expect(out.split('\n').at(-1)).toMatch(/^accuracy: \d\.\d{3}$/);
  });

  it('fails clearly on a malformed file', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text":"hi","intent":"hello"}\n');
    await expect(run('nlu', 'eval', bad)).rejects.toThrow(/bad\.jsonl:1/);
  });
});
