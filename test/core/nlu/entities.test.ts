import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../src/core/nlu/index.ts';

// Wednesday 18 March 2026, 10:00 in Shanghai.
const NOW = new Date('2026-03-18T10:00:00+08:00');
const x = (text: string) => extractEntities(text, NOW);

describe('reference numbers', () => {
  it('finds policy, claim, complaint and service numbers in any case, with or without a gap after the prefix', () => {
    expect(x('我的保单LF2024000123出险了').policyNumber).toBe('LF2024000123');
    expect(x('保单号 au 2025000321').policyNumber).toBe('AU2025000321');
    expect(x('报案号BA20261129000123进度').claimNumber).toBe('BA20261129000123');
    expect(x('投诉编号 ts20261101000045').complaintNumber).toBe('TS20261101000045');
    expect(x('BQ20260320000111 办好了吗').serviceNumber).toBe('BQ20260320000111');
  });

  it('ignores look-alikes with the wrong length or prefix', () => {
    expect(x('LF202400012').policyNumber).toBeUndefined();
    expect(x('XX2024000123').policyNumber).toBeUndefined();
    expect(x('BA2026112900012').claimNumber).toBeUndefined();
  });
});

describe('phone and ID numbers', () => {
  it('normalises mainland mobiles written with +86, spaces or dashes', () => {
    expect(x('电话13812345678').phone).toBe('13812345678');
    expect(x('call me on +86 139 1234 5678').phone).toBe('13912345678');
    expect(x('新号是138-1234-5678').phone).toBe('13812345678');
    expect(x('座机12345678901').phone).toBeUndefined(); // 12… is not a mobile prefix
  });

  it('accepts an ID number only when the GB 11643 checksum is valid', () => {
    expect(x('身份证11010519491231002x').idNumber).toBe('11010519491231002X');
    expect(x('ID 440304199001011233').idNumber).toBe('440304199001011233');
    const bad = x('身份证110105194912310021'); // last digit should be X
    expect(bad.idNumber).toBeUndefined();
    expect(bad.phone).toBeUndefined(); // nor read as a phone number inside it
  });

  it('keeps the ID and the phone apart in one message', () => {
    const e = x('手机13812345678 身份证310115198511200047');
    expect(e).toMatchObject({ phone: '13812345678', idNumber: '310115198511200047' });
  });
});

describe('licence plates', () => {
  it('reads ordinary and new-energy plates, with separators and lower case', () => {
    expect(x('车牌京A12345被撞').plate).toBe('京A12345');
    expect(x('粤B·D12345 追尾了').plate).toBe('粤BD12345');
    expect(x('沪c 23456').plate).toBe('沪C23456');
    expect(x('苏E12345D 大车').plate).toBe('苏E12345D');
  });

  it('rejects plates that break the rules', () => {
    expect(x('京I12345').plate).toBeUndefined(); // I is not an issuing letter
    expect(x('粤BX12345').plate).toBeUndefined(); // 6 characters but not new-energy
    expect(x('京ABCDEF').plate).toBeUndefined();
  });
});

describe('amounts', () => {
  it.each([
    ['修车花了5000元', [5000]],
    ['对方要我赔3万', [30000]],
    ['¥1,200', [1200]],
    ['大概1.5k吧', [1500]],
    ['RMB 800', [800]],
    ['两万五千块', [25000]],
    ['医药费一万二', [12000]],
    ['3w多', [30000]],
    ['3万5', [35000]],
    ['it cost 800 yuan', [800]],
    ['cost me ￥300 and 200元', [300, 200]],
  ])('%s → %j', (text, amounts) => {
    expect(x(text).amounts).toEqual(amounts);
  });

  it('does not read counts, dates, idioms or reference numbers as money', () => {
    for (const text of ['有3个人受伤', '3月5日下午3点', '千万别', '万一出事', '十万火急', '报案号BA20261129000123', '50km']) {
      expect(x(text).amounts, text).toBeUndefined();
    }
  });
});

describe('service type and negation', () => {
  it.each([
    ['改下手机号', 'change_phone'],
    ['搬家了 地址要改', 'change_address'],
    ['受益人想改成我女儿', 'change_beneficiary'],
    ['扣款银行卡换一张', 'change_bank'],
    ['不想保了 退掉', 'surrender'],
    ['保单失效了 想恢复效力', 'reinstatement'],
    ['保单丢了怎么补', 'reissue'],
    ['年缴改成月缴', 'payment_frequency'],
    ['我想用保单借款', 'policy_loan'],
    ['生存金怎么领', 'survival_benefit'],
    ['I want to surrender my policy', 'surrender'],
    ['update my mailing address', 'change_address'],
  ])('%s → %s', (text, type) => {
    expect(x(text).serviceType).toBe(type);
  });

  it('flags negations but not words that only contain a negation character', () => {
    expect(x('没有人受伤').negation).toBe(true);
    expect(x('不要转人工').negation).toBe(true);
    expect(x('nobody was hurt').negation).toBe(true);
    expect(x("we don't need a tow").negation).toBe(true);
    for (const text of ['不好意思 打扰了', '有没有人受伤', '服务不错', '非常感谢', '别人的车']) {
      expect(x(text).negation, text).toBeUndefined();
    }
  });
});

it('returns only the fields it found', () => {
  expect(x('你好')).toEqual({});
  const e = x('我的保单LF2024000123 昨天下午三点在京A12345被撞 修车花了5000元');
  expect(e).toEqual({
    policyNumber: 'LF2024000123',
    plate: '京A12345',
    datetime: { iso: '2026-03-17T15:00:00+08:00', text: '昨天下午三点', precision: 'hour' },
    amounts: [5000],
  });
});
