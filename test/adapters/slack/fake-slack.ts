import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Web API call. Values Slack's client JSON-encodes (blocks, view) are decoded back. */
export interface ApiCall {
  method: string;
  params: Record<string, any>;
}

/**
 * A stand-in for Slack's Web API on 127.0.0.1: records every call (chat.postMessage, chat.update, views.open,
 * conversations.members, ...), answers auth.test, serves channel member lists, and can answer a method with
 * HTTP 429 + Retry-After once. Also records what listeners post to an interaction's `response_url`.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: Array<{ path: string; body: Record<string, any> }> = [];
  /** Every HTTP hit including 429s: method → attempts. */
  readonly attempts = new Map<string, number>();
  private readonly limited = new Map<string, number>();
  private server?: Server;
  private seq = 0;
  url = '';

  constructor(readonly members: Record<string, string[]> = {}) {}

  /** The next call of `method` gets HTTP 429 with this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.limited.set(method, retryAfterSeconds);
  }

  of(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responseUrl(id: string): string {
    return `${this.url.replace(/\/api\/$/, '')}/response/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const url = req.url ?? '';
    if (url.startsWith('/response/')) {
      this.responses.push({ path: url, body: raw ? JSON.parse(raw) : {} });
      return json(200, { ok: true });
    }
    const method = url.replace(/^\/api\//, '').split('?')[0];
    this.attempts.set(method, (this.attempts.get(method) ?? 0) + 1);
    const retryAfter = this.limited.get(method);
    if (retryAfter !== undefined) {
      this.limited.delete(method);
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    const params: Record<string, any> = {};
    if (String(req.headers['content-type']).includes('json')) Object.assign(params, raw ? JSON.parse(raw) : {});
    else {
      for (const [k, v] of new URLSearchParams(raw)) {
        params[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
      }
    }
    this.calls.push({ method, params });
    const ts = () => `1764468000.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return json(200, { ok: true, url: 'https://anxin-test.slack.com/', team: 'Anxin', user: 'anxin', team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' });
      case 'chat.postMessage':
        return json(200, { ok: true, channel: params.channel, ts: ts(), message: { text: params.text } });
      case 'chat.update':
        return json(200, { ok: true, channel: params.channel, ts: params.ts });
      case 'chat.postEphemeral':
        return json(200, { ok: true, message_ts: ts() });
      case 'views.open':
        return json(200, { ok: true, view: { id: 'V0001' } });
      case 'conversations.members':
        return json(200, { ok: true, members: this.members[params.channel] ?? [], response_metadata: { next_cursor: '' } });
      default:
        return json(200, { ok: true });
    }
  }
}
