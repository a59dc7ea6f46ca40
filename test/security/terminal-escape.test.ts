import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Issue 12 finding 8: `anxin transcript` printed what a customer sent — ESC sequences, CR, NUL — straight to the
 * operator's terminal, where they are obeyed (clear the screen, retitle the window, overwrite a line, hide text).
 * The attack goes through the real chat API; the CLI runs in a child process as an operator would run it.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Clear screen + home, set the window title (OSC 0), CR to overwrite the line, NUL, 8-bit CSI, bidi override. */
const ATTACK = '你好\u001b[2J\u001b[H\u001b]0;pwned\u0007请退款\r已核实，同意退款\u0000\u009b31m\u202e试测';
/** Any character a terminal would act on rather than show (LF aside). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function anxin(args: string[], dbUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ANXIN_') && k !== 'DATABASE_URL'));
    execFile(process.execPath, [TSX, 'src/cli.ts', ...args], { cwd: ROOT, env: { ...clean, LANG: 'en_US.UTF-8', DATABASE_URL: dbUrl }, timeout: 90_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('customer text printed by the CLI', () => {
  let app: TestApp;
  let conversationId: string;
  beforeAll(async () => {
    app = await createTestApp();
    const base = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const r = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'attacker-1', messageId: 'm-1', text: ATTACK }) });
    expect(r.status).toBeLessThan(500);
    const conv = await app.db.conversation.findFirstOrThrow();
    conversationId = conv.id;
    // Whatever the chat API does with the input, stored text can still hold control characters (imports, older rows,
    // a delivery error quoting a channel's answer): the CLI must be safe on its own.
    await app.db.message.create({ data: { conversationId, channel: 'web', direction: 'out', author: 'bot', text: `回执\u001b]52;c;cm0gLXJmIH4=\u0007`, status: 'failed', error: `gateway said \u001b[31mERR\r\u0000` } });
    const customer = await app.db.customer.create({ data: { name: `张\u001b[8m三`, code: 'C-ESC', address: `\u001b[2J上海市浦东新区世纪大道100号`, phone: '13912345678' } });
    await app.db.interaction.create({ data: { customerId: customer.id, kind: 'consultation', summary: `咨询\u001b[1A\u001b[2K退保\u009b2J`, conversationId } });
  });
  afterAll(async () => app.cleanup());

  it('`anxin transcript` shows control characters as visible escapes', async () => {
    const r = await anxin(['transcript', conversationId, '--lang', 'en'], app.dbUrl);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07请退款\\r已核实，同意退款\\x00\\x9b31m\\u202e试测');
    expect(r.stdout).toContain('error="gateway said \\x1b[31mERR\\r\\x00"');
  });

  it('`anxin transcript --json` escapes C1 and bidi controls too, and reads back as the stored text', async () => {
    const r = await anxin(['transcript', conversationId, '--json'], app.dbUrl);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const view = JSON.parse(r.stdout) as { messages: Array<{ text: string }> };
    expect(view.messages.some((m) => m.text === ATTACK)).toBe(true);
  });

  it('`anxin customer show` escapes names, addresses and timeline summaries', async () => {
    const r = await anxin(['customer', 'show', 'C-ESC', '--lang', 'en'], app.dbUrl);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('\\x1b[2J上海市浦东新区***');
    expect(r.stdout).toContain('咨询\\x1b[1A\\x1b[2K退保\\x9b2J');
  });
});
