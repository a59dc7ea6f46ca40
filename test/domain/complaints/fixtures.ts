import { fixedClock } from '../../../src/core/clock.ts';
import { AnxinEvents } from '../../../src/core/events.ts';
import { createWorkCalendar } from '../../../src/domain/calendar/index.ts';
import { fromShanghai } from '../../../src/domain/calendar/shanghai-time.ts';
import { createTestDb, type TestDb } from '../../../src/db/test-db.ts';
import type { OutboundMessage } from '../../../src/core/channel.ts';

export const calendar = createWorkCalendar();

/** A real migrated database, a Shanghai clock and a recording `send`, plus one web conversation. */
export async function complaintWorld(start = fromShanghai('2026-09-28', '10:00')) {
  const tdb: TestDb = await createTestDb();
  const clock = fixedClock(start);
  const events = new AnxinEvents();
  const sent: Array<{ conversationId: string; channel: string; msg: OutboundMessage }> = [];
  const send = async (conversationId: string, channel: string, msg: OutboundMessage) => {
    sent.push({ conversationId, channel, msg });
    return tdb.db.message.create({ data: { conversationId, channel, direction: 'out', text: msg.text, status: 'pending', createdAt: clock.now() } });
  };
  const conversation = async (user = 'u1', language = 'zh') => {
    const identity = await tdb.db.channelIdentity.create({ data: { channel: 'web', externalUserId: user } });
    const conv = await tdb.db.conversation.create({ data: { channel: 'web', identityId: identity.id, ref: { channel: 'web', externalUserId: user }, language } });
    return { identity, conv };
  };
  return { ...tdb, clock, events, calendar, send, sent, conversation, deps: { db: tdb.db, clock, events, calendar, send } };
}
