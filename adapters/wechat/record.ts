import { types, type Message, type Wechaty } from 'wechaty';
import type { WeChatRawMessage } from './raw-message.ts';

/** Asks, and on failure shrugs: a missing room alias or link title must not lose the message. */
const maybe = async <T>(f: () => Promise<T> | T): Promise<T | undefined> => {
  try {
    return await f();
  } catch {
    return undefined;
  }
};

/**
 * Captures what normalisation needs from a live Wechaty message (its payload plus the async look-ups) as plain
 * JSON — the same shape as the recorded fixtures, so what the tests normalise is what production normalises.
 */
export async function recordMessage(msg: Message, bot: Wechaty): Promise<WeChatRawMessage> {
  const p = msg.payload;
  if (!p) throw new Error(`message ${msg.id} has no payload`);
  const me = bot.currentUser;
  const talker = msg.talker();
  const room = msg.room();
  const selfNames = [me.name()];
  if (room) {
    const alias = await maybe(() => room.alias(me));
    if (alias && !selfNames.includes(alias)) selfNames.push(alias);
  }
  const raw: WeChatRawMessage = {
    payload: {
      id: p.id,
      talkerId: p.talkerId,
      timestamp: p.timestamp,
      type: p.type,
      ...(p.text !== undefined ? { text: p.text } : {}),
      ...(p.filename ? { filename: p.filename } : {}),
      ...('listenerId' in p && p.listenerId ? { listenerId: p.listenerId } : {}),
      ...(p.roomId ? { roomId: p.roomId } : {}),
      ...('mentionIdList' in p && p.mentionIdList ? { mentionIdList: [...p.mentionIdList] } : {}),
    },
    self: msg.self(),
    selfId: me.id,
    selfNames,
    talker: { id: talker.id, name: talker.name(), type: talker.type() },
  };
  if (room) raw.room = { id: room.id, topic: await maybe(() => room.topic()) };
  if (msg.type() === types.Message.Url) {
    const link = await maybe(() => msg.toUrlLink());
    if (link) raw.urlLink = { title: link.title(), url: link.url(), ...(link.description() ? { description: link.description() } : {}) };
  }
  if (msg.type() === types.Message.MiniProgram) {
    const mp = await maybe(() => msg.toMiniProgram());
    if (mp) raw.miniProgram = { title: mp.title(), appid: mp.appid(), pagePath: mp.pagePath() };
  }
  return raw;
}
