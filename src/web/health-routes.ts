import type { FastifyInstance } from 'fastify';
import type { CoreDeps } from '../core/turn.ts';

/** `GET /healthz`: 200 with the database status, 503 when the database does not answer. */
export function registerHealthRoutes(app: FastifyInstance, deps: CoreDeps): void {
  app.get('/healthz', async (_req, reply) => {
    const started = Date.now();
    try {
      const [customers, conversations] = await Promise.all([deps.db.customer.count(), deps.db.conversation.count()]);
      return { status: 'ok', database: { status: 'ok', latencyMs: Date.now() - started, customers, conversations }, time: deps.clock.now().toISOString() };
    } catch (e) {
      return reply.status(503).send({ status: 'degraded', database: { status: 'error', error: (e as Error).message } });
    }
  });
}
