import { detectLanguage as detect } from '../language.ts';

/** The language of a message for NLU results: the app-wide rule, with Chinese (Anxin's primary language) for text
 * with no letters at all. */
export function detectLanguage(text: string): 'zh' | 'en' {
  return detect(text) ?? 'zh';
}
