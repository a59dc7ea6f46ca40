import { describe, expect, it } from 'vitest';
import { clauses, extractClaimFacts } from '../../../src/domain/claims/extract-facts.ts';

describe('extractClaimFacts: what a claim message states', () => {
  it('reads every fact of the issue-11 first message', () => {
    expect(extractClaimFacts('我的车沪A12345 昨天晚上十点在延安高架上被追尾了 没人受伤 对方车牌沪C11111')).toEqual({
      place: '延安高架上',
      description: '昨天晚上十点在延安高架上被追尾了',
      injuries: 'none',
      otherParties: '对方车牌沪C11111',
    });
  });

  it.each([
    ['车停在小区地库被刮了', { place: '小区地库', description: '车停在小区地库被刮了' }],
    ['小区地库', { place: '小区地库' }],
    ['北京市朝阳区建国路与东三环交叉口', { place: '北京市朝阳区建国路与东三环交叉口' }],
    ['等红灯时被后车追尾，后保险杠凹陷', { description: '等红灯时被后车追尾，后保险杠凹陷' }],
    ['家里水管爆了 厨房都淹了', { description: '家里水管爆了，厨房都淹了' }],
    ['我要报案 京A12345 被追尾了', { description: '被追尾了' }],
    ['我腿擦伤了', { injuries: '我腿擦伤了' }],
    ['人都没事', { injuries: 'none' }],
    ['单方事故', { otherParties: 'none' }],
    ['对方车牌京B67890，司机电话13911112222', { otherParties: '对方车牌京B67890，司机电话13911112222' }],
    ['已报警，交警在处理', { policeReport: 'yes' }],
    ['还没报警', { policeReport: 'no' }],
  ])('%s', (text, facts) => {
    expect(extractClaimFacts(text)).toEqual(facts);
  });

  it('reads English messages', () => {
    expect(extractClaimFacts('my car was rear-ended at the Bund last night, nobody was hurt')).toEqual({
      place: 'the Bund',
      description: 'my car was rear-ended at the Bund last night',
      injuries: 'none',
    });
    expect(extractClaimFacts('I want to report a claim, my home was burgled. Policy PR2024000003')).toEqual({ description: 'my home was burgled' });
    expect(extractClaimFacts('a pipe burst in the kitchen')).toMatchObject({ place: 'the kitchen' });
  });

  it('stores nothing from questions, cancels, requests or a time alone', () => {
    for (const text of ['理赔需要什么材料', '算了吧', '不报了', '我要报案', '犹豫期多久？', '昨天下午三点', '在等红灯', '被撞了怎么办', 'what documents do I need?', 'on Friday at 3pm']) {
      expect(extractClaimFacts(text), text).toEqual({});
    }
  });

  it('drops correction lead-ins and reads a named field when correcting', () => {
    expect(extractClaimFacts('地点不对，应该是延安高架', { correction: true })).toEqual({ place: '延安高架' });
    expect(extractClaimFacts('地点改成小区地库', { correction: true })).toEqual({ place: '小区地库' });
    expect(extractClaimFacts('actually the place is People\'s Square', { correction: true })).toEqual({ place: "People's Square" });
    expect(extractClaimFacts('不对 时间说错了 是上周五下午三点半', { correction: true })).toEqual({});
    // Without the correction flag, "应该是…" is not stripped into a bare place.
    expect(extractClaimFacts('应该是延安高架').place).toBe('应该是延安高架');
  });

  it('splits clauses on punctuation, and on spaces only next to Chinese', () => {
    expect(clauses('我的车沪A12345 昨天被追尾了，没人受伤')).toEqual(['我的车沪A12345', '昨天被追尾了', '没人受伤']);
    expect(clauses('hit at 11.30 on Main Road. Nobody hurt')).toEqual(['hit at 11.30 on Main Road', 'Nobody hurt']);
  });
});
