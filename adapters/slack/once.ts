import { runOnce, type ActionRequest, type OnceOutcome, type RunOnceOptions } from '../../src/domain/processed-actions.ts';
import type { StaffDeps } from '../../src/domain/staff-actions.ts';

/**
 * Idempotency keys for Slack requests. Slack's signature only proves a request came from Slack within five minutes;
 * the same signed bytes can be sent again in that window. Each staff action is therefore run once per key
 * (src/domain/processed-actions.ts): a replay is acknowledged as before and does nothing.
 */

/** The context property (Bolt `customProperties`) in which the HTTP receiver passes the request's key. */
export const REQUEST_KEY = 'anxinRequestKey';

/**
 * The key of a request as the HTTP receiver saw it. An Events API delivery is keyed by its `event_id`: Slack retries
 * it with a new timestamp, hence a new signature. Anything else (slash commands, interactions — Slack never retries
 * those) by its v0 signature, an HMAC over timestamp and body: the same signed bytes always give the same key, and a
 * replayer cannot change the bytes without the signing secret.
 * See https://api.slack.com/authentication/verifying-requests-from-slack
 */
export function receivedRequestKey(signature: string, body: Record<string, unknown>): string {
  if (typeof body.event_id === 'string') return `slack:event:${body.event_id}`;
  return `slack:sig:${signature.replace(/^v0=/, '')}`;
}

/**
 * The key of the request a listener handles: the receiver's, else (Socket Mode: no signature) the event id or the
 * interaction's `trigger_id`, which Slack makes unique per user action.
 */
export function requestKey(context: Record<string, unknown>, body: object): string | undefined {
  if (typeof context[REQUEST_KEY] === 'string') return context[REQUEST_KEY];
  const { event_id, trigger_id } = body as { event_id?: unknown; trigger_id?: unknown };
  if (typeof event_id === 'string') return `slack:event:${event_id}`;
  if (typeof trigger_id === 'string' && trigger_id) return `slack:trigger:${trigger_id}`;
  return undefined;
}

/** Runs a staff action from Slack once per request key (without a key, it just runs). */
export function slackOnce<R>(
  staff: StaffDeps,
  req: Omit<ActionRequest, 'key' | 'source'> & { key: string | undefined },
  work: () => Promise<R>,
  opts?: RunOnceOptions<R>,
): Promise<OnceOutcome<R>> {
  const { key } = req;
  if (!key) return work().then((value) => ({ replayed: false as const, value }));
  return runOnce(staff, { ...req, key, source: 'slack' }, work, opts);
}
