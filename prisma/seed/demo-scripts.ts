import type { DemoCustomer } from './build-people.ts';
import type { PolicyPlan } from './build-policies.ts';
import type { Script } from './build-conversations.ts';

/** Transcripts for 张伟 (web chat, a claim follow-up taken over by staff) and David Wang (WeChat, in English). */
export function demoScripts(byCode: (code: string) => DemoCustomer, claimNumber: string, plans: PolicyPlan[]): Script[] {
  const zw = byCode('C000001').row;
  const dw = byCode('C000004').row;
  const trip = plans.find((p) => p.holderId === dw.id && p.product.line === 'travel')!;
  return [
    {
      customerId: zw.id, channel: 'web', externalUserId: 'seed-web-c000001', displayName: '张伟', language: 'zh', daysAgo: 1, staff: 'U0DEMO01',
      lines: [
        ['in', '你好，我上周报的车险案子现在到哪一步了？', 'claim_status', 0.93],
        ['out', `您好！您的报案 ${claimNumber}（机动车商业保险，沪A12345）目前状态：审核中。理赔员会在 3 个工作日内与您联系。`],
        ['in', '能不能快一点，修车厂一直在催。', 'human_agent', 0.78],
        ['out', '好的，已为您转接人工客服，请稍候。'],
        ['note', '客户的修车厂在催款，已请理赔部加急处理。'],
        ['out', '张先生您好，我是客服小林。已为您联系理赔部加急，今天下班前理赔员会给您回电。'],
        ['in', '好的，谢谢！', 'greeting', 0.95],
      ],
    },
    {
      customerId: dw.id, channel: 'wechat', externalUserId: 'seed-wx-c000004', displayName: 'David', language: 'en', daysAgo: 3,
      lines: [
        ['in', "Hi, I'm going skiing in Japan. Does my travel insurance cover that?", 'inquiry', 0.81],
        ['out', `Hello David! Your 境外旅行险 (${trip.number}) covers skiing on marked pistes as a leisure activity. Off-piste skiing and competitions are excluded.`],
        ['in', 'Great. How do I claim if I get hurt?', 'inquiry', 0.77],
        ['out', 'Keep the medical report and all receipts, then send me "report a claim" here, or call the 24-hour hotline printed on your policy.'],
      ],
    },
  ];
}
