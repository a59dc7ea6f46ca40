import { afterEach, describe, expect, it } from 'vitest';
import { loadEscalationView } from '../../src/web/staff/escalation-view.ts';
import { scriptedChat, type ScriptedChat } from '../helpers/script.ts';

/**
 * Issue 12 finding 8: a reporter who chose anonymity but said who they are in the facts ("我是张三", "my name is …")
 * had that name, and a phone written with spaces, kept in the compliance summary that staff read. The reporter is
 * an unverified visitor, so nothing known about them could be removed; only what they wrote gives them away.
 */
let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function report(lines: string[], confirm: RegExp) {
  const c = await scriptedChat();
  chats.push(c);
  for (const l of lines) await c.send(l);
  await c.send(/[a-z]/i.test(lines[0]) ? 'yes' : '是').expectReply(confirm);
  const db = c.app.db;
  const r = await db.whistleblowReport.findFirstOrThrow();
  expect(r.anonymous).toBe(true);
  const e = await db.escalation.findFirstOrThrow();
  expect(e.queue).toBe('compliance');
  const view = await loadEscalationView(db, e.id);
  return { stored: e.summary, shown: view.summary };
}

describe('anonymous whistleblow report', () => {
  it('drops a self-stated name and a phone from the compliance summary (zh)', async () => {
    const { stored, shown } = await report(
      [
        '我要举报',
        '业务员李四，工号A123',
        '他收了我五千块保费没交给公司，自己挪用了。我是张三，手机１３９ １２３４ ５６７８，李四还跟别人说张三好骗',
        '上个月',
        '没有',
        '匿名',
      ],
      /举报编号：JB/,
    );
    for (const summary of [stored, shown]) {
      for (const secret of ['张三', '1234', '１２３４', '５６７８']) expect(summary, `${secret} in ${summary}`).not.toContain(secret);
      // The facts and the reported agent stay.
      for (const fact of ['业务员李四', '挪用', '五千块', '李四还跟别人说']) expect(summary).toContain(fact);
      expect(summary).toContain('举报人：匿名');
    }
  });

  it('drops "my name is …" (en)', async () => {
    const { stored, shown } = await report(
      [
        'I want to report fraud',
        'An agent called Wang at the Haidian branch',
        'He sells fake policies and keeps the premiums. My name is Zhao Lei, call me on +86 139-1234-5678',
        'not sure',
        'none',
        'anonymous',
      ],
      /Reference: JB/,
    );
    for (const summary of [stored, shown]) {
      for (const secret of ['Zhao Lei', '1234-5678', '5678']) expect(summary).not.toContain(secret);
      for (const fact of ['Wang at the Haidian branch', 'fake policies']) expect(summary).toContain(fact);
    }
  });
});
