/**
 * The 保全 (policy administration) operation a message names. Set whenever a keyword matches; the dialog uses it
 * to skip the "what would you like to change?" question. The earliest mention wins.
 */
import type { ServiceType } from '../types.ts';

const CHANGE = '(?:改|换|变更|更换|更改|修改|更新)';
const PATTERNS: Array<[ServiceType, RegExp]> = [
  ['change_beneficiary', /受益人|beneficiar/],
  ['change_phone', new RegExp(`${CHANGE}.{0,6}(?:手机|电话|联系方式)|(?:手机|电话)号?.{0,4}(?:换|改|变|停用|不用)|(?:change|update|new).{0,20}(?:phone|mobile|cell)`)],
  ['change_address', new RegExp(`${CHANGE}.{0,6}(?:地址|住址)|搬家|地址.{0,4}(?:变|换|改)|(?:change|update|new).{0,20}address|moved (?:house|to)`)],
  ['change_bank', new RegExp(`${CHANGE}.{0,8}(?:银行卡|扣款卡|缴费卡|卡号|账户|账号|帐户|帐号)|(?:银行卡|扣款账户|扣款卡|缴费卡).{0,6}(?:换|改|变|注销|丢)|bank (?:account|card)|(?:change|update|switch).{0,20}(?:card|account)`)],
  ['surrender', /退保|解约|解除.{0,4}合同|不想(?:买|保|要|续)了|不保了|退掉.{0,6}(?:保险|保单)|(?:cancel|terminate|surrender).{0,20}(?:policy|insurance|contract|plan)|surrender/],
  ['reinstatement', /复效|恢复.{0,4}效力|(?:失效|中止|停效).{0,12}(?:恢复|复原|续上)|reinstat|reactivat/],
  ['reissue', /补发|补办|补打|重新(?:打印|出具|寄)|保单.{0,6}(?:丢|掉了|遗失|不见|找不到|弄坏|损坏)|lost.{0,20}(?:policy|contract|document)|reissue|replacement (?:policy|copy|contract)/],
  ['payment_frequency', /(?:缴费|交费|缴款)(?:方式|频率|周期|期间)|(?:年缴|年交|月缴|月交|季缴|季交|半年缴).{0,6}(?:改|换|变)|改(?:成|为)?(?:年缴|月缴|季缴|月交|年交|季交|按月|按年)|payment (?:frequency|schedule|plan)|pay (?:monthly|annually|quarterly|yearly)|(?:monthly|annual|quarterly|yearly) (?:payments?|premiums?)/],
  ['policy_loan', /保单(?:贷款|借款)|借款|贷款|policy loan|borrow|loan/],
  ['survival_benefit', /生存金|满期金|祝寿金|年金.{0,4}领|领.{0,6}年金|教育金|survival benefit|maturity (?:benefit|payment)|annuity/],
];

/** The first 保全 operation mentioned in lower-cased, folded text. */
export function findServiceType(lower: string): ServiceType | undefined {
  let best: { type: ServiceType; at: number } | undefined;
  for (const [type, re] of PATTERNS) {
    const m = re.exec(lower);
    if (m && (!best || m.index < best.at)) best = { type, at: m.index };
  }
  return best?.type;
}
