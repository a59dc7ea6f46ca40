import type { KbEntry, KbLine } from './types.ts';

/**
 * Words that name one line of business in a question. When a question names a line ("车险理赔要准备什么材料"), an
 * entry written for another line answers a different question, however many other words it shares (the medical
 * claim documents share 理赔, 准备 and 材料 but not 车险). Only explicit product words: 住院 or 撞车 suggest a line
 * but do not name it.
 */
const LINE_WORDS: Array<[Exclude<KbLine, 'general'>, RegExp]> = [
  ['auto', /车险|汽车险|汽车保险|机动车保险|交强险|商业险|车损险|三者险|第三者责任险|\b(?:car|auto|motor|vehicle) (?:insurance|policy|cover|claim)/i],
  ['health', /医疗险|医疗保险|百万医疗|重疾险|重大疾病保险|健康险|\b(?:medical|health|critical[ -]illness) (?:insurance|policy|cover|claim)/i],
  ['life', /寿险|人寿保险|终身寿|定期寿|年金险|\blife (?:insurance|policy|cover)/i],
  ['accident', /意外险|意外伤害险|意外保险|\baccident (?:insurance|policy|cover)/i],
  ['property', /家财险|家庭财产险|家庭财产保险|财产险|\b(?:home|property|household|contents) (?:insurance|policy|cover)/i],
  ['travel', /旅行险|旅游险|境外旅行险|\btravel (?:insurance|policy|cover)/i],
];

/** The lines a question names explicitly (empty when it names none). */
export function namedLines(text: string): Set<KbLine> {
  return new Set(LINE_WORDS.filter(([, re]) => re.test(text)).map(([line]) => line));
}

/** Whether an entry may answer a question naming `lines`: general entries always, others when they share a line. */
export function fitsLines(entry: Pick<KbEntry, 'lines'>, lines: ReadonlySet<KbLine>): boolean {
  return lines.size === 0 || entry.lines.includes('general') || entry.lines.some((l) => lines.has(l));
}
