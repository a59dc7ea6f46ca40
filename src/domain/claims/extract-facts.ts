/**
 * Facts a claim-related message states, so the report does not ask again for what the customer already said:
 * "我的车沪A12345 昨天晚上十点在延安高架上被追尾了 没人受伤 对方车牌沪C11111" gives the place, the description, the
 * injuries and the other party at once. Pure and conservative: a place needs a location cue (在…, a place noun such
 * as 地库/高架/路口, "at the Bund"), questions are ignored, and nothing is guessed from a lone word.
 */

/** What a message says about the incident; absent keys were not stated. `'none'` means "stated: there is none". */
export interface ClaimFacts {
  place?: string;
  description?: string;
  injuries?: string;
  otherParties?: string;
  policeReport?: string;
}

export interface ExtractOptions {
  /**
   * The message corrects an earlier answer ("不对 地点是延安高架"): correction lead-ins are dropped and a clause that
   * names the field ("地点是…", "place is …") counts on its own.
   */
  correction?: boolean;
}

// Place nouns a Chinese location ends with or contains; enough to tell 延安高架/小区地库 from 等红灯.
const PLACE_NOUN =
  '路口|十字路口|路|街|大道|道|高架|高速|快速路|环路|桥|隧道|小区|地库|车库|停车场|停车位|车位|商场|超市|医院|学校|公司|单位|门口|楼下|广场|大厦|中心|楼|区|市|县|镇|村|站|店|巷|弄|园|口|加油站|服务区|收费站|家里|家中|老家';
const STRONG_PLACE_END = /(?:交叉口|路口|路|街|大道|高架|高速|快速路|环路|桥|隧道|小区|地库|车库|停车场|车位|商场|超市|医院|学校|门口|楼下|广场|大厦|加油站|服务区|收费站|家里|家中)(?:上|里|内|下|边|旁|附近|门口)?$/;
const PLACE_RE = new RegExp(String.raw`在(?<place>[^在，。,.!！?？；;\s]{1,24}(?:${PLACE_NOUN})[^在，。,.!！?？；;\s]{0,6}?)(?=被|让|给|叫|和|跟|与|把|撞|追尾|刮|蹭|擦|碰|发生|出了?|停|倒车|掉头|转弯|等|摔|滑|掉|丢|失窃|着火|起火|漏水|爆|的时候|时|$)`);
const EN_PLACE_RE =
  /\b(?:at|on|in|near|outside|by)\s+(?<place>(?:the\s+)?(?:(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|Road|Rd|Street|St|Avenue|Ave|Bridge|Highway|Expressway|Tunnel|of|and|&))*|(?:my\s+|our\s+|a\s+|an\s+)?(?:(?:\w+\s+)?(?:car park|parking lot|parking garage|garage|basement|highway|motorway|expressway|intersection|junction|crossroads|roundabout|gas station|petrol station|supermarket|mall|hospital|office|home|house|flat|apartment|kitchen|bathroom))))/;
const EN_NOT_PLACE = /^(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|I|Policy|PR\d|AU\d|HL\d|LF\d)\b/i;

const INCIDENT =
  /被.{0,6}(?:追尾|撞|刮|蹭|擦|碰|剐|砸|偷|盗|咬|淹|泡|烧)|追尾|撞[了到上伤坏]|相撞|刮[了到花伤蹭]|剐蹭|蹭[了到]|碰[了到]|爆胎|自燃|着火|起火|失火|漏水|水管|爆管|爆裂|泡水|被淹|进水|被盗|被偷|失窃|丢了|入室|进了?小偷|进了?贼|遭了?贼|摔[了倒伤]|骨折|住院|确诊|车祸|事故|\b(?:crash(?:ed)?|hit|rear[- ]ended|collided|scratched|dented|stolen|burgl(?:ed|ary|arized)|broke in|break-in|burst|flood(?:ed)?|leak(?:ed|ing)?|fire|fell|slipped|broke (?:my|his|her) \w+|hospitali[sz]ed|diagnosed)\b/i;
const INJURY_NONE =
  /(?:没|没有|无)人(?:员)?(?:受伤|伤亡|伤到)|人(?:都|员)?(?:没事|没受伤|无碍|平安|无伤亡|安全)|(?:都|也|人)?没(?:有)?受伤|无人受伤|无伤亡|\b(?:no(?:body| one)\s+(?:was\s+|got\s+)?(?:hurt|injured)|no injur(?:y|ies)|(?:i'm|i am|we're|we are|everyone is|everybody is)\s+(?:fine|ok|okay|unhurt|not hurt))\b/i;
