import { describe, expect, it } from 'vitest';
import { trainNlpjsBaseline } from '../../../src/core/nlu/baseline-nlpjs.ts';
import type { Example } from '../../../src/core/nlu/types.ts';

const examples: Example[] = [
  { text: '我要报案', intent: 'claim_report' },
  { text: '我的车被撞了', intent: 'claim_report' },
  { text: '出车祸了 要理赔', intent: 'claim_report' },
  { text: 'I want to file a claim', intent: 'claim_report' },
  { text: 'my car was hit', intent: 'claim_report' },
  { text: '转人工', intent: 'human_agent' },
  { text: '我要人工客服', intent: 'human_agent' },
  { text: 'talk to a human', intent: 'human_agent' },
  { text: 'I want a real person', intent: 'human_agent' },
  { text: '今天天气怎么样', intent: 'other' },
  { text: '讲个笑话', intent: 'other' },
  { text: 'what is the weather', intent: 'other' },
  { text: 'tell me a joke', intent: 'other' },
];

describe('NLP.js baseline', () => {
  it('trains on the same examples and answers with Anxin intents (None → other)', async () => {
    const logs: unknown[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => logs.push(a);
    let baseline;
    try {
      baseline = await trainNlpjsBaseline(examples);
    } finally {
      console.log = log;
    }
    expect(logs).toEqual([]); // training is silent
    expect(await baseline.classify('我的车被撞了 要报案')).toBe('claim_report');
    expect(await baseline.classify('I want to file a claim for my car')).toBe('claim_report');
    expect(await baseline.classify('转人工')).toBe('human_agent');
    expect(await baseline.classify('讲个笑话吧')).toBe('other');
    expect(await baseline.classify('zzzz qqqq')).toBe('other');
  });
});
