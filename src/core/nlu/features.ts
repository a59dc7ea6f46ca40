/**
 * Sparse binary features for intent classification.
 *
 * Chinese has no spaces, and WeChat Chinese is full of typos and dropped characters, so the text is read as a
 * sequence of units — one Han character, one English word, one placeholder for a reference number, one emoji —
 * and the features are unit 1- to 3-grams within a clause. English words add a crude stem and character 3-grams
 * so "claime" and "complian" still share most features with the correct spelling.
 */
import { conceptFeatures } from './concepts.ts';
import { normalizeForClassifier } from './normalize.ts';

const PLACEHOLDERS: Array<[RegExp, string]> = [
  [/(?:lf|hl|ac|au|pr|tr)[\s-]?\d{10}(?!\d)/g, 'pol'],
  [/ba[\s-]?\d{14}(?!\d)/g, 'clm'],
  [/ts[\s-]?\d{14}(?!\d)/g, 'cmp'],
  [/bq[\s-]?\d{14}(?!\d)/g, 'svc'],
  [/jb[\s-]?\d{14}(?!\d)/g, 'jbr'],
  [/(?<!\d)\d{17}[\dx](?!\d)/g, 'idn'],
  [/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, 'tel'],
  [/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][a-hj-np-z][\s·•・.-]?[a-hj-np-z0-9]{5,6}(?![a-z0-9])/g, 'plt'],
];

const UNIT_RE = /⟦[a-z]+⟧|\p{Script=Han}|[a-z]+(?:'[a-z]+)?|\d+(?:\.\d+)?|[?？]|[!！]|\p{Extended_Pictographic}|\s+|[,，.。;；:：、~～…()（）【】\[\]"“”'‘’《》<>\-_/\\|]+|./gu;
const BREAK_RE = /^[\s,，.。;；:：、~～…()（）【】\[\]"“”'‘’《》<>\-_/\\|]+$/u;

/** Splits normalised text into clauses of units. */
export function units(text: string): string[][] {
  let t = normalizeForClassifier(text);
  for (const [re, name] of PLACEHOLDERS) t = t.replace(re, ` ⟦${name}⟧ `);
  const clauses: string[][] = [[]];
  for (const m of t.matchAll(UNIT_RE)) {
    let u = m[0];
    // Spaces separate English words and sometimes Chinese clauses; n-grams run across them (see below for the
    // joined bigrams), punctuation ends a clause.
    if (/^\s+$/.test(u)) continue;
    if (BREAK_RE.test(u)) {
      if (clauses[clauses.length - 1].length) clauses.push([]);
      continue;
    }
    if (/^\d/.test(u)) u = '0';
    else if (u === '？') u = '?';
    else if (u === '！') u = '!';
    const clause = clauses[clauses.length - 1];
    // "!!!!" and "哈哈哈哈" carry no more than two in a row.
    if (clause.length >= 2 && clause[clause.length - 1] === u && clause[clause.length - 2] === u) continue;
    clause.push(u);
  }
  return clauses.filter((c) => c.length > 0);
}

const isWord = (u: string) => /^[a-z]/.test(u);

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

function lengthBucket(n: number): string {
  return n <= 1 ? '1' : n <= 2 ? '2' : n <= 4 ? '3-4' : n <= 8 ? '5-8' : n <= 16 ? '9-16' : '17+';
}

/** The de-duplicated feature names of one message. */
export function extractFeatures(text: string): string[] {
  const clauses = units(text);
  const out = new Set<string>();
  let total = 0;
  for (const c of clauses) {
    total += c.length;
    for (let i = 0; i < c.length; i++) {
      const u = c[i];
      out.add(`u:${u}`);
      if (i + 1 < c.length) out.add(`b:${u}|${c[i + 1]}`);
      if (i + 2 < c.length) out.add(`t:${u}|${c[i + 1]}|${c[i + 2]}`);
      if (isWord(u)) {
        const s = stem(u);
        out.add(`s:${s}`);
        if (i + 1 < c.length && isWord(c[i + 1])) out.add(`sb:${s}|${stem(c[i + 1])}`);
        const padded = `<${u}>`;
        if (u.length >= 3) for (let j = 0; j + 3 <= padded.length; j++) out.add(`g:${padded.slice(j, j + 3)}`);
      }
    }
  }
  // Clauses joined: "我要,投诉" still yields 要投.
  const flat = clauses.flat();
  for (let i = 0; i + 1 < flat.length; i++) out.add(`b:${flat[i]}|${flat[i + 1]}`);
  if (flat.length) {
    out.add(`S:${flat[0]}`);
    out.add(`E:${flat[flat.length - 1]}`);
  }
  out.add(`len:${lengthBucket(total)}`);
  for (const c of conceptFeatures(normalizeForClassifier(text))) out.add(c);
  // A reference number says a lot about the intent (BA… → a claim, TS… → a complaint): weigh it like a concept.
  for (const u of flat) if (u.startsWith('⟦')) out.add(`c:REF${u}`);
  return [...out];
}
