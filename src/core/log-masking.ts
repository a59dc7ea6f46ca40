import { maskText } from '../domain/pii.ts';

/**
 * What the logger does to every log line before it is written, so personal data never reaches a log in clear
 * whatever a caller passes: every string (at any depth of plain objects and arrays) through `maskText`, query
 * strings cut from URLs, errors turned into plain objects with masked messages — and a database error's text,
 * which quotes the values of the failed query, reduced to its reason.
 */

const MAX_DEPTH = 6;
/** Keys whose string value is a URL: the query string is dropped, not only masked (it may carry any value). */
const URL_KEYS = new Set(['url', 'originalUrl', 'path', 'href']);

/** `/api/chat/messages?userId=…&phone=…` → `/api/chat/messages?…`. */
export function withoutQuery(url: string): string {
  const i = url.indexOf('?');
  return maskText(i < 0 ? url : `${url.slice(0, i)}?…`);
}

/** A Prisma or SQLite error: its message may quote the query's arguments (names, phones, addresses). */
export function isDatabaseError(err: Error): boolean {
  const e = err as Error & { clientVersion?: unknown; code?: unknown };
  return /^PrismaClient|Sqlite|SQLITE|DriverAdapter/i.test(err.name) || e.clientVersion !== undefined || (typeof e.code === 'string' && e.code.startsWith('SQLITE'));
}

/**
 * A database error's reason without values: Prisma puts it on the last line ("Unique constraint failed on the
 * fields: (`phone`)", "Unknown argument `nope`."); quoted literals are blanked on top of masking.
 */
function databaseReason(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const reason = (lines.at(-1) ?? '').replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/'(?:[^'\\]|\\.)*'/g, "'…'");
  return maskText(reason).slice(0, 300);
}

/** Stack frames only (`    at …`), which carry no values; the message part of a stack repeats the message. */
const framesOf = (stack: string | undefined) => (stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n');

/** An error as it may be logged. */
export function safeError(err: Error, depth = 0): Record<string, unknown> {
  const e = err as Error & { code?: unknown; statusCode?: unknown; meta?: Record<string, unknown>; cause?: unknown };
  const db = isDatabaseError(err);
  const out: Record<string, unknown> = { type: err.name || err.constructor?.name || 'Error', message: db ? databaseReason(err.message) : maskText(err.message) };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (db && e.meta && typeof e.meta === 'object') {
    // Model and field names only: other meta (a driver's message, a raw query) may hold values.
    const { modelName, target } = e.meta as { modelName?: unknown; target?: unknown };
    out.meta = { ...(typeof modelName === 'string' ? { modelName } : {}), ...(typeof target === 'string' || Array.isArray(target) ? { target: String(target) } : {}) };
  }
  out.stack = db ? framesOf(err.stack) : maskText(`${err.name}: ${err.message}\n${framesOf(err.stack)}`);
  if (e.cause instanceof Error && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Masks a logged value: strings, plain objects and arrays (to a depth), errors; other objects pass as they are. */
export function maskLogValue(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'string') return URL_KEYS.has(key) ? withoutQuery(value) : maskText(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return safeError(value);
  if (Array.isArray(value)) return value.map((v) => maskLogValue(v, key, depth + 1));
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskLogValue(v, k, depth + 1);
  return out;
}

/** The message of a log call: masked; for a database error logged without one, its reason only. */
export function maskLogArgs(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first instanceof Error && typeof rest[0] !== 'string') return [{ err: first }, safeError(first).message, ...rest];
  if (first && typeof first === 'object' && !(first instanceof Error) && typeof rest[0] !== 'string') {
    const err = (first as { err?: unknown }).err;
    if (err instanceof Error) return [first, safeError(err).message, ...rest];
  }
  return args.map((a) => (typeof a === 'string' ? maskText(a) : a));
}
