import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { normalizeWebChat, WEB_MAX_ATTACHMENT } from '../../adapters/web/normalize.ts';
import type { Pipeline } from '../core/pipeline.ts';
import type { CoreDeps } from '../core/turn.ts';
import { renderChatPage } from './chat-page.ts';
import { limitPerAddress, limitPerIdentity, scriptNonce } from './security.ts';

/** Body limit of `POST /api/chat`: 4,000 characters are at most 12 KB of UTF-8, plus the other fields. */
export const CHAT_BODY_LIMIT = 16 * 1024;
/** Body limit of `POST /api/chat/upload`: one 5 MB photo as base64 (4/3) plus the message fields. */
export const UPLOAD_BODY_LIMIT = Math.ceil((WEB_MAX_ATTACHMENT * 4) / 3) + CHAT_BODY_LIMIT;
/** Uploads parsed at once, server-wide: more get 429 before their body is read, so big bodies cannot starve the rest. */
export const UPLOADS_IN_FLIGHT = 4;

const zodMessage = (e: ZodError) => e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/** The web chat channel: the page, the turn API and polling for later messages (staff replies, greetings). */
export function registerChatRoutes(app: FastifyInstance, deps: CoreDeps & { pipeline: Pipeline }): void {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(renderChatPage(scriptNonce(reply))));

  const turn = async (req: FastifyRequest, reply: FastifyReply) => {
    let inbound;
    try {
      inbound = normalizeWebChat(req.body, deps.clock.now(), req.ip);
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
  };
  // One per-identity budget for messages and photos; per-address budgets apart (uploads cost far more).
  const perUser = limitPerIdentity(app, 'chat', deps.config.ANXIN_RATE_PER_USER);

  app.post('/api/chat', { bodyLimit: CHAT_BODY_LIMIT, onRequest: limitPerAddress(app, 'chat', deps.config.ANXIN_RATE_PER_ADDRESS), preHandler: perUser }, turn);

  /** A message with a photo (the same body as `/api/chat`, with `attachments`). */
  let uploading = 0;
  const uploadSlot = async (_req: FastifyRequest, reply: FastifyReply) => {
    if (uploading >= UPLOADS_IN_FLIGHT) return reply.status(429).header('retry-after', '2').send({ error: 'too many photos are being received; retry in 2 seconds' });
    uploading += 1;
    // 'close' fires once whether the response finished or the client went away.
    reply.raw.once('close', () => (uploading -= 1));
  };
  app.post(
    '/api/chat/upload',
    { bodyLimit: UPLOAD_BODY_LIMIT, onRequest: [limitPerAddress(app, 'upload', deps.config.ANXIN_UPLOADS_PER_ADDRESS), uploadSlot], preHandler: perUser },
    turn,
  );

  /** Messages for a web visitor after a given message id (staff replies, greetings); the page polls this. */
  app.get('/api/chat/messages', { onRequest: limitPerAddress(app, 'poll', deps.config.ANXIN_RATE_PER_ADDRESS * 4) }, async (req, reply) => {
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
