/**
 * Seeded random requests for the chat API (used by chat-fuzz.test.ts and measure-chat-fuzz.ts): random unicode,
 * control characters, lone surrogates, huge and empty text, wrong types, random JSON, random headers, repeated and
 * odd query strings. The same seed gives the same requests, so a failure reproduces.
 */

import { createRng } from '../../prisma/seed/prng.ts';

/** The project's seeded generator (the one the demo data uses), as a bare function. */
export function prng(seed: number): () => number {
  return createRng(seed).next;
}

export interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

const RANGES: [number, number][] = [
  [0x00, 0x1f], // C0 controls (NUL, ESC, CR ...)
  [0x20, 0x7e],
  [0x7f, 0x9f],
  [0x4e00, 0x9fff], // CJK
  [0xff01, 0xff5e], // full-width forms
  [0x200b, 0x200f], // zero-width, direction marks
  [0x202a, 0x202e], // bidi overrides
  [0xd800, 0xdfff], // lone surrogates
  [0xfff0, 0xffff],
  [0x1f300, 0x1faff], // emoji
  [0xe0000, 0xe007f], // tags
];

export function randomText(r: Rand, max: number): string {
  const len = int(r, max + 1);
  let s = '';
  for (let i = 0; i < len; i++) {
    const [lo, hi] = pick(r, RANGES);
    s += String.fromCodePoint(lo + int(r, hi - lo + 1));
  }
  return s;
}

const WORDS = ['我要报案', '投诉', '查保单', '人工', '退订', '你好', '13912345678', '310104198503071231', '<script>alert(1)</script>', "'; DROP TABLE \"Message\"; --", '../../etc/passwd', '${7*7}', '{{7*7}}', '%s%s%n', '\u0000', '\u001b[2J', 'null', 'undefined', '__proto__', 'constructor'];

function randomJson(r: Rand, depth = 0): unknown {
  switch (int(r, depth > 2 ? 6 : 8)) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return pick(r, [0, -1, 1e308, -1e-308, 2 ** 53 + 1, 3.14]);
    case 3: return randomText(r, 30);
    case 4: return pick(r, WORDS);
    case 5: return '';
    case 6: return Array.from({ length: int(r, 5) }, () => randomJson(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: int(r, 5) }, () => [pick(r, ['userId', 'text', 'messageId', 'lang', 'name', 'attachments', randomText(r, 8)]), randomJson(r, depth + 1)]));
  }
}

/** Percent-encodes any value byte by byte (encodeURIComponent throws on lone surrogates). */
const enc = (v: unknown) => [...Buffer.from(String(v))].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const userId = (r: Rand) => (r() < 0.85 ? `fuzz-${int(r, 200)}` : (randomJson(r) as string));

function chatBody(r: Rand): unknown {
  const shape = int(r, 10);
  if (shape === 0) return randomJson(r);
  const body: Record<string, unknown> = { userId: userId(r), text: r() < 0.5 ? pick(r, WORDS) : randomText(r, pick(r, [0, 5, 60, 500])) };
  if (r() < 0.05) body.text = 'x'.repeat(pick(r, [3999, 4000, 4001, 6000]));
  if (r() < 0.5) body.messageId = r() < 0.9 ? `m-${int(r, 1e9)}` : randomJson(r);
  if (r() < 0.2) body.lang = pick(r, ['zh', 'en', 'fr', '', 1, null]);
  if (r() < 0.1) body.name = randomJson(r);
  if (r() < 0.1) body.attachments = pick(r, [[], [{}], [{ mime: 'image/png', dataBase64: 'PGh0bWw+' }], [{ mime: 'image/jpeg', dataBase64: '/9j/4AAQ' }], 'x', [null], randomJson(r)]);
  if (r() < 0.1) for (const k of ['userId', 'text']) if (r() < 0.5) body[k] = randomJson(r);
  return body;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '', 'application/octet-stream', 'application/jsonx', 'APPLICATION/JSON'];

function randomHeaders(r: Rand): Record<string, string> {
  const h: Record<string, string> = {};
  const ascii = (n: number) => Array.from({ length: int(r, n) }, () => String.fromCharCode(0x20 + int(r, 95))).join('');
  if (r() < 0.3) h['accept-language'] = pick(r, ['zh-CN', 'en', '*', ascii(40)]);
  if (r() < 0.2) h['x-forwarded-for'] = pick(r, ['1.2.3.4', '::1', ascii(30), '999.999.1.1']);
  if (r() < 0.2) h['x-' + pick(r, ['a', 'anxin-staff', 'request-id', 'requested-with'])] = ascii(60);
  if (r() < 0.1) h.accept = pick(r, ['*/*', 'text/html', ascii(20)]);
  if (r() < 0.1) h.cookie = ascii(80);
  if (r() < 0.05) h['content-encoding'] = pick(r, ['gzip', 'br', 'identity', 'x']);
  return h;
}

/** The i-th request of the run seeded with `seed` (independent of the others, so any one can be replayed alone). */
export function fuzzRequest(seed: number, i: number): FuzzRequest {
  const r = prng(seed * 1_000_003 + i);
  const headers = randomHeaders(r);
  const kind = int(r, 20);
  if (kind < 3) {
    const q = pick(r, [`userId=${enc(userId(r))}`, 'userId=a&userId=b', `userId=fuzz-1&after=${enc(randomText(r, 10))}`, 'after=x', '', 'userId=%E0%A4%A', 'userId[]=a', 'userId[a]=b', `userId=${'z'.repeat(5000)}`]);
    return { method: 'GET', path: `/api/chat/messages?${q}`, headers };
  }
  const path = kind < 5 ? '/api/chat/upload' : '/api/chat';
  headers['content-type'] = r() < 0.8 ? 'application/json' : pick(r, CONTENT_TYPES);
  if (headers['content-type'] === '') delete headers['content-type'];
  const raw = r() < 0.1 ? pick(r, ['{', '[]', '"x"', '1', 'null', '{"userId":', '\u0000', randomText(r, 50), '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}']) : JSON.stringify(chatBody(r));
  return { method: 'POST', path, headers, body: raw ?? '' };
}

/** One answer of the run: which request, its status (0 when the connection failed) and how long it took. */
export interface FuzzResult {
  i: number;
  status: number;
  ms: number;
  body: string;
}

/** Sends requests 0..count-1 of `seed` to `baseUrl` over real HTTP, `concurrency` at a time. */
export async function runFuzz(baseUrl: string, seed: number, count: number, concurrency = 8): Promise<FuzzResult[]> {
  const out: FuzzResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const req = fuzzRequest(seed, i);
      const started = performance.now();
      try {
        const res = await fetch(baseUrl + req.path, { method: req.method, headers: req.headers, body: req.body });
        out.push({ i, status: res.status, ms: performance.now() - started, body: (await res.text()).slice(0, 300) });
      } catch (e) {
        out.push({ i, status: 0, ms: performance.now() - started, body: String(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out.sort((a, b) => a.i - b.i);
}

/** The p-th percentile (0..100) of `xs`. */
export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
