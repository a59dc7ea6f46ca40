import type { FastifyInstance } from 'fastify';
import type { CoreDeps } from '../core/turn.ts';

/**
 * `GET /healthz`: 200 `{ status: 'ok' }` when the database answers, 503 `{ status: 'degraded' }` when it does not.
 * Public, so it says nothing else: no counts, no error texts, no latency (issue 12: it showed customer and
 * conversation counts to anyone). Details belong on a staff-only page.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: CoreDeps): void {
  app.get('/healthz', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await deps.db.$queryRawUnsafe('SELECT 1');
      return { status: 'ok', database: { status: 'ok' } };
    } catch (e) {
      deps.logger.warn({ err: e }, 'health check: database did not answer');
      return reply.status(503).send({ status: 'degraded', database: { status: 'error' } });
    }
  });
}
