import type { Server } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Pipeline } from '../core/pipeline.ts';
import type { CoreDeps } from '../core/turn.ts';
import { registerChatRoutes } from './chat-routes.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { registerSecurity } from './security.ts';

/** Request body limit of routes that set none (Slack's receiver, staff actions): 256 KB. */
const DEFAULT_BODY_LIMIT = 256 * 1024;

/** Fastify's trustProxy from ANXIN_TRUST_PROXY: a hop count, or the proxies' addresses; off when unset. */
function trustProxy(value: string | undefined): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (!value) return false;
  if (!/^\d+$/.test(value)) return value.split(',').map((a) => a.trim());
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}

/** A plug-in point for later parts (staff page, Slack's HTTP receiver) to add routes to the one server. */
export type RouteModule = (app: FastifyInstance) => void | Promise<void>;

/** Builds Anxin's HTTP server (not listening yet). */
export async function buildServer(deps: CoreDeps & { pipeline: Pipeline; routes?: RouteModule[] }): Promise<FastifyInstance> {
  // Fastify logs every request at info; its logger stays at warn so chat traffic does not flood the log.
  const httpLogger = deps.logger.child({ component: 'http' }, { level: deps.logger.level === 'silent' ? 'silent' : 'warn' });
  // Routes that take more (photo uploads) or much less (chat JSON) set their own bodyLimit: see chat-routes.ts.
  const options: FastifyHttpOptions<Server> = { bodyLimit: DEFAULT_BODY_LIMIT, trustProxy: trustProxy(deps.config.ANXIN_TRUST_PROXY) };
  const app: FastifyInstance = Fastify({ ...options, loggerInstance: httpLogger as FastifyBaseLogger });
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    // The route pattern, never the raw URL: a query string or path may carry personal data. The logger reduces a
    // database error to its reason (no query values).
    if (status >= 500) deps.logger.error({ err, method: req.method, route: req.routeOptions?.url ?? req.url.split('?')[0] }, 'request failed');
    void reply.status(status).send({ error: status >= 500 ? 'internal error; the event was logged' : err.message });
  });
  await registerSecurity(app, deps.config);
  registerHealthRoutes(app, deps);
  registerChatRoutes(app, deps);
  for (const mod of deps.routes ?? []) await mod(app);
  return app;
}
