/**
 * The recorded shape of one WeChat message: the puppet's `MessagePayload` (wechaty-puppet's schema, as
 * `message.payload` holds it) plus the few facts about the chat that normalisation needs and that Wechaty only
 * answers asynchronously (who the bot is, the talker's name and type, the room, a link card's contents).
 * The adapter builds it from a live Wechaty message; tests load it from test/fixtures/wechat/*.json.
 */
export interface WeChatRawMessage {
  payload: {
    id: string;
    talkerId: string;
    listenerId?: string;
    roomId?: string;
    /** Contact ids @mentioned in a room message (wechaty-puppet `MessagePayloadRoom.mentionIdList`). */
    mentionIdList?: string[];
    text?: string;
    filename?: string;
    /** Seconds (web protocol) or milliseconds (most other puppets) since the epoch. */
    timestamp: number;
    /** wechaty-puppet `types.Message` value, see {@link MessageType}. */
    type: number;
  };
  /** `message.self()`: the logged-in account sent it (from this bot or from the phone). */
  self: boolean;
  /** The logged-in account's contact id. */
  selfId: string;
  /** Names the bot goes by in this chat (its WeChat name, its alias in the room): used to find and strip @mentions. */
  selfNames: string[];
  talker: { id: string; name?: string; /** wechaty-puppet `types.Contact`: 1 individual, 2 official account. */ type?: number };
  room?: { id: string; topic?: string };
  /** `message.toUrlLink().payload` for link cards, when the puppet could read it. */
  urlLink?: { title: string; url: string; description?: string };
  /** `message.toMiniProgram().payload` for mini-program cards. */
  miniProgram?: { title?: string; appid?: string; pagePath?: string };
}

/**
 * wechaty-puppet's `types.Message` values (kept here so the pure normaliser does not load Wechaty; a test checks
 * they match the installed wechaty-puppet).
 */
export const MessageType = {
  Unknown: 0,
  Attachment: 1,
  Audio: 2,
  Contact: 3,
  ChatHistory: 4,
  Emoticon: 5,
  Image: 6,
  Text: 7,
  Location: 8,
  MiniProgram: 9,
  GroupNote: 10,
  Transfer: 11,
  RedEnvelope: 12,
  Recalled: 13,
  Url: 14,
  Video: 15,
  Post: 16,
} as const;

/** wechaty-puppet `types.Contact.Official`: subscription and service accounts. */
export const CONTACT_TYPE_OFFICIAL = 2;
