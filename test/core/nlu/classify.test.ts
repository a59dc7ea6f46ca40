import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, INTENTS, isResubscribe, type Intent, type Nlu } from '../../../src/core/nlu/index.ts';

let nlu: Nlu;
beforeAll(() => {
  nlu = createNlu();
});

const NOW = new Date('2026-03-18T10:00:00+08:00');

describe('clear cases', () => {
  const cases: Array<[string, Intent]> = [
    ['我车被撞了咋办', 'claim_report'],
    ['我要报案', 'claim_report'],
    ['I had a car accident and want to make a claim', 'claim_report'],
    ['理赔到哪一步了', 'claim_status'],
    ['what is the status of my claim BA20261129000123', 'claim_status'],
    ['你们业务员骗我 我要投诉', 'complaint'],
    ['your service is terrible, I want to complain', 'complaint'],
    ['我的投诉处理得怎么样了', 'complaint_status'],
    ['any update on complaint TS20261101000045', 'complaint_status'],
    ['改下手机号', 'policy_service'],
    ['退保', 'policy_service'],
    ['I want to change my beneficiary', 'policy_service'],
    ['举报代理人挪用保费', 'whistleblow'],
    ['I want to report an agent who stole my premium', 'whistleblow'],
    ['转人工!!!', 'human_agent'],
    ['can I talk to a real person', 'human_agent'],
    ['TD', 'unsubscribe'],
    ['退订', 'unsubscribe'],
    ['unsubscribe', 'unsubscribe'],
    ['hi', 'greeting'],
    ['谢谢', 'greeting'],
    ['重疾险保哪些病', 'inquiry'],
    ['when does my policy expire', 'inquiry'],
    ['今天天气咋样', 'other'],
    ['tell me a joke', 'other'],
  ];
  it.each(cases)('%s → %s', (text, intent) => {
    expect(nlu.classify(text, { now: NOW }).intent).toBe(intent);
  });
});

describe('keyword rules', () => {
  it('are confident on the critical intents', () => {
    for (const text of ['转人工', '人工客服', 'TD', '退订', '我要举报']) {
      expect(nlu.classify(text).confidence, text).toBeGreaterThan(0.9);
    }
  });

  it('respect negation', () => {
    expect(nlu.classify('不用转人工了 我自己看看').intent).not.toBe('human_agent');
    expect(nlu.classify('我不想退订').intent).not.toBe('unsubscribe');
  });

  it('let the model tell a new complaint from a question about an old one', () => {
    expect(nlu.classify('怎么投诉').intent).toBe('complaint');
    expect(nlu.classify('投诉的处理结果出来了吗').intent).toBe('complaint_status');
  });

  it('do not send identity questions to a human', () => {
    expect(nlu.classify('你是真人吗').intent).not.toBe('human_agent');
  });
});

describe('result shape', () => {
  it('gives a confidence in 0..1 and up to three descending alternatives, none repeating the intent', () => {
    for (const text of ['我要报案', '嗯', 'asdfgh', '保单']) {
      const r = nlu.classify(text);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(INTENTS).toContain(r.intent);
      expect(r.alternatives.length).toBeLessThanOrEqual(3);
      expect(r.alternatives.map((a) => a.intent)).not.toContain(r.intent);
      const confs = [r.confidence, ...r.alternatives.map((a) => a.confidence)];
      expect([...confs].sort((a, b) => b - a)).toEqual(confs);
    }
  });

  it('is less confident on vague text than on clear text', () => {
    expect(nlu.classify('保险').confidence).toBeLessThan(nlu.classify('我的车被追尾了 要报案').confidence);
  });

  it('carries the entities of the message', () => {
    const r = nlu.classify('保单LF2024000123 昨天下午三点车被追尾了', { now: NOW });
    expect(r.intent).toBe('claim_report');
    expect(r.entities.policyNumber).toBe('LF2024000123');
    expect(r.entities.datetime?.iso).toBe('2026-03-17T15:00:00+08:00');
  });
});

describe('language and sentiment', () => {
  it.each([
    ['我要报案', 'zh'],
    ['I want to file a claim', 'en'],
    ['我的claim到哪一步了', 'zh'],
    ['my claim 到哪了 please check', 'en'],
    ['👍', 'zh'],
    ['TD', 'zh'],
  ] as const)('%s → %s', (text, lang) => {
    expect(nlu.classify(text).language).toBe(lang);
  });

  it.each([
    ['你们这什么垃圾服务', 'negative'],
    ['理赔怎么还没到账？？？', 'negative'],
    ['this is ridiculous, nobody answers', 'negative'],
    ['谢谢 你们服务真好', 'positive'],
    ['thanks a lot', 'positive'],
    ['我想改下地址', 'neutral'],
    ['麻烦帮我查下保单', 'neutral'],
  ] as const)('%s → %s', (text, sentiment) => {
    expect(nlu.classify(text).sentiment).toBe(sentiment);
  });
});

describe('training on custom examples', () => {
  it('learns from the examples it is given', () => {
    const tiny = createNlu({
      examples: [
        { text: '我要报案', intent: 'claim_report' },
        { text: '车被撞了', intent: 'claim_report' },
        { text: '你好', intent: 'greeting' },
        { text: '早上好', intent: 'greeting' },
      ],
    });
    expect(tiny.classify('车撞了 报案').intent).toBe('claim_report');
    expect(tiny.classify('你好呀').intent).toBe('greeting');
  });
});

it('tells opting back in from opting out', () => {
  expect(isResubscribe('重新订阅')).toBe(true);
  expect(isResubscribe('subscribe me again')).toBe(true);
  expect(isResubscribe('退订')).toBe(false);
  expect(isResubscribe('取消订阅')).toBe(false);
  expect(isResubscribe('unsubscribe')).toBe(false);
});
