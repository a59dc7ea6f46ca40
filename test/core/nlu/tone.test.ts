import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, type Nlu } from '../../../src/core/nlu/index.ts';

// Issue 11: the apology fired on neutral status questions while real anger got scripted questions.
let nlu: Nlu;
beforeAll(() => {
  nlu = createNlu();
});

describe('tone', () => {
  it.each(['投诉', '我的理赔怎么还没到账呀', 'I want to check my complaint', '我要投诉理赔员', 'how do I complain', '理赔还没完成吗'])(
    'a topic word is not a feeling: %s',
    (text) => {
      const r = nlu.classify(text);
      expect(r.sentiment).not.toBe('negative');
      expect(r.anger).toBe('none');
    },
  );

  it.each(['你们这帮骗子…退钱！！！', '垃圾公司', 'you scammers took my money', '再不赔我就找媒体曝光你们'])('angry: %s', (text) => {
    const r = nlu.classify(text);
    expect(r.sentiment).toBe('negative');
    expect(r.anger).toBe('angry');
  });

  it.each(['都等了两个礼拜了还没消息', '钱到底什么时候到账？？？', 'this is ridiculous, nobody answers', '你们效率太慢了'])('upset: %s', (text) => {
    const r = nlu.classify(text);
    expect(r.sentiment).toBe('negative');
    expect(r.anger).toBe('upset');
  });

  it.each(['叫你们领导来', '找你们老板来 这事没完', '你们经理呢', 'get me your manager now', 'I want to speak to a supervisor'])(
    'asks for a supervisor: %s',
    (text) => {
      const r = nlu.classify(text);
      expect(r.supervisor).toBe(true);
      expect(r.sentiment).toBe('negative');
    },
  );

  it.each(['我的客户经理是谁', '王经理把我的保费拿走了', '转人工', 'who is my account manager'])('is not a supervisor request: %s', (text) => {
    expect(nlu.classify(text).supervisor).toBe(false);
  });

  it('keeps thanks positive and plain requests neutral', () => {
    expect(nlu.classify('好的 麻烦你了 谢谢').sentiment).toBe('positive');
    expect(nlu.classify('帮我查下保单到期时间').sentiment).toBe('neutral');
    expect(nlu.classify('帮我查下保单到期时间').anger).toBe('none');
  });
});
