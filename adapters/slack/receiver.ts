import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest, ReceiverMultipleAckError, type AckFn, type App, type Receiver } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../src/core/logger.ts';
import type { RouteModule } from '../../src/web/server.ts';
import { receivedRequestKey, REQUEST_KEY } from './once.ts';
import { WorkTracker } from './tracker.ts';

/** Paths Slack may be pointed at. One is enough (Events, Interactivity and Slash Commands can all share it). */
export const SLACK_PATHS = ['/slack/events', '/slack/actions', '/slack/commands'] as const;

/** Slack signs requests with a timestamp; older (or further in the future) than this is refused as a replay. */
const MAX_SKEW_SECONDS = 5 * 60;
/** How long an Events API `event_id` is remembered: Slack retries within minutes (3 retries, up to ~5 min). */
const EVENT_ID_TTL_MS = 60 * 60 * 1000;
const EVENT_ID_MAX = 10_000;

export interface FastifyReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Wall-clock milliseconds for the signature's freshness check (real time, not the business clock). */
  nowMs?: () => number;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Events API JSON, or form-encoded slash commands and `payload=` interactions. */
function parseBody(contentType: string, raw: string): Record<string, unknown> {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(raw);
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
    return form as Record<string, unknown>;
  }
  return JSON.parse(raw) as Record<string, unknown>;
}

/**
 * A Bolt receiver that lives on Anxin's own fastify server instead of opening a second port. It verifies Slack's v0
 * signature over the raw body (bad signature or a timestamp more than five minutes off → 401), answers the URL
 * verification challenge, drops repeated Events API deliveries (same `event_id`, e.g. with `X-Slack-Retry-Num`) and
 * hands everything else to `app.processEvent` with the request's idempotency key (see ./once.ts), replying to Slack
 * as soon as a listener calls `ack()`.
 * See https://api.slack.com/authentication/verifying-requests-from-slack and https://api.slack.com/apis/events-api#retries
 */
export class FastifyReceiver implements Receiver {
  private bolt?: App;
  private readonly seen = new Map<string, number>();
  readonly work = new WorkTracker();

  constructor(private readonly opts: FastifyReceiverOptions) {}

  init(app: App): void {
    this.bolt = app;
  }

  /** Fastify owns the port: nothing to start or stop here. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {
    await this.work.idle();
  }

  /** Resolves when every request handed to Bolt has been fully processed (listeners keep working after the ack). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private verified(req: FastifyRequest, raw: string): boolean {
    const signature = header(req, 'x-slack-signature');
    const ts = Number(header(req, 'x-slack-request-timestamp'));
    if (!signature || !Number.isFinite(ts)) return false;
    const now = this.opts.nowMs?.() ?? Date.now();
    if (Math.abs(Math.floor(now / 1000) - ts) > MAX_SKEW_SECONDS) return false;
    return isValidSlackRequest({
      signingSecret: this.opts.signingSecret,
      body: raw,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
      nowMilliseconds: now,
    });
  }

  /** True when this event id was already taken in (a retry); otherwise remembers it. */
  private repeated(eventId: string): boolean {
    const now = Date.now();
    const until = this.seen.get(eventId);
    if (until && until > now) return true;
    if (this.seen.size >= EVENT_ID_MAX) {
      for (const [id, exp] of this.seen) if (exp <= now || this.seen.size >= EVENT_ID_MAX) this.seen.delete(id);
    }
    this.seen.set(eventId, now + EVENT_ID_TTL_MS);
    return false;
  }

  /** The fastify handler for every Slack path. `req.body` is the raw Buffer (see {@link slackRoutes}). */
  async handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const contentType = String(header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    // Slack's SSL check carries no signature and must trigger nothing.
    if (contentType === 'application/x-www-form-urlencoded' && parseQuery(raw).ssl_check === '1') return reply.code(200).send();
    if (!this.verified(req, raw)) {
      this.opts.logger.warn({ url: req.url }, 'slack: request refused (bad signature or stale timestamp)');
      return reply.code(401).send();
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(contentType, raw);
    } catch {
      return reply.code(400).send();
    }
    if (body.type === 'url_verification') return reply.send({ challenge: body.challenge });
    const retryNum = Number(header(req, 'x-slack-retry-num') ?? Number.NaN);
    const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && this.repeated(eventId)) {
      this.opts.logger.info({ eventId, retryNum: Number.isNaN(retryNum) ? undefined : retryNum }, 'slack: repeated event ignored');
      return reply.code(200).send();
    }
    const bolt = this.bolt;
    if (!bolt) return reply.code(503).send();
    return new Promise<FastifyReply>((resolve) => {
      let acked = false;
      const answer = (status: number, payload?: unknown) => {
        if (payload === undefined || payload === '') resolve(reply.code(status).send());
        else if (typeof payload === 'string') resolve(reply.code(status).type('text/plain; charset=utf-8').send(payload));
        else resolve(reply.code(status).send(payload));
      };
      const ack: AckFn<unknown> = async (response) => {
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        answer(200, response);
      };
      const work = bolt
        .processEvent({
          body,
          ack,
          retryNum: Number.isNaN(retryNum) ? undefined : retryNum,
          retryReason: header(req, 'x-slack-retry-reason'),
          // Listeners run each staff action once per key: a replay of these signed bytes is acknowledged, not redone.
          customProperties: { [REQUEST_KEY]: receivedRequestKey(header(req, 'x-slack-signature') ?? '', body) },
        })
        .then(() => {
          // No listener acknowledged it (Bolt's own receivers answer 404 too): Slack shows the user an error.
          if (!acked) {
            acked = true;
            answer(404);
          }
        })
        .catch((err: unknown) => {
          this.opts.logger.error({ err, url: req.url }, 'slack: processing failed');
          if (!acked) {
            acked = true;
            // Not acknowledged: let Slack's retry through.
            if (eventId) this.seen.delete(eventId);
            answer(500);
          }
        });
      this.work.track(work);
    });
  }
}

/**
 * Routes Slack's HTTP requests into the receiver: `POST /slack/events` (also `/slack/actions`, `/slack/commands`).
 * The routes sit in their own fastify scope whose only body parser keeps the raw bytes — the signature is computed
 * over exactly what Slack sent.
 */
export function slackRoutes(receiver: FastifyReceiver): RouteModule {
  return async (app: FastifyInstance) => {
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      for (const url of SLACK_PATHS) scope.post(url, (req, reply) => receiver.handle(req, reply));
    });
  };
}
