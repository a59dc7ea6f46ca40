import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import type { Config } from '../config/schema.ts';

/**
 * Cross-cutting HTTP protections for the one Fastify server: security headers with a nonce-based CSP, the rate-limit
 * plugin (limits are attached per route, see {@link limitPerAddress}), a 400 for repeated query parameters, and the
 * Host allow-list of the staff routes (DNS rebinding: a hostile page whose name resolves to 127.0.0.1 must not reach
 * the loopback-only staff API).
 */

const nonces = new WeakMap<ServerResponse, string>();

/** The CSP nonce of this response's inline `<script>` (pages put it on their one script tag). */
export const scriptNonce = (reply: FastifyReply): string => nonces.get(reply.raw) ?? '';

/** Host names the staff routes answer to: the configured list plus ANXIN_PUBLIC_HOST. Lower case, no port. */
export function staffHosts(config: Pick<Config, 'ANXIN_STAFF_HOSTS' | 'ANXIN_PUBLIC_HOST'>): Set<string> {
  const names = config.ANXIN_STAFF_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (config.ANXIN_PUBLIC_HOST) names.push(config.ANXIN_PUBLIC_HOST.trim().toLowerCase());
  return new Set(names);
}

/** `Host: [::1]:3000` → `[::1]`, `Example.COM:80` → `example.com`; undefined when the header is missing. */
export function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1) || undefined;
  return h.split(':')[0] || undefined;
}

const isStaffRoute = (url: string | undefined) => !!url && (url === '/staff' || url.startsWith('/staff/') || url.startsWith('/api/staff'));

/** Registers helmet, the rate-limit plugin and the request guards. Call before any route is added. */
export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  app.addHook('onRequest', async (_req, reply) => {
    nonces.set(reply.raw, randomBytes(16).toString('base64'));
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${nonces.get(res as ServerResponse) ?? ''}'`],
        scriptSrcAttr: ["'none'"],
        // The report's server-rendered SVG charts carry style attributes; inline CSS cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only means something over HTTPS, which a reverse proxy terminates; it is that proxy's header to set.
    strictTransportSecurity: false,
  });
  await app.register(rateLimit, { global: false });

  const allowedHosts = staffHosts(config);
  app.addHook('onRequest', async (req, reply) => {
    for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
      if (Array.isArray(v)) return reply.status(400).send({ error: `query parameter ${k.slice(0, 40)} is repeated; send it once` });
    }
    if (isStaffRoute(req.routeOptions.url) && !allowedHosts.has(hostName(req.headers.host) ?? '')) {
      return reply.status(403).send({ error: 'this host name is not allowed for the staff pages (ANXIN_STAFF_HOSTS)' });
    }
  });
}

/**
 * A hook answering 429 with Retry-After once `key(req)` has made `max` requests in a minute. Built on the plugin's
 * `createRateLimit` (its own route hooks run only once per request, and a chat route needs two limits).
 */
function limiter(app: FastifyInstance, max: number, key: (req: FastifyRequest) => string) {
  const check = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: key });
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const limit = await check(req);
    if (limit.isAllowed || !limit.isExceeded) return;
    const seconds = Math.max(1, limit.ttlInSeconds);
    return reply
      .status(429)
      .headers({ 'retry-after': String(seconds), 'x-ratelimit-limit': String(limit.max), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(seconds) })
      .send({ error: `too many requests; retry in ${seconds} seconds` });
  };
}

/** A per-address limit (the client's IP) on one route group, `max` requests a minute. Runs before the body is read. */
export function limitPerAddress(app: FastifyInstance, group: string, max: number): onRequestHookHandler {
  return limiter(app, max, (req) => `addr:${group}:${req.ip}`) as onRequestHookHandler;
}

/** A per-identity limit (the web `userId` in the JSON body, so a preHandler), `max` requests a minute. */
export function limitPerIdentity(app: FastifyInstance, group: string, max: number): preHandlerHookHandler {
  return limiter(app, max, (req) => {
    const id = (req.body as { userId?: unknown } | undefined)?.userId;
    return `id:${group}:${typeof id === 'string' ? id.trim().slice(0, 64) : `ip:${req.ip}`}`;
  }) as preHandlerHookHandler;
}
