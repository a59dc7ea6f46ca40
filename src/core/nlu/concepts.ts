/**
 * Concept lexicons: hand-curated word classes that let the classifier generalise beyond the exact phrasings of the
 * training set. The model learns, say, that a CLAIM word next to a PROGRESS word means claim_status, and then
 * recognises 赔款有动静了吗 even if no training sentence contains 动静 next to 赔款. Pairs of concepts are
 * features too. Keep entries short and unambiguous; the model weighs them, so a stray match costs little.
 */

const C: Record<string, RegExp> = {
  LOSS: /离世|逝世|病逝|猝死|梗塞|遭贼|入室|失窃|被抢|抢劫|撬|漏电|塌|倒塌|撞|追尾|刮|蹭|车祸|事故|出险|翻车|侧翻|自燃|被盗|被偷|偷了|盗窃|淹|泡水|进水|着火|失火|火灾|烧|漏水|爆了|砸|摔|骨折|受伤|伤了|扭伤|住院|手术|确诊|癌|肿瘤|心梗|脑梗|中风|去世|过世|身故|死亡|病故|生病|发烧|咬|延误|碎屏|坏了|损坏|损失|\b(?:accident|crash\w*|hit|rear-ended|collid\w*|stolen|theft|burglar\w*|flood\w*|fire|burn\w*|broke|broken|fractur\w*|injur\w*|hurt|hospital\w*|surgery|operation|diagnos\w*|cancer|died|passed away|death|dent\w*|scratch\w*|damage\w*|leak\w*|cracked|delayed|bitten|sick|ill|smash\w*|windscreen|windshield|robbed|break-in|stroke|heart attack|collapsed)\b/,
  CLAIM: /理赔|赔|报销|索赔|赔付|赔偿|报案|报险|走保险|案子|案件|定损|查勘|\b(?:claim\w*|reimburs\w*|payout|compensat\w*|settle\w*|assessor|adjuster)\b/,
  FILE: /我要|我想|申请|提交|怎么报|要报|能报|帮我报|报个|走保险|怎么弄|咋办|怎么办|咋整|\b(?:file|submit|make a|start|lodge|report|want to|need to|how do i|how to)\b/,
  PROGRESS: /进度|到哪|哪一步|怎么样了|咋样了|结果|消息|动静|没人联系|还没|到账|到了没|审核|审批|批了|批下来|通过了|处理了|处理到|处理得|跟进|催|多久|等了|要等|状态|情况|结案|回音|下文|进展|答复|回复|受理|什么时候|几时|\b(?:status|progress|update\w*|news|approv\w*|pending|still|track\w*|chase|heard|waiting|yet|when will|where is|where's|outcome|result|follow up|under review)\b/,
  COMPLAINT: /无理|不接受|必须.{0,4}负责|负责到底|给个交代|交代|错了|都改不|一分不赔|不赔|没兑现|不兑现|达不到|改不好|修的不好|修得不好|投诉|投述|不满|态度|骗|误导|乱扣|多扣|扣了|扣我|重复扣|领导|经理|银保监|监管|12378|曝光|媒体|记者|起诉|告你们|律师|法院|忽悠|强制|搭售|虚假|骚扰|欺负|不负责|敷衍|推诿|推脱|刁难|踢皮球|不作为|\b(?:complain\w*|tousu|mis-?sold|misled|lied|liar|regulator|escalat\w*|lawyer|legal action|sue|court|runaround|pressured|harass\w*|without (?:my )?(?:consent|permission|asking)|never bought|won'?t stop|scammers?|joke|refused|not acceptable|take responsibility)\b/,
  ANGER: /垃圾|骗子|坑|烂|太差|很差|极差|真差|差劲|差评|失望|生气|过分|气死|气人|离谱|无语|恶心|受够|不像话|太慢|效率.{0,2}低|拖|凭什么|不合理|不服|不认可|不满意|说法|解释|违约|陷阱|霸王|欺骗|黑心|退钱|血汗钱|罢休|等着|[!！]{2,}|😡|🤬|😠|👎|\b(?:unhappy|dissatisf\w*|terrible|rude|useless|incompetent|unacceptable|disappoint\w*|worst|sucks?|awful|ridiculous|unfair|outrageous|disgrace|shame|upset|angry|furious|rip(?:ped)? (?:me )?off|joke)\b/,
  FRAUD: /假(?!期|日|条|如|设)|暗示|好处|给他钱|要钱|失联|跑路|卷款|私自|偷偷|纪检|腐败|勾结|串通|举报|骗保|假保单|假的|挪用|私吞|揣|没入账|冒充|假冒|冒用|伪造|虚开|虚报|虚构|红包|回扣|好处费|贿|倒卖|套现|诈骗|钓鱼|合规|匿名|实名|欺诈|故意撞|制造事故|卖客户|传销|\b(?:fraud\w*|fake|forg\w*|brib\w*|kickbacks?|pocket\w*|misappropriat\w*|impersonat\w*|phishing|whistle\w*|staged|inflat\w*|compliance|anonymous\w*|embezzl\w*|scam call|personal account|forgery|corrupt\w*|demanded money|company name|identity|padding|pretend\w*|posing)\b/,
  SERVICE: /附加|保全|变更|改|换|更新|修改|退保|解约|复效|恢复|补发|补办|重新打印|贷款|借款|生存金|满期金|年金|教育金|缴费方式|交费方式|月缴|年缴|季缴|按月|受益人|地址|手机号|电话号|银行卡|扣款卡|账户|投保人|附加险|加保|减保|失效|\b(?:change|update|switch|cancel|surrender|reinstat\w*|lapsed?|reissue|replacement|loan|borrow|beneficiar\w*|address|bank|card|monthly|quarterly|annually|maturity|survival|annuity|rider|policyholder|terminate)\b/,
  HUMAN: /转接|rengong|^rg$|人工|真人|活人|客服|专员|工作人员|机器人|换个人|找人|跟人|找个人|接线|坐席|\b(?:human|person|agent|representative|operator|someone|somebody|staff|bot|robot|live)\b/,
  UNSUB: /退定|推订|退丁|退订|订阅|推送|别发|不要发|别再发|不要再发|发消息|短信|通知|提醒|免打扰|屏蔽|拒收|消息|^\s*t[d]?\s*$|\b(?:stop|unsub\w*|subscri\w*|opt|notifications?|messag\w*|spam\w*|sending|text me|mailing list|mute)\b/,
  GREET: /祝|再聊|^拜+$|客官|你好|您好|你们好|大家好|嗨|哈喽|哈罗|哈啰|在吗|在嘛|在么|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早安|午安|晚安|好梦|谢谢|感谢|多谢|谢啦|谢了|辛苦|再见|再会|拜拜|回头见|下次见|先走了|先下了|^88+6?$|快乐|安康|打扰|没有其他问题|没别的问题|^亲$|[👋🙏🌹💐❤️😊👍]|\b(?:hello|hi|hey+|hiya|yo|gm|thanks?|thx|tks|ty|cheers|morning|afternoon|evening|night|bye+|goodbye|see (?:you|ya)|later|take care|appreciate\w*|happy|merry)\b/,
  QUESTION: /吗|么|怎么|什么|多少|哪|几|是否|能不能|可不可以|可以|有没有|\?|\b(?:how|what|when|where|which|can|could|does|do|is|are|will)\b/,
  INSURANCE: /保险|保单|保费|保额|险|投保|承保|核保|拒保|条款|保障|理赔|续保|停售|产品|受益|被保|犹豫期|等待期|宽限期|免赔|免责|现金价值|健康告知|告知|偿付|额度|营业厅|网点|柜面|柜台|分公司|客服电话|热线|业务员|代理人|\b(?:policy|policies|insurance|insured|insure|premiums?|cover\w*|plan|claims?|deductible|rider|sum|exclusions?|free look|cash value|waiting period|underwrit\w*|branch|hotline|agent)\b/,
  PRODUCT: /重疾|医疗险|意外险|寿险|车险|家财|旅游险|年金险|防癌|交强|三者|惠民保|百万医疗|护理险|分红险|万能险|宠物险|碎屏险|\b(?:critical illness|term life|whole life|travel insurance|car insurance|health plan|medical plan|pet insurance)\b/,
  OFFTOPIC: /天气|下雨|下雪|气温|温度|空气|股票|股价|基金|比特币|黄金|汇率|理财产品|电影|电视剧|歌|游戏|吃什么|外卖|饭|菜|蛋糕|机票|火车票|高铁|航班查|酒店|旅游好|打车|滴滴|快递|淘宝|微信怎么|手机怎么|电脑|wifi|网络|话费|流量|作业|作文|请假条|翻译|笑话|故事|减肥|失眠|感冒|咳嗽|挂号|驾照|护照|户口|社保|公积金|个税|房贷|信用卡|离婚|辞退|违章|加油站|地铁|几点了|星期几|几号|名字|几岁|男朋友|女朋友|你是谁|红包|群|\b(?:weather|rain|snow|stocks?|bitcoin|gold|exchange rate|movie|song|music|game|eat|cook\w*|recipe|cake|pizza|train ticket|hotel|taxi|homework|joke|funny|story|translate|capital|passport|licen[cs]e|wifi|mortgage|date|feelings|chatgpt|model are you)\b/,
  GENERAL: /一般|通常|平均|正常情况|多长时间|\b(?:usually|normally|typically|in general|on average|generally)\b/,
  // What an operation would cost or return (退保亏多少, 能借多少, 利息): a question for the knowledge base or the
  // policy's data, not a request to do it.
  OUTCOME: /亏|损失|划算|划不划算|值不值|能退多少|退多少|退几成|拿回|扣不扣|扣多少|手续费|利息|利率|现金价值|现价|全款|本金|能借多少|额度|\b(?:lose|losing|loss|worth|get back|surrender value|cash value|interest|rate|refund(?:ed)?|how much)\b/,
  // Paperwork: with CLAIM and QUESTION it marks a question about procedure (住院报销要准备啥材料).
  DOCS: /材料|资料|单据|票据|发票|证明|病历|原件|复印件|手续|证件|\b(?:documents?|paperwork|papers|receipts?|proof|forms?|certificates?|what (?:do|must|should) i (?:have to |need to )?(?:send|submit|provide|bring|prepare|hand in))\b/,
  MY: /我的|我名下|我买的|我家|\b(?:my|mine)\b/,
  MONEY: /钱|费用|多少|金额|元|块|\b(?:money|cost|price|fee|pay\w*|charg\w*|refund)\b/,
};
const NAMES = Object.keys(C);

/** Names of the concepts present in lower-cased, folded text, plus every pair of them. */
export function conceptFeatures(lower: string): string[] {
  const present = NAMES.filter((n) => C[n].test(lower));
  const out = present.map((n) => `c:${n}`);
  for (let i = 0; i < present.length; i++) for (let j = i + 1; j < present.length; j++) out.push(`cc:${present[i]}+${present[j]}`);
  if (present.length === 0) out.push('c:NONE');
  return out;
}
