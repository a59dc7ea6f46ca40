import type { Delivery } from '../core/delivery.ts';
import { AnxinError } from '../core/errors.ts';
import type { CoreDeps } from '../core/turn.ts';

/**
 * What staff can do with an escalation, shared by the Slack adapter and the local staff page. Every action is
 * recorded (StaffAction: who, what, when). Only `reply` ever sends text to the customer; notes stay internal.
 */
export type StaffDeps = Pick<CoreDeps, 'db' | 'clock' | 'events'> & { delivery: Delivery };

async function load(deps: StaffDeps, escalationId: string) {
  const e = await deps.db.escalation.findUnique({ where: { id: escalationId }, include: { conversation: true } });
  if (!e) throw new AnxinError('escalation_not_found', `no escalation ${escalationId}`);
  return e;
}

async function audit(deps: StaffDeps, escalationId: string, conversationId: string, actor: string, action: string, detail?: string) {
  await deps.db.staffAction.create({ data: { escalationId, conversationId, actor, action, detail, createdAt: deps.clock.now() } });
}

/** Take: assigns the conversation to `actor`; the bot goes quiet in it. */
export async function takeEscalation(deps: StaffDeps, escalationId: string, actor: string) {
  const e = await load(deps, escalationId);
  if (e.status === 'resolved' || e.status === 'handed_back') throw new AnxinError('escalation_closed', 'this escalation is already closed');
  if (e.status === 'taken' && e.takenBy && e.takenBy !== actor) throw new AnxinError('escalation_taken', `already taken by ${e.takenBy}`);
  const now = deps.clock.now();
  await deps.db.escalation.update({ where: { id: e.id }, data: { status: 'taken', takenBy: actor, takenAt: now } });
  await deps.db.conversation.update({ where: { id: e.conversationId }, data: { owner: 'staff', assignedTo: actor } });
  await audit(deps, e.id, e.conversationId, actor, 'take');
  deps.events.emit('escalation.updated', { escalationId: e.id, conversationId: e.conversationId, status: 'taken', actor });
}

/** Reply: the only way staff text reaches the customer. Stored, then sent through the customer's channel. */
export async function replyToCustomer(deps: StaffDeps, escalationId: string, actor: string, text: string) {
  const body = text.trim();
  if (!body) throw new AnxinError('empty_reply', 'the reply is empty');
  const e = await load(deps, escalationId);
  if (e.status === 'resolved' || e.status === 'handed_back') throw new AnxinError('escalation_closed', 'this escalation is already closed');
  if (e.status === 'open') await takeEscalation(deps, escalationId, actor);
  const msg = await deps.delivery.send(e.conversationId, e.conversation.channel, { text: body }, `staff:${actor}`);
  await audit(deps, e.id, e.conversationId, actor, 'reply', msg.id);
  return msg;
}

/** Internal note: stored on the transcript as direction `note`; never delivered to the customer. */
export async function addNote(deps: StaffDeps, escalationId: string, actor: string, text: string) {
  const e = await load(deps, escalationId);
  const note = await deps.db.message.create({
    data: { conversationId: e.conversationId, channel: e.conversation.channel, direction: 'note', author: `staff:${actor}`, text, status: 'internal', createdAt: deps.clock.now() },
  });
  await audit(deps, e.id, e.conversationId, actor, 'note', note.id);
  return note;
}

async function close(deps: StaffDeps, escalationId: string, actor: string, status: 'resolved' | 'handed_back') {
  const e = await load(deps, escalationId);
  const now = deps.clock.now();
  await deps.db.escalation.update({ where: { id: e.id }, data: { status, closedBy: actor, closedAt: now } });
  const stillOpen = await deps.db.escalation.count({ where: { conversationId: e.conversationId, status: { in: ['open', 'taken'] }, id: { not: e.id } } });
  if (!stillOpen) await deps.db.conversation.update({ where: { id: e.conversationId }, data: { owner: 'bot', assignedTo: null } });
  await audit(deps, e.id, e.conversationId, actor, status === 'resolved' ? 'resolve' : 'hand_back');
  deps.events.emit('escalation.updated', { escalationId: e.id, conversationId: e.conversationId, status, actor });
}

/** Resolve: the case is done; the bot answers the customer again. */
export const resolveEscalation = (deps: StaffDeps, escalationId: string, actor: string) => close(deps, escalationId, actor, 'resolved');
/** Hand back: staff return the conversation to the bot without resolving the underlying record. */
export const handBackEscalation = (deps: StaffDeps, escalationId: string, actor: string) => close(deps, escalationId, actor, 'handed_back');
