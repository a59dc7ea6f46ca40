/**
 * The interruption matrix (issue 11): every waiting step of every flow is driven with a cancel, a request for a
 * person, a question, a switch to another need and a correction. Each flow is walked along a realistic path; at
 * each step the stored dialog state is kept, and every interruption is tried from that same state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { linkIdentity, seedCustomers, ZHANG } from '../../domain/claims/seed.ts';
import type { InboundMessage } from '../../../src/core/channel.ts';

type Turn = string | { photo: string };
interface FlowPath {
  flow: string;
  verified: boolean;
  /** Answers that walk the flow from its first message to its read-back. */
  path: Turn[];
  /** A message that switches to another need. */
  switchTo: string;
  /** Steps the walk must reach at least (so the matrix cannot silently cover nothing). */
  minSteps: number;
}

const photo = (name: string): Partial<InboundMessage> => ({
  kind: 'image',
  attachments: [{ kind: 'image', name: `${name}.jpg`, mime: 'image/jpeg', fetch: async () => Buffer.from(name) }],
});

const PATHS: FlowPath[] = [
  {
    flow: 'claim_report',
    verified: true,
    path: ['我要报案', 'AU2024000001', '昨天下午三点', '北京市朝阳区建国路口', '等红灯时被后车追尾，后保险杠凹陷', '没有人受伤', '对方车牌京B67890', '已报警', { photo: 'front' }, '好了', '是'],
    switchTo: '我要投诉',
    minSteps: 9,
  },
  {
    flow: 'complaint',
    verified: false,
    path: ['我要投诉', '我是消费者本人', '张伟', '13812345678', '业务员王小明，保单号LF2024000123', '全额退还保费', '业务员说这个产品保本保息，买了才发现是分红险，收益根本没保证。', '没有材料'],
    switchTo: '我要报案',
    minSteps: 5,
  },
  {
    flow: 'policy_service',
    verified: false,
    path: ['我要改手机号', `${ZHANG.phone} ${ZHANG.id.slice(-4)}`],
    switchTo: '我要投诉',
    minSteps: 1,
  },
  {
    flow: 'whistleblow',
    verified: false,
    path: ['我要举报', '业务员李四，工号A123', '他收了我的保费没有交给公司，自己挪用了', '上个月', '好了'],
    switchTo: '我要报案',
    minSteps: 3,
  },
  { flow: 'inquiry', verified: false, path: ['我的保单什么时候到期'], switchTo: '我要投诉', minSteps: 1 },
  { flow: 'claim_status', verified: false, path: ['查一下理赔进度'], switchTo: '我要投诉', minSteps: 1 },
  { flow: 'complaint_status', verified: false, path: ['查询投诉进度'], switchTo: '我要报案', minSteps: 1 },
];

const CANCELS = ['算了吧', '不弄了', '我不想办了', '取消吧', 'forget it'];

