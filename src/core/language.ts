/**
 * Guesses whether a customer wrote Chinese or English. Returns undefined for text with no letters at all
 * (emoji, numbers), so the conversation keeps its current language.
 */
export function detectLanguage(text: string): 'zh' | 'en' | undefined {
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !/^(TD|OK|VIP|APP|ID|BA|TS|BQ|JB|LF|HL|AC|AU|PR|TR)$/i.test(w)).length;
  if (han === 0 && latinWords === 0) return undefined;
  if (han === 0) return 'en';
  return han >= latinWords * 2 ? 'zh' : 'en';
}
