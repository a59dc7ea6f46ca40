/**
 * Complaint categories (issue 3) and a keyword classifier. Rules, not a model: staff must be able to see why a
 * complaint landed in a category, and the categories feed the regulator's statistics.
 */
export const COMPLAINT_CATEGORIES = ['sales_misconduct', 'claims', 'service_attitude', 'fees', 'policy_admin', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/**
 * Keyword rules per category; each hit adds its weight. Order matters only for ties: the earlier category wins,
 * so the more specific misconduct categories come first.
 */
const RULES: Array<[ComplaintCategory, Array<[RegExp, number]>]> = [
  [
    'sales_misconduct',
    [
      [/误导|骗|忽悠|夸大|虚假宣传|承诺.{0,6}(收益|回报|返还|利息)|没(有)?(说|告诉|告知|讲|提).{0,8}(清楚|风险|条款|免责|等待期|损失)|隐瞒|代签|冒签|替我签|强制搭售|捆绑|搭售|存款变保险|当成存款|理财.{0,4}(变|说成)保险|销售|卖(给)?我.{0,12}(的?时候|时)(说|讲|承诺)/, 3],
      [/业务员|代理人|推销|销售人员|买的时候|投保时/, 1],
      [/保本|保息|稳赚|高收益|随时(可以|能)?取|和存款一样|零风险|不会亏|保证不亏/, 2],
      [/mis-?sold|mislead|misled|lied|false promise|pushy|pressured|forged (my )?signature|signed for me|told me it was (a )?(deposit|savings)|hidden (terms|risks?)|sales(man|person| agent)?/i, 3],
      [/\bagent\b|when i bought/i, 1],
    ],
  ],
  [
    'claims',
    [
      [/理赔|拒赔|不赔|赔付|赔款|赔偿|赔得|核赔|定损|报案|少赔|拖着不赔|迟迟不(赔|处理)|给付/, 3],
      [/医院|发票|住院|事故|车损/, 1],
      [/claims?\b|denied|rejected my claim|pay ?out|settlement|compensation|loss adjust/i, 3],
      [/hospital|accident|repair/i, 1],
    ],
  ],
  [
    'fees',
    [
      [/扣费|扣款|多扣|乱扣|重复扣|乱收费|收费|手续费|管理费|费用|退费|扣了.{0,6}(钱|元)|自动续费|续保.{0,4}扣|保费.{0,4}(涨|高|贵|不对)/, 3],
      [/钱|元|块/, 1],
      [/charged|deducted|deduction|double ?charg|fees?\b|overcharg|refund|auto-?renew|premium (went up|increase)/i, 3],
    ],
  ],
  [
    'service_attitude',
    [
      [/态度|不耐烦|骂|凶|敷衍|推诿|踢皮球|没人(接|理|管)|不理|不回(复|消息)|电话打不通|打不通|挂(我)?电话|服务差|服务太差|客服.{0,6}(差|烂|不行)|爱答不理|冷漠|不礼貌/, 3],
      [/客服|柜台|工作人员/, 1],
      [/rude|attitude|impolite|ignored|no one (answers|replied|responds)|hung up|unhelpful|nobody (answers|replied|responds)|poor service|terrible service|shouted/i, 3],
      [/customer service|staff|hotline/i, 1],
    ],
  ],
  [
    'policy_admin',
    [
      [/保全|退保|变更|改(不了|不成)|受益人|地址|手机号.{0,4}(改|换)|复效|补发|保单贷款|生存金|满期金|缴费方式|犹豫期|退保金|银行卡|续期|失效/, 3],
      [/保单/, 1],
      [/surrender|cancel(led|ling)? (my )?policy|beneficiar|change (of )?(address|phone|bank)|reinstat|cooling-?off|policy loan|lapsed|reissue|renewal/i, 3],
      [/policy/i, 1],
    ],
  ],
];

/** Picks the category whose keywords weigh most in `text`; `other` when nothing matches. */
export function categoriseComplaint(text: string): ComplaintCategory {
  let best: ComplaintCategory = 'other';
  let bestScore = 0;
  for (const [category, rules] of RULES) {
    let score = 0;
    for (const [re, weight] of rules) if (re.test(text)) score += weight;
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}
