/**
 * The language a customer wrote in — one rule for the whole app (reply language in the pipeline and the WeChat
 * renderer, `language` in NLU results). A Han character carries about as much as an English word, so the counts are
 * compared directly and ties go to Chinese. Reference numbers (LF2024…) and units (k, w, rmb) are not English words.
 * Returns undefined for text with no letters at all (emoji, digits), so a conversation keeps its current language.
 */
export function detectLanguage(text: string): 'zh' | 'en' | undefined {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words =
    text
      .replace(/\b[a-z]{2}\d{6,}\b/gi, ' ')
      .match(/[a-z]{2,}|\b[a-z]\b/gi)
      ?.filter((w) => !/^(rmb|cny|ok|k|w|td)$/i.test(w)).length ?? 0;
  if (han === 0 && words === 0) return undefined;
  if (han === 0) return 'en';
  return han >= words ? 'zh' : 'en';
}
