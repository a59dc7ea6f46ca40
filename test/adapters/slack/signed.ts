import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  secret?: string;
  retryNum?: number;
  path?: string;
}

/** Slack's v0 signature: 'v0=' + HMAC-SHA256(secret, 'v0:' + timestamp + ':' + body). */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The headers Slack sends with `body`: content type, timestamp and v0 signature (and retry headers if asked). */
export function signedHeaders(body: string, contentType: string, opts: SignOptions = {}): Record<string, string> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': sign(body, ts, opts.secret),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return headers;
}

/** POSTs a correctly signed (unless told otherwise) request to Anxin's server, like Slack does. */
export function postSigned(server: FastifyInstance, body: string, contentType: string, opts: SignOptions = {}) {
  return server.inject({ method: 'POST', url: opts.path ?? '/slack/events', headers: signedHeaders(body, contentType, opts), payload: body });
}

export const FORM = 'application/x-www-form-urlencoded';

/** The form body of an interaction (button click, modal submission): `payload=<json>`. */
export const interactionBody = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** The form body of an `/anxin` slash command with `fields` (user_id, text, response_url, ...). */
export const commandBody = (fields: Record<string, string>) =>
  new URLSearchParams({ token: 'legacy', team_id: 'T0001', team_domain: 'anxin', api_app_id: 'A0001', command: '/anxin', trigger_id: '1.2.t', ...fields }).toString();

/** An Events API callback (JSON). */
export function postEvent(server: FastifyInstance, eventId: string, event: Record<string, unknown>, opts: SignOptions = {}) {
  const body = JSON.stringify({
    token: 'legacy',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
    event,
  });
  return postSigned(server, body, 'application/json', opts);
}

/** An interaction (button click, modal submission): form-encoded `payload=`. */
export function postInteraction(server: FastifyInstance, payload: Record<string, unknown>, opts: SignOptions = {}) {
  return postSigned(server, interactionBody(payload), FORM, { path: '/slack/actions', ...opts });
}

/** A slash command: form-encoded fields. */
export function postCommand(server: FastifyInstance, fields: Record<string, string>, opts: SignOptions = {}) {
  return postSigned(server, commandBody(fields), FORM, { path: '/slack/commands', ...opts });
}
