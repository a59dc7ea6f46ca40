/**
 * Customer text printed to a terminal is shown, never obeyed: control characters a customer sent (ESC sequences
 * that move the cursor, recolour, retitle the window or write to the clipboard; CR that overwrites a line; NUL,
 * other C0 and C1 codes) and bidirectional overrides (which make text read differently from what it is, CVE-2021-42574)
 * are printed as visible escapes like `\x1b`, `\r`, `\u202e`.
 */

/** C0 except LF, DEL, C1, and the Unicode bidi controls (embeddings, overrides, isolates, marks). */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_WITH_LF = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const visible = (ch: string): string => {
  const c = ch.charCodeAt(0);
  return NAMED[ch] ?? (c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`);
};

/**
 * Text safe to print: every control character escaped. Line feeds are kept unless `singleLine` (table cells).
 */
export function terminalSafe(text: string, opts: { singleLine?: boolean } = {}): string {
  return text.replace(opts.singleLine ? UNSAFE_WITH_LF : UNSAFE, visible);
}

/**
 * JSON safe to print: `JSON.stringify` escapes C0 but not DEL, C1 (U+009B is a one-byte CSI to some terminals) nor
 * bidi controls; those become `\u00XX` escapes, which read back as the same string.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
