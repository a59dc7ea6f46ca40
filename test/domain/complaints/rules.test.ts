import { describe, expect, it } from 'vitest';
import { factUnits, missingItems, parseMaterialsAnswer, parseMobile, parseName, parseRole } from '../../../src/domain/complaints/answers.ts';
import { categoriseComplaint } from '../../../src/domain/complaints/categorise.ts';
import { hasNewFacts, sameSubject, similarity } from '../../../src/domain/complaints/matching.ts';

describe('categoriseComplaint', () => {
  it.each([
    ['业务员说这个产品保本保息随时可取，根本没告诉我退保有损失', 'sales_misconduct'],
    ['代理人替我签的字，我根本不知道买了分红险', 'sales_misconduct'],
    ['The agent mis-sold me this plan and told me it was a deposit', 'sales_misconduct'],
    ['住院理赔两个月了还不赔，理赔员一直拖着', 'claims'],
    ['My claim was denied without any reason', 'claims'],
    ['客服态度太差了，打了五次电话都没人接还挂我电话', 'service_attitude'],
    ['The hotline staff were rude and hung up on me', 'service_attitude'],
    ['每个月都多扣了我50元，也没说是什么费用', 'fees'],
    ['You charged me twice for the same premium', 'fees'],
    ['受益人变更申请交了一个月了还没办好', 'policy_admin'],
    ['I asked to change my address three times and it is still wrong on the policy', 'policy_admin'],
    ['你们的公众号文章写得不好', 'other'],
    ['I am unhappy', 'other'],
  ])('%s → %s', (text, category) => {
    expect(categoriseComplaint(text)).toBe(category);
  });
});

describe('same complaint and new facts', () => {
  it('similar subjects match; unrelated ones do not', () => {
    expect(similarity('业务员王小明', '业务员王小明！')).toBe(1);
    expect(sameSubject({ subject: '业务员王小明', category: 'sales_misconduct' }, { subject: '王小明', category: 'sales_misconduct' })).toBe(true);
    expect(sameSubject({ subject: '业务员王小明', category: 'sales_misconduct' }, { subject: '理赔部门', category: 'claims' })).toBe(false);
    expect(sameSubject({ subject: 'agent Li Wei', category: 'sales_misconduct' }, { subject: 'Li Wei the agent', category: 'sales_misconduct' })).toBe(true);
  });

  it('the same policy number matches even when the wording of the subject differs', () => {
    expect(sameSubject({ subject: '那份保单', category: 'fees', policyNumber: 'LF2024000123' }, { subject: '保单扣费', category: 'fees', policyNumber: 'lf2024000123' })).toBe(true);
  });

  it('different category and loosely similar subject: not the same', () => {
    expect(sameSubject({ subject: '客服中心', category: 'service_attitude' }, { subject: '客服中心理赔组', category: 'claims' })).toBe(false);
    expect(sameSubject({ subject: '客服中心', category: 'service_attitude' }, { subject: '客服中心！', category: 'claims' })).toBe(true);
    expect(sameSubject({ subject: '客服', category: 'service_attitude' }, { subject: '理赔', category: 'claims' })).toBe(false);
  });

  it('repeating the same account is not new; a new event is; new materials always are', () => {
    const onFile = '业务员王小明说这款产品保本保息随时可取，没有告诉我退保会有损失';
    expect(hasNewFacts(onFile, '业务员王小明说这款产品保本保息，随时可取！')).toBe(false);
    expect(hasNewFacts(onFile, '上个月他又让我签了一份新合同，签名不是我签的')).toBe(true);
    expect(hasNewFacts(onFile, onFile, 1)).toBe(true);
    expect(hasNewFacts('The agent said it was a savings account', 'the agent said it was a savings account!!')).toBe(false);
    expect(hasNewFacts('The agent said it was a savings account', 'Yesterday he also forged my signature on a second contract')).toBe(true);
  });
});

describe('complainant answers', () => {
  it.each([
    ['我是消费者本人', 'self'],
    ['本人', 'self'],
    ['I am the consumer', 'self'],
    ['myself', 'self'],
    ['受托代理人/监护人/继承人', 'authorised_agent'],
    ['我是她的代理人，有委托书', 'authorised_agent'],
    ['Authorised agent / guardian / heir', 'authorised_agent'],
    ['替他人反映（未获委托）', 'third_party'],
    ['我替我朋友投诉', 'third_party'],
    ['Someone else, without authorisation', 'third_party'],
    ['for my friend', 'third_party'],
    ['啊？', null],
    ["I'm the consumer", 'self'],
    ['我是她女儿 她没让我来 我自己看不下去', 'third_party'],
    ["I'm just her friend, she didn't ask me to", 'third_party'],
    ['我是她女儿', null],
  ])('role of "%s" is %s', (text, role) => {
    expect(parseRole(text)).toBe(role);
  });

  it('names: prefixes dropped, digits and one-letter answers refused', () => {
    expect(parseName('我叫张伟')).toBe('张伟');
    expect(parseName('My name is Li Wei')).toBe('Li Wei');
    expect(parseName('张三（代理人：李四）')).toBe('张三（代理人：李四）');
    expect(parseName('13812345678')).toBeNull();
    expect(parseName('a')).toBeNull();
  });

  it('mobile numbers from the entity or the text', () => {
    expect(parseMobile('138 1234 5678')).toBe('13812345678');
    expect(parseMobile('+8613812345678')).toBe('13812345678');
    expect(parseMobile('x', '13900001111')).toBe('13900001111');
    expect(parseMobile('12345')).toBeNull();
  });

  it('materials answers', () => {
    expect(parseMaterialsAnswer('', 2)).toBe('files');
    expect(parseMaterialsAnswer('好了', 0)).toBe('done');
    expect(parseMaterialsAnswer('没有', 0)).toBe('none');
    expect(parseMaterialsAnswer('暂时没有，稍后补充', 0)).toBe('later');
    expect(parseMaterialsAnswer('later', 0)).toBe('later');
    expect(parseMaterialsAnswer('done', 0)).toBe('done');
    expect(parseMaterialsAnswer('什么材料', 0)).toBeNull();
  });

  it('missing items: short facts, materials to follow, an agent without the power of attorney', () => {
    expect(factUnits('他骗我')).toBe(3);
    expect(missingItems({ facts: '他骗我', role: 'self', materials: 'none', materialCount: 0 })).toEqual(['facts']);
    expect(missingItems({ facts: '业务员说保本保息随时可取，实际退保损失一半', role: 'self', materials: 'later', materialCount: 0 })).toEqual(['materials']);
    expect(missingItems({ facts: '业务员说保本保息随时可取，实际退保损失一半', role: 'self', materials: 'none', materialCount: 0 })).toEqual([]);
    expect(missingItems({ facts: '业务员说保本保息随时可取，实际退保损失一半', role: 'authorised_agent', materials: 'none', materialCount: 0 })).toEqual(['authorisation']);
    expect(missingItems({ facts: '业务员说保本保息随时可取，实际退保损失一半', role: 'authorised_agent', materials: 'done', materialCount: 1 })).toEqual([]);
  });
});
