/** Small text helpers shared by the Chinese and English analysers. */

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const cjkChar = new RegExp(`[${CJK}]`);
const spaceBetweenCjk = new RegExp(`([${CJK}，。！？；：、“”（）])\\s+(?=[${CJK}，。！？；：、“”（）])`, 'g');

/** True for a single Han character. */
export function isCjk(ch: string): boolean {
  return cjkChar.test(ch);
}

/** True when the text contains at least one Han character. */
export function hasCjk(text: string): boolean {
  return cjkChar.test(text);
}

/**
 * Folds what customers type into one form: NFKC turns full-width letters, digits and punctuation into ASCII
 * (ＮＣＤ → NCD, １２３７８ → 12378), then lower-case.
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Removes whitespace that YAML line folding put between Chinese characters and trims the text. */
export function tidyChinese(text: string): string {
  return text.replace(spaceBetweenCjk, '$1').trim();
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
