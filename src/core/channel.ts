/**
 * The adapter port: the only contract between Anxin's core and a channel (WeChat, Slack, web chat, ...).
 * Adapters turn their SDK's payloads into {@link InboundMessage}s and deliver {@link OutboundMessage}s to a
 * {@link ConversationRef}. The core never knows more about a channel than its `channel` name.
 */

/** Where to deliver messages for one conversation; stored on the Conversation row so the bot can speak first. */
export interface ConversationRef {
  channel: string;
  /** The channel's user id (WeChat contact id, web visitor id, ...). */
  externalUserId: string;
  /** A group chat (WeChat room) the message came from, if any. */
  roomId?: string;
  /** Channel-specific extras; must be JSON-serialisable. */
  [extra: string]: unknown;
}

export type InboundKind = 'text' | 'image' | 'voice' | 'video' | 'file' | 'link' | 'emoji' | 'unknown';

/** A file the customer sent. `fetch` loads its bytes lazily (only when a flow wants to keep it). */
export interface InboundAttachment {
  kind: 'image' | 'file' | 'voice' | 'video';
  name?: string;
  mime?: string;
  size?: number;
  /** URL or path where the channel keeps it, if known. */
  location?: string;
  fetch?: () => Promise<Buffer>;
}

/** One normalised customer message. */
export interface InboundMessage {
  channel: string;
  /** The channel's message id; a repeat of (channel, channelMessageId) is processed once. */
  channelMessageId?: string;
  externalUserId: string;
  displayName?: string;
  ref: ConversationRef;
  kind: InboundKind;
  /** The text (for links: title + URL; for media: empty or a caption). */
  text: string;
  attachments?: InboundAttachment[];
  /** Text of a quoted message the customer replied to. */
  quotedText?: string;
  /** Language hint from the channel (e.g. the web page's language switch). */
  languageHint?: 'zh' | 'en';
  receivedAt?: Date;
  /**
   * The network address the message came from, when the channel knows one (web chat: the HTTP client's IP as
   * Fastify resolves it; WeChat: none). Counted when an identity check fails, since a web visitor picks its own
   * identity (src/domain/verify-attempts.ts). Not stored with the message.
   */
  sourceAddress?: string;
}

/** A button/choice offered with a reply. Sending `value` back as text selects it. */
export interface Choice {
  label: string;
  value: string;
}

export interface OutboundMessage {
  text: string;
  choices?: Choice[];
}

export interface SendResult {
  /** The channel's id for the delivered message, if it gives one. */
  channelMessageId?: string;
}

/** Implemented by every channel adapter. `send` throws on failure; the caller records the error on the message row. */
export interface ChannelAdapter {
  readonly channel: string;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  send(ref: ConversationRef, message: OutboundMessage): Promise<SendResult>;
}
