import type Database from 'better-sqlite3';
import type { ChannelIdentity, Conversation, Customer } from '../../generated/sqlite/client.ts';
import type { InboundMessage } from '../channel.ts';
import { cuid } from './cuid.ts';
import { sqlDate, sqlJson, tableDecoder, type RowDecoder } from './sqlite-codec.ts';
import { TurnAlreadyAnswered, type BeginTurnInput, type ClaimedReply, type DuplicateTurn, type FinishTurnInput, type SendAttempt, type StartedTurn, type TurnStore } from './turn-store.ts';

type Row = Record<string, unknown>;
type Stmt = Database.Statement<unknown[], Row>;

/** The turn's statements, compiled once per connection. */
interface Prepared {
  seen: Stmt;
  identityByKey: Stmt;
  insertIdentity: Stmt;
  renameIdentity: Stmt;
  customerById: Stmt;
  conversationByIdentity: Stmt;
  insertConversation: Stmt;
  refreshConversation: Stmt;
  insertInbound: Stmt;
  openEscalation: Stmt;
  markAnswered: Stmt;
  recordNlu: Stmt;
  insertReply: Stmt;
  markSent: Stmt;
  markFailed: Stmt;
  /** UPDATE "Conversation" for a given set of columns (the end-of-turn write varies). */
  updateConversation: (columns: string[]) => Stmt;
  identity: RowDecoder<ChannelIdentity>;
  customer: RowDecoder<Customer>;
  conversation: RowDecoder<Conversation>;
  begin: (input: BeginTurnInput) => StartedTurn | DuplicateTurn;
  finish: (input: FinishTurnInput) => ClaimedReply[];
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Attachments as the pipeline stores them: the lazy `fetch` is not data. */
const attachmentsOf = (inbound: InboundMessage) => (inbound.attachments?.length ? inbound.attachments.map(({ fetch: _f, ...a }) => a) : undefined);

function prepare(db: Database.Database): Prepared {
  const stmt = (sql: string): Stmt => {
    const s = db.prepare<unknown[], Row>(sql);
    // Prisma's adapter turns on safe integers for its connection; our counters fit in a double.
    return s.reader ? s.safeIntegers(false) : s;
  };
  const updates = new Map<string, Stmt>();
  const beginTx = db.transaction((input: BeginTurnInput) => begin(p, input));
  const finishTx = db.transaction((input: FinishTurnInput) => finish(p, input));
  const p: Prepared = {
    seen: stmt('SELECT "id", "awaitingReply" FROM "Message" WHERE "conversationId" = ? AND "channelMessageId" = ?'),
    identityByKey: stmt('SELECT * FROM "ChannelIdentity" WHERE "channel" = ? AND "externalUserId" = ?'),
    insertIdentity: stmt(
      'INSERT INTO "ChannelIdentity" ("id", "channel", "externalUserId", "displayName", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
    ),
    renameIdentity: stmt('UPDATE "ChannelIdentity" SET "displayName" = ?, "updatedAt" = ? WHERE "id" = ?'),
    customerById: stmt('SELECT * FROM "Customer" WHERE "id" = ?'),
    conversationByIdentity: stmt('SELECT * FROM "Conversation" WHERE "identityId" = ?'),
    insertConversation: stmt(
      `INSERT INTO "Conversation" ("id", "channel", "identityId", "customerId", "ref", "language", "createdAt", "updatedAt", "lastInboundAt", "lastMessageAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ),
    refreshConversation: stmt(
      'UPDATE "Conversation" SET "ref" = ?, "customerId" = ?, "updatedAt" = ?, "lastInboundAt" = ?, "lastMessageAt" = ? WHERE "id" = ?',
    ),
    insertInbound: stmt(
      `INSERT INTO "Message" ("id", "conversationId", "channel", "channelMessageId", "direction", "author", "kind", "text", "attachments", "status", "createdAt", "awaitingReply")
       VALUES (?, ?, ?, ?, 'in', 'customer', ?, ?, ?, 'received', ?, 1)`,
    ),
    openEscalation: stmt(`SELECT 1 AS "open" FROM "Escalation" WHERE "conversationId" = ? AND "status" IN ('open', 'taken') LIMIT 1`),
    markAnswered: stmt('UPDATE "Message" SET "awaitingReply" = 0 WHERE "id" = ? AND "awaitingReply" = 1'),
    recordNlu: stmt('UPDATE "Message" SET "intent" = ?, "confidence" = ?, "entities" = ? WHERE "id" = ?'),
    insertReply: stmt(
      `INSERT INTO "Message" ("id", "conversationId", "channel", "direction", "author", "kind", "text", "choices", "status", "createdAt", "replyToId")
       VALUES (?, ?, ?, 'out', 'bot', 'text', ?, ?, 'sending', ?, ?)`,
    ),
    markSent: stmt(
      `UPDATE "Message" SET "status" = 'sent', "error" = NULL, "attempts" = ?, "sentAt" = ?, "nextAttemptAt" = NULL,
       "channelMessageId" = COALESCE(?, "channelMessageId") WHERE "id" = ?`,
    ),
    markFailed: stmt(`UPDATE "Message" SET "status" = 'failed', "error" = ?, "attempts" = ?, "nextAttemptAt" = ? WHERE "id" = ?`),
    updateConversation: (columns) => {
      const key = columns.join(',');
      let s = updates.get(key);
      if (!s) {
        s = stmt(`UPDATE "Conversation" SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE "id" = ?`);
        updates.set(key, s);
      }
      return s;
    },
    identity: tableDecoder<ChannelIdentity>(db, 'ChannelIdentity'),
    customer: tableDecoder<Customer>(db, 'Customer'),
    conversation: tableDecoder<Conversation>(db, 'Conversation'),
    // IMMEDIATE: take the write lock before the first read, so another process cannot slip in between.
    begin: (input) => {
      try {
        return beginTx.immediate(input);
      } catch (e) {
        if (e instanceof DuplicateMessage) return e.turn;
        throw e;
      }
    },
    finish: (input) => finishTx.immediate(input),
  };
  return p;
}

/** How long a turn waits for a Prisma transaction open on the shared connection before writing anyway. */
export const FOREIGN_TRANSACTION_WAIT_MS = 10_000;

/**
 * {@link TurnStore} on prepared statements over the better-sqlite3 connection Prisma itself uses (so there is one
 * writer and no lock waits between two connections of this process). Each call is one synchronous transaction.
 *
 * Prisma's interactive and batch transactions keep BEGIN open on that connection across awaits, and anything run on
 * it meanwhile would join them (and vanish with their rollback). Our calls never yield mid-transaction, so an open
 * transaction seen at the start of a call is always someone else's: we wait for it to end.
 */
export function createSqliteTurnStore(opts: {
  /** The live connection; undefined before Prisma connects or after `$disconnect()`. */
  connection: () => Database.Database | undefined;
  /** Opens the connection (Prisma's `$connect`). */
  connect: () => Promise<void>;
}): TurnStore {
  const compiled = new WeakMap<Database.Database, Prepared>();

  /** Runs `work` on the connection's statements, outside any transaction another caller has open. */
  async function run<T>(work: (p: Prepared) => T): Promise<T> {
    const deadline = Date.now() + FOREIGN_TRANSACTION_WAIT_MS;
    for (;;) {
      let db = opts.connection();
      if (!db) {
        await opts.connect();
        db = opts.connection();
        if (!db) throw new Error('the SQLite connection is not available');
      }
      // Past the deadline we write anyway, as Prisma's own queries on this connection would.
      if (!db.inTransaction || Date.now() > deadline) {
        let p = compiled.get(db);
        if (!p) compiled.set(db, (p = prepare(db)));
        return work(p);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  return {
    kind: 'sqlite',
    beginTurn: (input) => run((p) => p.begin(input)),
    finishTurn: (input) => run((p) => p.finish(input)),
    recordAttempt: (messageId: string, a: SendAttempt) =>
      run((p) => {
        if (a.status === 'sent') p.markSent.run(a.attempts, sqlDate(a.sentAt), a.channelMessageId ?? null, messageId);
        else p.markFailed.run(a.error, a.attempts, sqlDate(a.nextAttemptAt), messageId);
      }),
  };
}

/** The sender's earlier message with this channel message id, if any (ids are unique per conversation). */
function seenBefore(p: Prepared, conversationId: string, channelMessageId: string | undefined): DuplicateTurn | undefined {
  if (!channelMessageId) return undefined;
  const seen = p.seen.get(conversationId, channelMessageId);
  return seen ? { duplicate: true, conversationId, inboundId: String(seen.id), answered: !Number(seen.awaitingReply) } : undefined;
}

function begin(p: Prepared, { inbound, now, languageFor }: BeginTurnInput): StartedTurn | DuplicateTurn {
  const found = p.identityByKey.get(inbound.channel, inbound.externalUserId);
  // Checked before any write: a repeat touches nothing. Only this sender's conversation is looked at.
  const known = found && inbound.channelMessageId ? p.conversationByIdentity.get(found.id) : undefined;
  const repeat = known && seenBefore(p, String(known.id), inbound.channelMessageId);
  if (repeat) return repeat;
  // Prisma stamps @updatedAt with the wall clock (not the injected clock); so do we.
  const wall = new Date();
  const stamp = sqlDate(wall);
  const at = sqlDate(now);
  let identity: ChannelIdentity;
  if (!found) {
    identity = p.identity(p.insertIdentity.get(cuid(), inbound.channel, inbound.externalUserId, inbound.displayName ?? null, at, stamp)!);
  } else {
    identity = p.identity(found);
    if (inbound.displayName) {
      p.renameIdentity.run(inbound.displayName, stamp, identity.id);
      identity.displayName = inbound.displayName;
      identity.updatedAt = wall;
    }
  }
  const customerRow = identity.customerId ? p.customerById.get(identity.customerId) : undefined;
  const customer = customerRow ? p.customer(customerRow) : null;
  const ref = sqlJson(inbound.ref);
  const existing = known ?? p.conversationByIdentity.get(identity.id);
  let conversation: Conversation;
  // One write stamps the message's arrival too; the turn sees the conversation as it was before this message.
  if (!existing) {
    const row = p.insertConversation.get(cuid(), inbound.channel, identity.id, identity.customerId, ref, languageFor(customer), at, stamp, at, at)!;
    conversation = p.conversation({ ...row, lastInboundAt: null, lastMessageAt: null });
  } else {
    p.refreshConversation.run(ref, identity.customerId, stamp, at, at, existing.id);
    conversation = p.conversation({ ...existing, ref, customerId: identity.customerId, updatedAt: stamp });
  }
  const inboundId = cuid();
  try {
    p.insertInbound.run(
      inboundId,
      conversation.id,
      inbound.channel,
      inbound.channelMessageId ?? null,
      inbound.kind,
      inbound.text,
      sqlJson(attachmentsOf(inbound)),
      at,
    );
  } catch (e) {
    // Only reachable if another writer got past the lookup; the unique index decides, and we keep nothing.
    const repeat = isUniqueViolation(e) && seenBefore(p, conversation.id, inbound.channelMessageId);
    if (repeat) throw new DuplicateMessage(repeat);
    throw e;
  }
  const openEscalation = p.openEscalation.get(conversation.id) !== undefined;
  return { duplicate: false, identity: { ...identity, customer }, customer, conversation, inboundId, openEscalation };
}

/** Thrown inside the transaction to roll it back; turned into a {@link DuplicateTurn} by the caller. */
class DuplicateMessage extends Error {
  constructor(readonly turn: DuplicateTurn) {
    super('duplicate channel message');
  }
}

function finish(p: Prepared, input: FinishTurnInput): ClaimedReply[] {
  // The claim and the replies commit together: of two turns for one message, the second writes nothing.
  if (p.markAnswered.run(input.inboundId).changes === 0) throw new TurnAlreadyAnswered(input.inboundId);
  const at = sqlDate(input.now);
  if (input.nlu) {
    p.recordNlu.run(input.nlu.intent, input.nlu.confidence, sqlJson(input.nlu.entities), input.inboundId);
  }
  const columns: string[] = [];
  const values: unknown[] = [];
  if (input.dialog) columns.push('dialogState', 'dialogUpdatedAt'), values.push(sqlJson(input.dialog.state), sqlDate(input.dialog.updatedAt));
  if (input.language) columns.push('language'), values.push(input.language);
  if (input.replies.length) columns.push('lastMessageAt'), values.push(at);
  if (columns.length) {
    columns.push('updatedAt');
    values.push(sqlDate(new Date()));
    p.updateConversation(columns).run(...values, input.conversationId);
  }
  return input.replies.map((reply) => {
    const id = cuid();
    p.insertReply.run(id, input.conversationId, input.channel, reply.text, sqlJson(reply.choices), at, input.inboundId);
    return { id, text: reply.text, choices: reply.choices, attempts: 0 };
  });
}
