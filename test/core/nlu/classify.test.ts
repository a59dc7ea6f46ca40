import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, INTENTS, isResubscribe, type Intent, type Nlu } from '../../../src/core/nlu/index.ts';

let nlu: Nlu;
beforeAll(() => {
  nlu = createNlu();
});

const NOW = new Date('2026-03-18T10:00:00+08:00');

// The classifier is tested on phrasings that are not in train.jsonl, not even as near-duplicates (TD。 excepted: it
// tests the keyword rule, and short keywords cannot be paraphrased).
describe('clear cases', () => {
  const cases: Array<[string, Intent]> = [
    ['倒车的时候把人家车门刮了 咋整', 'claim_report'],
    ['出险了 帮我开个案子', 'claim_report'],
    ['my kitchen flooded overnight and I need to lodge a claim', 'claim_report'],
    ['我那个住院的报销走到哪了', 'claim_status'],
    ['any progress with claim BA20261129000123 please', 'claim_status'],
    ['你们销售当初忽悠我买的 我要投诉他', 'complaint'],
    ['the service I got on the phone was appalling and I want to complain', 'complaint'],
    ['上回投诉的事处理到哪了', 'complaint_status'],
    ['has anyone looked at complaint TS20261101000045 yet', 'complaint_status'],
    ['保单上的手机号换一下', 'policy_service'],
    ['我决定了 把保单退掉吧', 'policy_service'],
    ['please put my son down as the beneficiary', 'policy_service'],
    ['我要举报你们一个代理人私吞客户保费', 'whistleblow'],
    ['one of your agents pocketed my premium, I want to report him', 'whistleblow'],
    ['赶紧的 帮我接个人工客服', 'human_agent'],
    ['could I chat with a real person instead', 'human_agent'],
    ['以后营销的都给我退订', 'unsubscribe'],
    ['这类消息我都退订', 'unsubscribe'],
    ['please unsubscribe this number', 'unsubscribe'],
    ['hey hey, good evening', 'greeting'],
    ['好的 太谢谢您了', 'greeting'],
    ['猝死的话意外险管吗', 'inquiry'],
    ['what date does my car insurance run out', 'inquiry'],
    ['明天北京会下雪吗', 'other'],
    ['can you write me a poem about cats', 'other'],
  ];
  it.each(cases)('%s → %s', (text, intent) => {
    expect(nlu.classify(text, { now: NOW }).intent).toBe(intent);
  });
});

describe('keyword rules', () => {
  it('are confident on the critical intents', () => {
    for (const text of ['帮我转下人工呗', '喂喂 我找人工客服', 'TD。', '把我退订掉', '实名举报你们的理赔员']) {
      expect(nlu.classify(text).confidence, text).toBeGreaterThan(0.9);
    }
  });

  it('respect negation', () => {
    expect(nlu.classify('先不转人工 我自己再研究下').intent).not.toBe('human_agent');
    expect(nlu.classify('不想退订 继续发吧').intent).not.toBe('unsubscribe');
  });

  it('let the model tell a new complaint from a question about an old one', () => {
    expect(nlu.classify('投诉去哪投').intent).toBe('complaint');
    expect(nlu.classify('投诉那边给结果了没').intent).toBe('complaint_status');
  });

  it('do not send identity questions to a human', () => {
    expect(nlu.classify('跟我聊天的是真人还是机器').intent).not.toBe('human_agent');
  });
});

describe('result shape', () => {
  it('gives a confidence in 0..1 and up to three descending alternatives, none repeating the intent', () => {
    for (const text of ['车撞了要报案', '哦豁', 'qwzxv', '保单呢']) {
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
    expect(nlu.classify('保险呢').confidence).toBeLessThan(nlu.classify('我的车在高架上被追尾了 要报案').confidence);
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
    ['我想报个案子', 'zh'],
    ['I need to open a claim', 'en'],
    ['我的claim现在到哪了', 'zh'],
    ['my claim 好了吗 please check', 'en'],
    ['👍', 'zh'],
    ['TD', 'zh'],
  ] as const)('%s → %s', (text, lang) => {
    expect(nlu.classify(text).language).toBe(lang);
  });

  it.each([
    ['你们这什么垃圾服务', 'negative'],
    ['钱到底什么时候到账？？？', 'negative'],
    ['this is ridiculous, nobody answers', 'negative'],
    ['你们小安太贴心了 谢谢', 'positive'],
    ['that was really helpful, thank you', 'positive'],
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
