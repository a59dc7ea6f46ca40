import { pinyin } from 'pinyin-pro';
import { isCjk } from './text.ts';

/**
 * Chinese customers type with pinyin IMEs, so their typos are mostly homophones: 犹预期 for 犹豫期, 宽线期 for
 * 宽限期. A homophone typo breaks every character bigram it touches, so plain retrieval cannot recover it. This
 * corrector rewrites a stretch of the query to a knowledge-base word when both read the same in pinyin (with the
 * fuzzy initials and finals most IMEs accept: z/zh, c/ch, s/sh, an/ang, en/eng, in/ing) and the stretch is not a
 * real word itself.
 */
export interface HomophoneCorrector {
  /** The text with homophone typos of domain words replaced; `corrections` lists what was changed. */
  correct(text: string): { text: string; corrections: Array<{ from: string; to: string }> };
}

export interface HomophoneOptions {
  /** Domain words (two to six Han characters) typos should be corrected to. */
  vocabulary: Iterable<string>;
  /** True for real words; a real word is never "corrected" into a domain word (其间 stays 其间). */
  isWord: (text: string) => boolean;
}

const MIN_LEN = 2;
const MAX_LEN = 6;

/** Folds the distinctions pinyin IMEs commonly treat as fuzzy, so 宽线 (kuan xian) and 宽限 meet on one key. */
function fold(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/(a|e|i)ng$/, '$1n')
    .replace(/ü/g, 'v');
}

function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: true }).map(fold);
}

/** How many characters differ between two strings of equal length. */
function charDiff(a: string[], b: string[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * Builds a corrector for a fixed vocabulary. A stretch is replaced only when exactly one vocabulary word of that
 * reading differs from it in at most a third of its characters (one of two or three, two of six), so whole
 * unrelated words that happen to sound alike are left alone.
 */
export function createHomophoneCorrector(options: HomophoneOptions): HomophoneCorrector {
  const byKey = new Map<string, Set<string>>();
  // Whole words typed in pinyin without tones or spaces ("youyuqi 是几天"): the exact syllables, joined.
  const byPinyin = new Map<string, Set<string>>();
  const known = new Set<string>();
  for (const word of options.vocabulary) {
    const chars = [...word];
    if (chars.length < MIN_LEN || chars.length > MAX_LEN || !chars.every(isCjk)) continue;
    known.add(word);
    const key = syllables(word).join(' ');
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(word);
    const spelt = pinyin(word, { toneType: 'none', type: 'array', v: true }).join('').replace(/v/g, 'u');
    let same = byPinyin.get(spelt);
    if (!same) byPinyin.set(spelt, (same = new Set()));
    same.add(word);
  }

  // Five letters at least, so English words and abbreviations (bao, td, ok) are left alone; one word only.
  const fromPinyin = (latin: string, corrections: Array<{ from: string; to: string }>): string => {
    const words = latin.length >= 5 ? byPinyin.get(latin.toLowerCase()) : undefined;
    if (!words || words.size !== 1) return latin;
    const [to] = words;
    corrections.push({ from: latin, to });
    return to;
  };

  const candidate = (stretch: string[], key: string): string | undefined => {
    const words = byKey.get(key);
    if (!words) return undefined;
    const allowed = Math.max(1, Math.floor(stretch.length / 3));
    const close = [...words].filter((w) => charDiff([...w], stretch) <= allowed);
    return close.length === 1 ? close[0] : undefined;
  };

  const correctRun = (run: string, corrections: Array<{ from: string; to: string }>): string => {
    const chars = [...run];
    if (chars.length < MIN_LEN) return run;
    const sounds = syllables(run);
    // pinyin-pro returns one syllable per Han character; anything else means we cannot align safely.
    if (sounds.length !== chars.length) return run;
    let out = '';
    let i = 0;
    while (i < chars.length) {
      let step = 0;
      for (let len = Math.min(MAX_LEN, chars.length - i); len >= MIN_LEN; len--) {
        const stretch = chars.slice(i, i + len);
        const text = stretch.join('');
        if (known.has(text)) {
          out += text;
          step = len;
          break;
        }
        const fix = candidate(stretch, sounds.slice(i, i + len).join(' '));
        if (fix && !options.isWord(text)) {
          corrections.push({ from: text, to: fix });
          out += fix;
          step = len;
          break;
        }
      }
      if (step === 0) {
        out += chars[i];
        step = 1;
      }
      i += step;
    }
    return out;
  };

  return {
    correct(text) {
      const corrections: Array<{ from: string; to: string }> = [];
      text = text.replace(/(?<![A-Za-z])[A-Za-z]{5,}(?![A-Za-z])/g, (latin) => fromPinyin(latin, corrections));
      let out = '';
      let run = '';
      for (const ch of text) {
        if (isCjk(ch)) run += ch;
        else {
          out += correctRun(run, corrections) + ch;
          run = '';
        }
      }
      out += correctRun(run, corrections);
      return { text: out, corrections };
    },
  };
}
