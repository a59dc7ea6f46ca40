/**
 * Text normalisation shared by the classifier and the entity extractors.
 * NFKC folds full-width forms (ＴＤ, １３８…, ！) that Chinese IMEs produce into ASCII.
 */

// Traditional characters seen in messages from Hong Kong, Macau and Taiwan customers, folded to simplified so the
// classifier (trained on simplified text) still recognises 報案 or 轉人工. A short list on purpose: only characters
// that matter for insurance conversations.
const TRAD = '報險賠單訴舉轉號車禍醫療費電話謝請問麼詢們這個會嗎進裡沒員務業處經戶帳銀變貸續繳約訂閱錢點發時間說對為還給幫辦機體無從讓應該實現與傷護養壽產財買賣詐騙賄賂盜偽證歲頭後絕節關係門開過來會見樣麗賬號碼償額險態誤導騷擾啟動補遺失損壞責條';
const SIMP = '报险赔单诉举转号车祸医疗费电话谢请问么询们这个会吗进里没员务业处经户帐银变贷续缴约订阅钱点发时间说对为还给帮办机体无从让应该实现与伤护养寿产财买卖诈骗贿赂盗伪证岁头后绝节关系门开过来会见样丽账号码偿额险态误导骚扰启动补遗失损坏责条';
const TRAD_MAP = new Map<string, string>();
for (let i = 0; i < TRAD.length; i++) TRAD_MAP.set(TRAD[i], SIMP[i]);

/** NFKC + traditional→simplified for common characters. Keeps length in UTF-16 units for BMP text. */
export function foldText(text: string): string {
  const nfkc = text.normalize('NFKC');
  let out = '';
  for (const ch of nfkc) out += TRAD_MAP.get(ch) ?? ch;
  return out;
}

/** Lower-cased {@link foldText}, the form the classifier sees. */
export function normalizeForClassifier(text: string): string {
  return foldText(text).toLowerCase();
}

/** Han characters (CJK unified ideographs). */
export const HAN_RE = /\p{Script=Han}/u;
export const HAN_RE_G = /\p{Script=Han}/gu;
