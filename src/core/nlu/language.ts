/**
 * The language a customer wrote in. A Han character carries about as much as an English word, so the counts are
 * compared directly; ties and texts with neither (emoji, digits) go to Chinese, Anxin's primary language.
 */
import { HAN_RE_G } from './normalize.ts';

export function detectLanguage(text: string): 'zh' | 'en' {
  const han = text.match(HAN_RE_G)?.length ?? 0;
  // Reference numbers (LF2024…) and units (k, w, rmb) are not English words.
  const words = text
    .replace(/\b[a-z]{2}\d{6,}\b/gi, ' ')
    .match(/[a-z]{2,}|\b[a-z]\b/gi)
    ?.filter((w) => !/^(rmb|cny|ok|k|w|td)$/i.test(w)).length ?? 0;
  if (han === 0) return words > 0 ? 'en' : 'zh';
  return han >= words ? 'zh' : 'en';
}
