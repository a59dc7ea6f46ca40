import { runFlow } from '../src/core/dialogs/runner.ts';
import { flow } from '../src/core/dialogs/flows/complaint.ts';
const s: any = { customer: null, db: {}, clock: { now: () => new Date() }, config: {}, conversation: { id: 'c', channel: 'web' }, identity: { id: 'i' }, inbound: {}, messageId: 'm' };
const r1 = await runFlow(flow.create(s), { input: { lang: 'zh', text: '我要投诉', entities: {} } });
console.log(r1.said.map((x) => x.key), JSON.stringify(r1.snapshot).slice(0, 300));
const r2 = await runFlow(flow.create(s), { snapshot: r1.snapshot, event: { type: 'ANSWER', text: '本人', nlu: { entities: {} } as any, attachmentCount: 0 } });
console.log(r2.said.map((x) => x.key), JSON.stringify(r2.snapshot).slice(0, 300));
