import { describe, expect, it } from 'vitest';
import { problemsIn, misSellingOwner } from '../../../src/domain/callbacks/answers.ts';
import { NO_COMMENT, parseCheckAnswer, parseScore } from '../../../src/domain/callbacks/questions.ts';

describe('callback answers', () => {
  it('yes / no / not sure, "not sure" before "no" (不清楚 is not 不)', () => {
    for (const t of ['是', '是的', '对', '本人签的', '清楚', 'yes', 'Yes!', 'understood']) expect(parseCheckAnswer(t), t).toBe('yes');
    for (const t of ['否', '不是', '没有', '别人代签', '不是我签的', 'no', 'Nope']) expect(parseCheckAnswer(t), t).toBe('no');
    for (const t of ['不确定', '不清楚', '不太了解', '记不清', 'not sure', "don't know"]) expect(parseCheckAnswer(t), t).toBe('unsure');
    for (const t of ['随便', '你猜', '是不是啊', '']) expect(parseCheckAnswer(t), t).toBeNull();
  });

  it('scores from digits, numerals and words', () => {
    expect(['5', '５', '五分', '4 stars', '3分', '非常满意', '满意', '一般', '不满意', '非常不满意', 'very dissatisfied'].map(parseScore)).toEqual([5, 5, 5, 4, 3, 5, 4, 3, 2, 1, 1]);
    for (const t of ['6', '0', '10', '很好吃']) expect(parseScore(t), t).toBeNull();
  });

  it('"no comment" replies', () => {
    expect(['无', '没有', '跳过', 'Skip', 'none'].every((t) => NO_COMMENT.test(t))).toBe(true);
    expect(NO_COMMENT.test('没有人联系我')).toBe(false);
  });

  it('problems and who owns them', () => {
    expect(problemsIn({ identity: 'yes', signature: 'no', surrender: 'unsure' })).toEqual(['signature', 'surrender']);
    expect(misSellingOwner({ branch: '上海分公司' })).toBe('branch:上海分公司');
    expect(misSellingOwner(null)).toBe('compliance');
  });
});