const INJURY = /伤|骨折|流血|出血|疼|痛|住院|缝了?针|\b(?:hurt|injur(?:ed|y|ies)|bleeding|broken (?:arm|leg|wrist|rib)|fractur)/i;
const OTHER_NONE = /单方事故|单车事故|没有?对方|无对方|没有?第三方|自己(?:撞|刮|蹭)的|\b(?:no other (?:car|vehicle|party|driver)|single[- ]vehicle|hit a (?:wall|pole|post|pillar|tree|barrier))\b/i;
/** Hitting a fixed object (撞到柱子) or "就我自己的车" tells there is no other party, besides telling the story. */
const SINGLE_VEHICLE = /撞(?:到|上|了)了?(?:柱子|墙|护栏|隔离带|隔离栏|树|石墩|电线杆|路灯|栏杆|花坛|路桩|马路牙子)|(?:就|只有|只是)我?自己(?:的车|一辆车|一个人)|\b(?:hit|into) (?:a |the )?(?:wall|pole|post|pillar|tree|barrier|kerb|curb)\b/i;
const OTHER = /对方|三者|第三方|肇事|\b(?:the other (?:driver|car|vehicle|party)|other driver|their (?:plate|car|insurance))\b/i;
const POLICE_YES = /已报警|报了警|报警了|已经报警|打了110|报了110|打了122|交警(?:来了|到了|已经|处理|出警|出了|定责)|警察(?:来了|到了)|12123|快处快赔|\b(?:called the police|police (?:came|were called|report (?:is )?filed)|reported (?:it )?to the police)\b/i;
const POLICE_NO = /(?:没|没有|还没|未|还未)(?:有)?报警|\b(?:(?:haven't|have not|didn't|did not) (?:called|call|reported|report)(?: it)? (?:to )?(?:the )?police|no police)\b/i;
const QUESTION = /[?？]\s*$|吗$|呢$|么$|怎么办|怎么|如何|需要什么|要什么|多久|是否/;
const CORRECTION_LEAD = /^(?:不对|不是|错了|说错了|搞错了|写错了|弄错了|更正|纠正一下|改一下|改成|改为|换成|应该是|其实是|其实|是|就是|(?:时间|地点|地址|位置)(?:说错了|错了|不对)|(?:actually|i meant|sorry|no|wrong|correction)\b)[，,:：\s]*/i;
const NAMED_PLACE = /^(?:地点|地址|位置|出险地点|事发地点)(?:应该)?(?:是|在|改成|改为|:|：)\s*(?<place>.{2,40})$|^(?:the )?(?:place|location|address) (?:is|was|should be)\s+(?<en>.{2,60})$/i;

const clean = (s: string) => s.replace(/^[\s，,。.:：、]+|[\s，,。.!！~～]+$/g, '');

/** Clauses of a message: punctuation always separates; a space separates only next to Chinese text. */
export function clauses(text: string): string[] {
  return text
    .split(/[，,。！!？?；;\n]+|(?<!\d)\.|\.(?!\d)|\s+(?=\p{Script=Han})|(?<=\p{Script=Han})\s+/u)
    .map(clean)
    .filter(Boolean);
}

function placeOf(clause: string): string | undefined {
  const zh = PLACE_RE.exec(clause)?.groups?.place;
  if (zh) return zh;
  // A clause that is only a place ("小区地库", "延安高架上"): short, ends with a strong place noun.
  if (clause.length <= 16 && STRONG_PLACE_END.test(clause) && !INCIDENT.test(clause) && !/[我你他她它]|车牌/.test(clause)) return clause.replace(/^(?:就|在)/, '');
  const en = EN_PLACE_RE.exec(clause)?.groups?.place?.trim();
  if (en && !EN_NOT_PLACE.test(en) && !/\d/.test(en)) return en;
  return undefined;
}

const REQUEST = /^(?:我|我们)?(?:要|想|想要|需要|申请)?(?:报案|报个案|理赔|出险了?)$|\b(?:report (?:a|an) (?:claim|accident)|make a claim|file a claim)\b/i;
const ID_ONLY = /^(?:policy\s*(?:no\.?|number)?\s*|保单号?)?[A-Z]{2}\d{10}$/i;
const OTHER_DETAIL = /司机|电话|车牌|保险公司|全责|次责|\b(?:plate|driver|phone|insur)/i;

/**
 * The facts `text` states. Each clause can give several facts (在延安高架上被追尾了 → place and description). The
 * description is the story from the first clause that tells of an incident on, without the clauses that state
 * injuries, the other party or the police, and without "我要报案" or a bare policy number.
 */
export function extractClaimFacts(text: string, options: ExtractOptions = {}): ClaimFacts {
  const facts: ClaimFacts = {};
  const story: string[] = [];
  let lastWasOther = false;
  for (const raw of clauses(text)) {
    const clause = options.correction ? clean(raw.replace(CORRECTION_LEAD, '').replace(CORRECTION_LEAD, '')) : raw;
    if (!clause || QUESTION.test(clause)) continue;
    const named = options.correction ? NAMED_PLACE.exec(clause)?.groups : undefined;
    const place = named ? clean(named.place ?? named.en ?? '') : placeOf(clause);
    if (place && facts.place === undefined) facts.place = place;

    const incident = INCIDENT.test(clause);
    if (SINGLE_VEHICLE.test(clause)) facts.otherParties ??= 'none';
    const wasOther = lastWasOther;
    lastWasOther = false;
    if (POLICE_NO.test(clause)) facts.policeReport ??= 'no';
    else if (POLICE_YES.test(clause)) facts.policeReport ??= 'yes';
    else if (INJURY_NONE.test(clause)) facts.injuries ??= 'none';
    else if (OTHER_NONE.test(clause) || (SINGLE_VEHICLE.test(clause) && !incident)) facts.otherParties ??= 'none';
    else if (OTHER.test(clause) && !incident) {
      facts.otherParties = facts.otherParties && facts.otherParties !== 'none' ? `${facts.otherParties}，${clause}` : clause;
      lastWasOther = true;
    } else if (wasOther && OTHER_DETAIL.test(clause) && !incident) {
      facts.otherParties = `${facts.otherParties}，${clause}`;
      lastWasOther = true;
    } else if (INJURY.test(clause) && !/车|car|vehicle/i.test(clause)) {
      facts.injuries = facts.injuries && facts.injuries !== 'none' ? `${facts.injuries}，${clause}` : clause;
    }
    else if ((incident || story.length) && !REQUEST.test(clause) && !ID_ONLY.test(clause)) story.push(clause);
  }
  if (story.length) facts.description = story.join(/\p{Script=Han}/u.test(text) ? '，' : ', ');
  return facts;
}