let chat: ScriptedChat;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'anxin-matrix-'));
  chat = await scriptedChat({ env: { ANXIN_ATTACHMENT_DIR: dir } });
});
afterAll(async () => {
  await chat?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

interface Stored {
  dialogState: unknown;
  value: string;
}

describe('interruption matrix: every step of every flow', () => {
  for (const p of PATHS) {
    it(`${p.flow}: cancel, person, question, switch and correction at each step`, async () => {
      const db = chat.app.db;
      const user = `matrix-${p.flow}`;
      const c = await scriptedChat({ app: chat.app, user });
      const seed = p.verified ? await seedOnce() : undefined;
      const send = (t: Turn) => (typeof t === 'string' ? c.send(t) : c.send('', photo(t.photo)));

      // Walk the path and keep the state at every distinct waiting step of this flow.
      const steps: Stored[] = [];
      if (seed) {
        await send('你好');
        await linkIdentity(db, user, seed.zhang.id);
      }
      for (const turn of p.path) {
        const r = await send(turn);
        const conv = await db.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
        const active = (conv.dialogState as { active?: { flow: string; snapshot: { value: unknown } } } | null)?.active;
        if (active?.flow !== p.flow) continue;
        const value = JSON.stringify(active.snapshot.value);
        if (!steps.some((s) => s.value === value)) steps.push({ dialogState: conv.dialogState, value });
      }
      expect(steps.length, `steps reached in ${p.flow}`).toBeGreaterThanOrEqual(p.minSteps);
      const conv = await db.conversation.findFirstOrThrow({ where: { identity: { externalUserId: user } } });

      const restore = async (s: Stored) => {
        await db.escalation.deleteMany({ where: { conversationId: conv.id } });
        await db.conversation.update({ where: { id: conv.id }, data: { dialogState: s.dialogState as object, owner: 'bot', dialogUpdatedAt: c.clock.now() } });
      };
      const state = async () => (await db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).dialogState as Record<string, any>;
      const records = async () => ({
        claims: await db.claim.count({ where: { conversationId: conv.id } }),
        complaints: await db.complaint.count({ where: { conversationId: conv.id } }),
        requests: await db.serviceRequest.count({ where: { conversationId: conv.id } }),
        reports: await db.whistleblowReport.count({ where: { conversationId: conv.id } }),
      });
      const before = await records();

      for (const [i, s] of steps.entries()) {
        const where = `${p.flow} step ${s.value}`;
        await restore(s);
        const cancel = await c.send(CANCELS[i % CANCELS.length]);
        expect(cancel.replies.map((r) => r.text).join('\n'), `${where}: cancel`).toMatch(/已取消|cancelled/);
        expect((await state()).active, `${where}: cancel ends the flow`).toBeUndefined();
        expect(await records(), `${where}: cancel stores nothing`).toEqual(before);

        await restore(s);
        await c.send('转人工').expectReply(/人工客服/);
        expect(await db.escalation.count({ where: { conversationId: conv.id } }), `${where}: person`).toBe(1);
        expect((await state()).suspended?.flow, `${where}: the flow is kept for later`).toBe(p.flow);

        await restore(s);
        const q = await c.send('犹豫期是多久？');
        const qText = q.replies.map((r) => r.text).join('\n');
        expect(qText, `${where}: question answered`).toMatch(/犹豫期/);
        expect(qText, `${where}: back to the step`).toMatch(/回到刚才/);
        expect(JSON.stringify((await state()).active?.snapshot?.value), `${where}: same step after the question`).toBe(s.value);

        await restore(s);
        await c.send(p.switchTo).expectReply(/要先去办理/);
        expect((await state()).pending?.kind, `${where}: switch offered`).toBe('switch');
        expect((await state()).active?.flow, `${where}: flow kept while offering`).toBe(p.flow);
      }
      expect(await records(), `${p.flow}: no record from any interruption`).toEqual(before);
    });
  }

  it('claim_report: a correction at any step after the time was given updates it and stays on the step', async () => {
    const db = chat.app.db;
    const user = 'matrix-correction';
    const c = await scriptedChat({ app: chat.app, user });
    const seed = await seedOnce();
    await c.send('你好');
    await linkIdentity(db, user, seed.zhang.id);
    const walk: Turn[] = ['我要报案', 'AU2024000001', '昨天下午三点', '北京市朝阳区建国路口', '等红灯时被后车追尾，后保险杠凹陷', '没有人受伤', '对方车牌京B67890', '已报警', { photo: 'p' }, '好了', '是'];
    const conv = async () => db.conversation.findFirstOrThrow({ where: { identity: { externalUserId: user } } });
    let corrected = 0;
    for (const [i, turn] of walk.entries()) {
      await (typeof turn === 'string' ? c.send(turn) : c.send('', photo(turn.photo)));
      if (i < 2) continue; // the time is known from the third answer on
      const saved = await conv();
      const value = JSON.stringify((saved.dialogState as any).active?.snapshot?.value);
      const r = await c.send('不对 时间说错了 是昨天下午四点半');
      expect(r.replies.map((x) => x.text).join('\n'), `correction at ${value}`).toMatch(/更正/);
      const after = (await conv()).dialogState as any;
      expect(after.active?.snapshot?.context?.slots?.incidentAt, `correction at ${value}`).toBe('2026-11-29T16:30:00+08:00');
      expect(JSON.stringify(after.active?.snapshot?.value), `stays at ${value}`).toBe(value);
      corrected++;
      await db.conversation.update({ where: { id: saved.id }, data: { dialogState: saved.dialogState as object } });
    }
    expect(corrected).toBeGreaterThanOrEqual(8);
  });
});

let seeded: Awaited<ReturnType<typeof seedCustomers>> | undefined;
async function seedOnce() {
  seeded ??= await seedCustomers(chat.app.db);
  return seeded;
}
