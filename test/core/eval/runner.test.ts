import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../../src/cli/eval.ts';
import { createEvalContext, describeCheck, failures, loadConversation, loadCorpus, runConversation, type EvalContext } from '../../../src/core/eval/index.ts';
import { sharedServices } from '../../helpers/services.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
let ctx: EvalContext;
let scratch: string;
beforeAll(async () => {
  ctx = await createEvalContext();
  ctx.services = await sharedServices();
  scratch = mkdtempSync(path.join(tmpdir(), 'anxin-eval-test-'));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
};

describe('conversation corpus runner', () => {
  it('passes a conversation the bot handles: a verified customer starts a claim and cancels it', async () => {
    const r = await runConversation(loadConversation(path.join(FIXTURES, 'passing/greeting-menu.yaml')), ctx);
    expect(failures(r).map(describeCheck)).toEqual([]);
    expect(r.passed).toBe(true);
    // Turn checks (reply, choice, flow ×2) and the expect block (claim, complaint) were all evaluated.
    expect(r.checks.map((c) => c.what)).toEqual(['reply /保单/', 'choice /AU\\d{10}/', 'flow claim_report', 'reply /取消/', 'flow none', 'expect.claim: none', 'expect.complaint: none']);
  }, 60_000);

  it('fails a conversation for each broken expectation and says which turn, what was said and what came back', async () => {
    const r = await runConversation(loadConversation(path.join(FIXTURES, 'failing/impossible-claim.yaml')), ctx);
    expect(r.passed).toBe(false);
    const failed = failures(r);
    expect(failed.map((c) => c.what)).toEqual(['reply /这句话不会出现在任何回复里/', 'expect.claim: any']);
    expect(failed[0]).toMatchObject({ turn: 1, user: '你好', detail: 'no reply matched' });
    expect(failed[0].replies!.join('\n')).toMatch(/安心/);
    expect(describeCheck(failed[0])).toMatch(/^turn 1 "你好": reply .* — no reply matched; replies: /);
    expect(failed[1].detail).toBe('none stored');
    // The flow check of the same turn held.
    expect(r.checks.find((c) => c.what === 'flow none')?.ok).toBe(true);
  }, 60_000);

  it('sees only the records of its own conversation, not the demo data or another conversation', async () => {
    // 张伟 already has a claim in the demo data; a conversation that files nothing must still see `claim: none`.
    const file = write('own-records.yaml', 'title: t\ncustomer: 张伟\nturns:\n  - user: 你好\nexpect:\n  claim: none\n  complaint: none\n  escalation: none\n');
    const r = await runConversation(loadConversation(file), ctx);
    expect(failures(r).map(describeCheck)).toEqual([]);
  }, 60_000);

  it('checks stored fields and explains a mismatch with the stored value', async () => {
    const file = write(
      'opt-out.yaml',
      'title: t\ncustomer: 陈静\nturns:\n  - user: 退订\nexpect:\n  optOut: false\n',
    );
    const r = await runConversation(loadConversation(file), ctx);
    expect(r.passed).toBe(false);
    expect(failures(r)[0]).toMatchObject({ what: 'expect.optOut: false', detail: 'opted out' });
  }, 60_000);

  it('rejects a malformed file naming the file and the field', () => {
    const file = write('bad.yaml', 'title: t\nturns:\n  - user: 你好\n    reply: ["/([/"]\n  - reply: [x]\nexpect:\n  claims: none\n');
    expect(() => loadConversation(file)).toThrow(/bad\.yaml: .*turns\[0\]\.reply\[0\]: invalid regular expression/);
    expect(() => loadConversation(file)).toThrow(/turns\[1\]: a turn needs `user` text/);
    expect(() => loadConversation(file)).toThrow(/expect: Unrecognized key: "claims"/);
    const { conversations, errors } = loadCorpus(scratch);
    expect(errors.map((e) => path.basename(e.file))).toEqual(['bad.yaml']);
    expect(conversations.length).toBeGreaterThan(0);
  });

  it('`anxin eval conversations DIR` prints failed conversations and `passed: N/M` last, exit code 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const program = new Command('anxin').exitOverride();
    register(program, { out: (t) => out.push(t), err: (t) => err.push(t), exit: (c) => (code = c) });
    await program.parseAsync(['node', 'anxin', 'eval', 'conversations', FIXTURES]);
    expect(out.at(-1)).toBe('passed: 1/2');
    expect(out.filter((l) => l.startsWith('FAIL'))).toEqual([expect.stringMatching(/^FAIL failing\/impossible-claim: turn 1 "你好": reply .*\(\+1 more\)$/)]);
    expect(err.at(-1)).toMatch(/^2 conversations in [\d.]+ s$/);
    expect(code).toBe(1);
  }, 120_000);

  it('a knownFailure conversation counts as failed in N/M but does not fail the command', async () => {
    const dir = path.join(scratch, 'known');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'marked.yaml'), 'title: t\nknownFailure: waits for a feature\nturns:\n  - user: 你好\n    reply: ["/不会出现的回复/"]\n');
    const out: string[] = [];
    let code = -1;
    const program = new Command('anxin').exitOverride();
    register(program, { out: (t) => out.push(t), err: () => {}, exit: (c) => (code = c) });
    await program.parseAsync(['node', 'anxin', 'eval', 'conversations', dir]);
    expect(out).toEqual([expect.stringMatching(/^FAIL known\/marked \(known failure: waits for a feature\): turn 1/), 'passed: 0/1']);
    expect(code).toBe(0);
  }, 120_000);
});
