import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AnxinError } from '../../core/errors.ts';
import {
  addNote,
  handBackEscalation,
  replyToCustomer,
  resolveEscalation,
  takeEscalation,
  type StaffDeps,
} from '../../domain/staff-actions.ts';
import type { RouteModule } from '../server.ts';
import { isConfidentialQueue, loadEscalationView } from './escalation-view.ts';
import { scriptNonce } from '../security.ts';
import { renderStaffPage } from './page.ts';
import { listOpenEscalations } from './queries.ts';

/**
 * The local staff page (`/staff`) and its JSON API (`/api/staff/...`): the same escalations and the same actions as
 * Slack, through the same functions in src/domain/staff-actions.ts. It is the embedded default when Slack is not
 * configured, and always available.
 *
 * There is no login yet: staff type their name, which is recorded on every action. That is why the page and its API
 * answer only requests from the machine itself (loopback addresses); do not expose `/staff` through a reverse proxy
 * until an authentication layer exists. POSTs must carry `X-Anxin-Staff: 1`, which a browser only sends from a
 * same-origin script, so another web site open in the same browser cannot trigger actions.
 */

/** The staff deps, or a getter for them (routes are registered while the app is still being built). */
export type StaffDepsSource = StaffDeps | (() => StaffDeps);

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Loopback only: requests from elsewhere get 403 (see the module comment). */
export const isLocalRequest = (req: FastifyRequest): boolean => LOOPBACK.has(req.socket.remoteAddress ?? '');

const actionBody = z.object({
  actor: z.string().trim().min(1, { message: 'actor: type your name first' }).max(40),
  text: z.string().max(4000).optional(),
});

const STATUS_OF: Record<string, number> = {
  escalation_not_found: 404,
  escalation_taken: 409,
  escalation_closed: 409,
  empty_reply: 400,
};

function sendError(reply: FastifyReply, e: unknown) {
  if (e instanceof AnxinError) return reply.status(STATUS_OF[e.code] ?? 400).send({ error: e.message, code: e.code });
  if (e instanceof z.ZodError) return reply.status(400).send({ error: e.issues.map((i) => i.message).join('; '), code: 'invalid_request' });
  throw e;
}

type Action = (deps: StaffDeps, id: string, actor: string, text: string) => Promise<unknown>;

const ACTIONS: Record<string, Action> = {
  take: (d, id, actor) => takeEscalation(d, id, actor),
  reply: (d, id, actor, text) => replyToCustomer(d, id, actor, text),
  note: async (d, id, actor, text) => {
    if (!text.trim()) throw new AnxinError('empty_reply', 'the note is empty');
    return addNote(d, id, actor, text.trim());
  },
  'hand-back': (d, id, actor) => handBackEscalation(d, id, actor),
  resolve: (d, id, actor) => resolveEscalation(d, id, actor),
};

/** Registers `/staff` and `/api/staff/*` on Anxin's server. */
export function staffRoutes(source: StaffDepsSource): RouteModule {
  const deps = () => (typeof source === 'function' ? source() : source);
  return async (app: FastifyInstance) => {
    await app.register(async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        if (!isLocalRequest(req)) return reply.status(403).send({ error: 'the staff page is only served to this machine (no login yet)' });
        if (req.method === 'POST' && req.headers['x-anxin-staff'] !== '1') return reply.status(403).send({ error: 'missing X-Anxin-Staff header' });
      });

      scope.get('/staff', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderStaffPage(scriptNonce(reply))));

      /** `?tab=compliance` lists only the compliance queue; any other tab lists every other queue. */
      scope.get('/api/staff/escalations', async (req) => {
        const tab = (req.query as { tab?: string }).tab;
        const queues = tab === 'compliance' ? ['compliance'] : ['claims', 'complaints', 'service', 'general'];
        return { items: await listOpenEscalations(deps().db, deps().clock.now(), { queues }) };
      });

      scope.get('/api/staff/escalations/:id', async (req, reply) => {
        const { id } = req.params as { id: string };
        try {
          const view = await loadEscalationView(deps().db, id, { transcriptLimit: 200, notes: true, now: deps().clock.now() });
          const actions = await deps().db.staffAction.findMany({ where: { escalationId: id }, orderBy: { createdAt: 'asc' } });
          return { ...view, actions: actions.map((a) => ({ actor: a.actor, action: a.action, at: a.createdAt.toISOString() })), compliance: isConfidentialQueue(view.queue) };
        } catch (e) {
          return sendError(reply, e);
        }
      });

      scope.post('/api/staff/escalations/:id/:action', async (req, reply) => {
        const { id, action } = req.params as { id: string; action: string };
        const run = ACTIONS[action];
        if (!run) return reply.status(404).send({ error: `unknown action ${action}` });
        try {
          const body = actionBody.parse(req.body ?? {});
          await run(deps(), id, body.actor, body.text ?? '');
          return await loadEscalationView(deps().db, id, { transcriptLimit: 200, notes: true, now: deps().clock.now() });
        } catch (e) {
          return sendError(reply, e);
        }
      });
    });
  };
}
