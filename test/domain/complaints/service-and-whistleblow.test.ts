import { describe, expect, it } from 'vitest';
import { DETAILS, DOCUMENTS, SERVICE_REQUEST_TYPES, STAFF_ONLY, detailsText } from '../../../src/domain/service-requests.ts';
import { redactContacts } from '../../../src/domain/whistleblow.ts';

describe('service request details', () => {
  it('beneficiary changes and surrenders, and only they, always need staff', () => {
    expect([...STAFF_ONLY].sort()).toEqual(['change_beneficiary', 'surrender']);
  });

  it('every type has documents to list', () => {
    for (const type of SERVICE_REQUEST_TYPES) expect(DOCUMENTS[type].length).toBeGreaterThan(0);
  });

  it('validates a new mobile number and shows it masked', () => {
    expect(DETAILS.change_phone!.parse('12345', {})).toBeNull();
    expect(DETAILS.change_phone!.parse('新号码 139-1234-5678', {})).toEqual({ newPhone: '13912345678' });
    expect(detailsText('zh', 'change_phone', { newPhone: '13912345678' })).toBe('139****5678');
  });

  it('keeps only the masked bank account', () => {
    const d = DETAILS.change_bank!.parse('工商银行 6222 0212 3456 7890 123', {});
    expect(d).toEqual({ bank: '工商银行', accountMasked: '6222 **** **** 0123', accountLast4: '0123' });
    expect(JSON.stringify(d)).not.toContain('6222021234567890123');
    expect(DETAILS.change_bank!.parse('工商银行 1234', {})).toBeNull();
  });

  it('addresses, frequencies, loan amounts and reissue reasons', () => {
    expect(DETAILS.change_address!.parse('北京', {})).toBeNull();
    expect(DETAILS.change_address!.parse('北京市朝阳区建国路88号', {})).toEqual({ newAddress: '北京市朝阳区建国路88号' });
    expect(DETAILS.change_address!.parse('88 Jianguo Road, Chaoyang, Beijing', {})).not.toBeNull();
    expect(DETAILS.payment_frequency!.parse('半年缴', {})).toEqual({ frequency: 'semiannual' });
    expect(DETAILS.payment_frequency!.parse('monthly', {})).toEqual({ frequency: 'monthly' });
    expect(DETAILS.payment_frequency!.parse('随便', {})).toBeNull();
    expect(DETAILS.policy_loan!.parse('两万', { amounts: [20000] })).toEqual({ amount: 20000 });
    expect(DETAILS.policy_loan!.parse('5000元', {})).toEqual({ amount: 5000 });
    expect(DETAILS.policy_loan!.parse('-1', {})).toBeNull();
    expect(DETAILS.reissue!.parse('保单弄丢了', {})).toEqual({ reason: 'lost' });
    expect(DETAILS.reissue!.parse('it got damaged by water', {})).toEqual({ reason: 'damaged' });
  });
});

describe('whistleblowing card redaction', () => {
  it('removes phones, IDs, cards, e-mails, chat accounts and the reporter\'s known traits', () => {
    const text = '我是王磊，电话 138-0013-8000，身份证110101199003077777，卡号6222021234567890123，邮箱 a.b@x.cn，微信号 wl_2024x';
    const out = redactContacts(text, ['王磊', null, '']);
    for (const raw of ['王磊', '138-0013-8000', '110101199003077777', '6222021234567890123', 'a.b@x.cn', 'wl_2024x']) expect(out).not.toContain(raw);
    expect(redactContacts('业务员李四挪用保费')).toBe('业务员李四挪用保费');
  });
});
