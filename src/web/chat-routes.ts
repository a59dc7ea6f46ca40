import type { FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { normalizeWebChat } from '../../adapters/web/normalize.ts';
import type { Pipeline } from '../core/pipeline.ts';
import type { CoreDeps } from '../core/turn.ts';
import { renderChatPage } from './chat-page.ts';

const zodMessage = (e: ZodError) => e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/** The web chat channel: the page, the turn API and polling for later messages (staff replies, greetings). */
export function registerChatRoutes(app: FastifyInstance, deps: CoreDeps & { pipeline: Pipeline }): void {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(renderChatPage()));

  app.post('/api/chat', async (req, reply) => {
    let inbound;
    try {
      inbound = normalizeWebChat(req.body, deps.clock.now());
    } catch (e) {
      if (e instanceof ZodError) return reply.status(400).send({ error: zodMessage(e) });
      throw e;
    }
    const result = await deps.pipeline.handle(inbound);
    return {
      conversationId: result.conversationId,
      duplicate: result.duplicate,
      silent: result.silent,
      replies: result.replies.map((r) => ({ id: r.id, text: r.text, choices: r.choices ?? [] })),
    };
  });

  /** Messages for a web visitor after a given message id (staff replies, greetings); the page polls this. */
  app.get('/api/chat/messages', async (req, reply) => {
    const q = req.query as { userId?: string; after?: string };
    if (!q.userId) return reply.status(400).send({ error: 'userId is required' });
    const identity = await deps.db.channelIdentity.findUnique({
      where: { channel_externalUserId: { channel: 'web', externalUserId: q.userId } },
      include: { conversations: { select: { id: true, owner: true } } },
    });
    const conv = identity?.conversations[0];
    if (!conv) return { owner: 'bot', messages: [] };
    const after = q.after ? await deps.db.message.findUnique({ where: { id: q.after }, select: { createdAt: true, conversationId: true } }) : null;
    const rows = await deps.db.message.findMany({
      where: {
        conversationId: conv.id,
        direction: 'out',
        // >= with the anchor itself excluded: messages stored in the same millisecond are not skipped (the page
        // drops ids it has already shown).
        ...(after && after.conversationId === conv.id ? { createdAt: { gte: after.createdAt }, id: { not: q.after } } : {}),
      },
      orderBy: { createdAt: 'asc' },
      take: 100,
    });
    return {
      owner: conv.owner,
      messages: rows.map((m) => ({ id: m.id, text: m.text, author: m.author.startsWith('staff') ? 'staff' : 'bot', choices: m.choices ?? [], at: m.createdAt })),
    };
  });
}
