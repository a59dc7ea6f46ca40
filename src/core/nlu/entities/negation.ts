/**
 * Whether a message negates something — the answer "没有" to "有人受伤吗?", "不要转人工", "no one was hurt".
 * Words that merely contain a negation character (不错 fine, 不好意思 sorry, 别人 others, 非常 very) and
 * A-not-A questions (有没有, 是不是) are removed first.
 */
const NOT_NEGATION =
  /不错|不过|不好意思|对不起|不客气|差不多|不然|要不是|不管|不少|了不起|不得了|忍不住|来不及|([有是能可要会行对好在用够])[不没]\1|可不可以|别人|特别|区别|分别|级别|类别|性别|识别|告别|无论|未来|未成年|没想到/g;
const ZH_NEGATION = /[不没别无未甭]|木有/;
const EN_NEGATION = /\b(?:no|not|nope|never|none|nobody|nothing|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|won'?t|can'?t|cannot|haven'?t|hasn'?t)\b|n't\b/;

/** True when the (lower-cased) text contains a negation. */
export function hasNegation(lower: string): boolean {
  const stripped = lower.replace(NOT_NEGATION, ' ');
  return ZH_NEGATION.test(stripped) || EN_NEGATION.test(stripped);
}
