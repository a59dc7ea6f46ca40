import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnxinError } from '../../../src/core/errors.ts';
import { loadKnowledgeBase } from '../../../src/domain/kb/index.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A throw-away knowledge-base folder holding exactly these files. */
async function kbDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anxin-kb-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text, 'utf8');
  return dir;
}

const entry = (id: string, extra = '') => `  - id: ${id}
    lines: [auto]
    zh:
      question: 车玻璃碎了能赔吗？
      answer: 一般可以赔。以保险合同条款为准。
    en:
      question: Is a broken windscreen covered?
      answer: Usually yes. The policy terms prevail.
${extra}`;

async function loadError(files: Record<string, string>): Promise<AnxinError> {
  const err = await loadKnowledgeBase(await kbDir(files)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AnxinError);
  expect((err as AnxinError).code).toBe('kb_invalid');
  return err as AnxinError;
}

describe('knowledge-base validation', () => {
  it('loads a minimal valid folder', async () => {
    const kb = await loadKnowledgeBase(await kbDir({ 'auto.yaml': `entries:\n${entry('auto-glass')}` }));
    expect(kb.entries.map((e) => e.id)).toEqual(['auto-glass']);
    expect(kb.answer('玻璃碎了', 'zh')?.entry.id).toBe('auto-glass');
  });

  it('names the file and the entry when a field is missing', async () => {
    const broken = `  - id: auto-broken
    lines: [auto]
    zh:
      question: 缺答案
    en:
      question: Missing answer
      answer: Here it is. Done.
`;
    const err = await loadError({ 'auto.yaml': `entries:\n${entry('auto-glass')}${broken}` });
    expect(err.message).toContain('kb/auto.yaml');
    expect(err.message).toContain('entry "auto-broken"');
    expect(err.message).toContain('zh.answer');
    expect(err.details).toMatchObject({ file: 'auto.yaml', entry: 'auto-broken' });
  });

  it('rejects an unknown line of business', async () => {
    const err = await loadError({ 'pets.yaml': `entries:\n${entry('pet-cat').replace('[auto]', '[pets]')}` });
    expect(err.message).toMatch(/kb\/pets\.yaml: entry "pet-cat": lines\.0/);
  });

  it('rejects a misspelt key instead of silently ignoring it', async () => {
    const err = await loadError({ 'auto.yaml': `entries:\n${entry('auto-glass').replace('      answer: Usually', '      answr: Usually')}` });
    expect(err.message).toContain('entry "auto-glass"');
    expect(err.message).toContain('answr');
  });

  it('rejects ids that are not kebab-case and entries without an id, by position', async () => {
    expect((await loadError({ 'a.yaml': `entries:\n${entry('Auto Glass')}` })).message).toMatch(/entry "Auto Glass": id: must be kebab-case/);
    const noId = entry('x').replace('  - id: x\n    lines', '  - lines');
    expect((await loadError({ 'a.yaml': `entries:\n${entry('auto-ok')}${noId}` })).message).toContain('kb/a.yaml: entry #2: id');
  });

  it('rejects an id used twice, naming both files', async () => {
    const err = await loadError({ 'auto.yaml': `entries:\n${entry('same-id')}`, 'general.yaml': `entries:\n${entry('same-id')}` });
    expect(err.message).toContain('kb/general.yaml: entry "same-id"');
    expect(err.message).toContain('kb/auto.yaml');
  });

  it('reports YAML syntax errors with file and line', async () => {
    const err = await loadError({ 'travel.yaml': `entries:\n  - id: travel-x\n    lines: [travel\n    zh: {question: 问, answer: 答}\n` });
    expect(err.message).toMatch(/^kb\/travel\.yaml: YAML syntax error at line \d+/);
  });

  it('rejects files that are not an entries list, bad synonym groups and empty folders', async () => {
    expect((await loadError({ 'auto.yaml': 'entries: hello\n' })).message).toContain('kb/auto.yaml');
    expect((await loadError({ 'auto.yaml': '- id: x\n' })).message).toContain('expected "entries:"');
    const syn = await loadError({ 'auto.yaml': `entries:\n${entry('auto-glass')}`, 'synonyms.yaml': 'zh:\n  - [只有一个]\n' });
    expect(syn.message).toContain('kb/synonyms.yaml');
    expect((await loadError({ 'README.md': '# nothing here' })).message).toContain('has no entries');
  });

  it('removes the spaces YAML folding puts between Chinese characters', async () => {
    const folded = entry('auto-glass').replace(
      '      answer: 一般可以赔。以保险合同条款为准。',
      '      answer: >-\n        一般可以赔，\n        以保险合同条款为准。',
    );
    const kb = await loadKnowledgeBase(await kbDir({ 'auto.yaml': `entries:\n${folded}` }));
    expect(kb.get('auto-glass')?.zh.answer).toBe('一般可以赔，以保险合同条款为准。');
  });
});
