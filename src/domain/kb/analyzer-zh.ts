import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { createHomophoneCorrector } from './homophones.ts';
import type { Analyzer } from './search-index.ts';
import { chineseCanonicalizer } from './synonyms.ts';
import { isCjk, normalize } from './text.ts';
import type { KbSynonyms } from './types.ts';

/**
 * Function words and chat filler that carry no topic. Kept short on purpose: negations (不, 没有) and question
 * words that do carry meaning in insurance questions (多久) stay in.
 */
const STOPWORDS = new Set(
  `的 地 了 着 过 吗 呢 吧 啊 呀 哦 噢 嘛 么 哈 嗯 呗 啦 喽 哇 诶 欸 嘞 捏
  我 你 您 他 她 它 我们 你们 他们 她们 咱 咱们 自己 人家 俺 我想 我要 想知道 我想知道
  这 那 这个 那个 这样 那样 这些 那些 这种 那种 哪 哪个 哪些 哪里 哪儿
  什么 啥 怎么 怎样 怎么样 如何 为什么 为啥 咋 咋办 咋整 怎么办 怎么弄 怎么搞 怎么处理
  是 在 有 和 与 及 或 或者 还是 跟 同 以及
  请问 请 问下 问问 想问 问一下 咨询 咨询一下 请教 了解 了解一下 告诉 知道 麻烦 一下 下 谢谢 你好 您好 亲 在吗 老师
  可以 可不可以 能 能不能 能否 会 会不会 要 要不要 想 想要 需要 得 应该 该
  还 也 都 就 又 才 很 太 挺 比较 非常 特别 一直 已经 刚 刚刚 现在 然后 那么
  个 一 一个 一些 些 点 一点 
  给 对 把 被 让 从 到 为 向 用
  是不是 有没有 行不行 好不好 对不对 多少 多少钱 几`
    .split(/\s+/)
    .filter(Boolean),
);

/** A token worth indexing: has a letter, digit or Han character (drops punctuation, emoji, spaces). */
const meaningful = /[\p{L}\p{N}]/u;

function bigrams(text: string, out: string[] = []): string[] {
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/**
 * Chinese analyser: normalise → fold synonyms → segment with jieba (the stock dictionary plus the synonym and
 * `words` lists) → drop stopwords → add character bigrams. Bigrams keep typos and oddly segmented colloquial text
 * partly matchable where whole words fail: 交强线 (typo) still shares 交强 with 交强险. Queries (not entries) are
 * first passed through {@link createHomophoneCorrector}, which repairs IME homophone typos of domain words
 * (犹预期 → 犹豫期) that bigrams cannot recover.
 */
export function createZhAnalyzer(synonyms: KbSynonyms, phrasings: readonly string[] = []): Analyzer {
  const jieba = Jieba.withDict(dict);
  const extra = new Set<string>();
  for (const group of synonyms.zh) group.forEach((w) => extra.add(normalize(w)));
  synonyms.words.forEach((w) => extra.add(normalize(w)));
  // A high frequency makes jieba keep these domain words whole instead of splitting 免赔额 into 免/赔额.
  const userDict = [...extra].filter((w) => [...w].length > 1 && !/\s/.test(w)).map((w) => `${w} 20000 n`);
  if (userDict.length > 0) jieba.loadDict(Buffer.from(userDict.join('\n') + '\n'));
  const canonicalize = chineseCanonicalizer(synonyms.zh, normalize);
  // Homophone typos are corrected towards the words the knowledge base itself uses (its questions, alternatives,
  // tags and synonyms). A stretch jieba knows as a word on its own (no HMM guessing) is never rewritten.
  const vocabulary = new Set(extra);
  for (const p of phrasings) for (const w of jieba.cut(normalize(p), false)) vocabulary.add(w.trim());
  const homophones = createHomophoneCorrector({
    vocabulary,
    isWord: (t) => {
      const cut = jieba.cut(t, false);
      return cut.length === 1 && cut[0] === t;
    },
  });

  return {
    analyze(text) {
      const words = jieba
        .cut(canonicalize(normalize(text)), true)
        .map((w) => w.trim())
        .filter((w) => w && meaningful.test(w) && !STOPWORDS.has(w));
      const grams: string[] = [];
      let run = '';
      for (const w of words) {
        if ([...w].every(isCjk)) run += w;
        else {
          bigrams(run, grams);
          run = '';
        }
      }
      bigrams(run, grams);
      return { words, grams };
    },
    correct(text) {
      return homophones.correct(normalize(text));
    },
    subterms(word) {
      return [...word].length > 2 && [...word].every(isCjk) ? bigrams(word) : [];
    },
  };
}
