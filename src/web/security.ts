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

/** A 429 body in the server's error shape (`{ error }`); the plugin adds Retry-After. */
const tooMany = (_req: FastifyRequest, ctx: { after: string; statusCode: number }) =>
  Object.assign(new Error(`too many requests; retry in ${ctx.after}`), { statusCode: ctx.statusCode });

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
  await app.register(rateLimit, { global: false, errorResponseBuilder: tooMany });

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

/** A per-address limit (the client's IP) on one route, `max` requests a minute, keyed apart by `group`. */
export function limitPerAddress(app: FastifyInstance, group: string, max: number): onRequestHookHandler {
  return app.rateLimit({ max, timeWindow: 60_000, keyGenerator: (req) => `addr:${group}:${req.ip}` }) as onRequestHookHandler;
}

/** A per-identity limit (the web `userId` in the JSON body, so it runs after parsing), `max` requests a minute. */
export function limitPerIdentity(app: FastifyInstance, group: string, max: number): preHandlerHookHandler {
  return app.rateLimit({
    max,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (req) => {
      const id = (req.body as { userId?: unknown } | undefined)?.userId;
      return `id:${group}:${typeof id === 'string' ? id.trim().slice(0, 64) : `ip:${req.ip}`}`;
    },
  }) as preHandlerHookHandler;
}
