import type { Choice, InboundAttachment, InboundKind, InboundMessage } from '../../src/core/channel.ts';
import { isOnlyEmoji, wechatEmojiToUnicode } from './emoji-codes.ts';
import { CONTACT_TYPE_OFFICIAL, MessageType, type WeChatRawMessage } from './raw-message.ts';

export const WECHAT_CHANNEL = 'wechat';

/** A normalised WeChat message. `note` says what a message the core cannot read was (mini-program, location, ...). */
export type WeChatInbound = InboundMessage & { note?: string };

/** Why a message produced no turn (logged at debug level). */
export interface Ignored {
  ignore: string;
}

export interface NormalizeOptions {
  /** Makes the lazy loader for a message's file; kept outside so normalisation stays pure. */
  fetchFile: (messageId: string) => () => Promise<Buffer>;
  /** Choices the bot offered this contact in its last message: a bare "1".."9" selects one. */
  lastChoices?: Choice[];
}

/** WeChat accounts that are the platform itself, never customers. */
const SYSTEM_ACCOUNTS = new Set(['weixin', 'filehelper', 'fmessage', 'newsapp', 'medianote', 'floatbottle']);

/**
 * How WeChat clients (and the wechat4u and padlocal puppets) flatten a quoted reply into text:
 * `「张三：原消息」\n- - - - - - - - - - - - - - -\n新消息`.
 */
const QUOTE = /^「([^：]*)：([\s\S]*)」\n(?:- ?){3,}\n([\s\S]*)$/;

/** WeChat puts a four-per-em space (U+2005) after an @mention; some clients send a plain space. */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const NOTES: Record<number, string> = {
  [MessageType.Contact]: 'contact card',
  [MessageType.ChatHistory]: 'forwarded chat history',
  [MessageType.Location]: 'location',
  [MessageType.Transfer]: 'money transfer',
  [MessageType.RedEnvelope]: 'red envelope',
  [MessageType.Post]: 'Channels post',
  [MessageType.GroupNote]: 'group note',
  [MessageType.Unknown]: 'unsupported message type',
};

const MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic',
  mp4: 'video/mp4', mov: 'video/quicktime', silk: 'audio/silk', sil: 'audio/silk', amr: 'audio/amr', mp3: 'audio/mpeg',
  pdf: 'application/pdf', doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', txt: 'text/plain', zip: 'application/zip',
};

const mimeOf = (name?: string) => (name ? MIME[name.split('.').pop()!.toLowerCase()] : undefined);

/** Wechaty's own rule (Message.date()): small numbers are seconds. */
const toDate = (ts: number) => new Date(ts > 1e11 ? ts : ts * 1000);

/** Reads one tag of the app-message XML the web protocol leaves in `text` for link cards. */
function xmlTag(xml: string, tag: string): string | undefined {
  const m = xml.match(new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${tag}>`));
  const v = m?.[1]?.trim();
  return v ? v.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : undefined;
}

/** A bare "1".."9" (also full-width) answering the bot's numbered choices becomes that choice's value. */
function pickChoice(text: string, choices?: Choice[]): string {
  if (!choices?.length) return text;
  const m = text.trim().match(/^([1-9１-９])[.。、)）]?$/);
  if (!m) return text;
  const n = m[1].charCodeAt(0) >= 0xff10 ? m[1].charCodeAt(0) - 0xff10 : Number(m[1]);
  return choices[n - 1]?.value ?? text;
}

/** Whether a room message is addressed to the bot, and its text without the bot's @mention. */
function addressedInRoom(raw: WeChatRawMessage, text: string, quotedAuthor?: string): { addressed: boolean; text: string } {
  const names = raw.selfNames.filter(Boolean);
  let stripped = text;
  let named = false;
  for (const name of names) {
    const re = new RegExp(`@${escapeRe(name)}(?:\u2005|\u0020|$)`, 'g');
    if (re.test(stripped)) {
      named = true;
      stripped = stripped.replace(re, '');
    }
  }
  const listed = raw.payload.mentionIdList?.includes(raw.selfId) ?? false;
  // Quoting one of the bot's own messages in a group is a way of talking to it, even without an @.
  const quotedBot = quotedAuthor !== undefined && names.includes(quotedAuthor);
  return { addressed: listed || named || quotedBot, text: stripped.trim() };
}

/**
 * Pure: one recorded WeChat message → the core's {@link InboundMessage}, or why it is ignored.
 * Self messages, system notices, recalls and official accounts are ignored; in rooms only messages that
 * @mention the bot (or quote it) count, with the mention removed from the text.
 */
export function normalizeWeChat(raw: WeChatRawMessage, opts: NormalizeOptions): WeChatInbound | Ignored {
  const p = raw.payload;
  if (raw.self || p.talkerId === raw.selfId) return { ignore: 'self' };
  if (SYSTEM_ACCOUNTS.has(p.talkerId)) return { ignore: 'system account' };
  if (raw.talker.type === CONTACT_TYPE_OFFICIAL) return { ignore: 'official account' };
  if (p.type === MessageType.Recalled) return { ignore: 'recalled' };
  const rawText = p.text ?? '';
  if (p.type === MessageType.Unknown && /<sysmsg|^<\?xml|<msg>/.test(rawText)) return { ignore: 'system notice' };

  const roomId = p.roomId || undefined;
  let kind: InboundKind = 'text';
  let text = '';
  let quotedText: string | undefined;
  let quotedAuthor: string | undefined;
  let attachments: InboundAttachment[] | undefined;
  let note: string | undefined;
  const file = (k: InboundAttachment['kind'], fallbackName: string): InboundAttachment[] => {
    const name = p.filename || fallbackName;
    return [{ kind: k, name, ...(mimeOf(name) ? { mime: mimeOf(name) } : {}), fetch: opts.fetchFile(p.id) }];
  };

  switch (p.type) {
    case MessageType.Text: {
      text = rawText;
      const q = text.match(QUOTE);
      if (q) {
        quotedAuthor = q[1].trim();
        quotedText = wechatEmojiToUnicode(q[2]).trim();
        text = q[3];
      }
      break;
    }
    case MessageType.Emoticon:
      kind = 'emoji';
      break;
    case MessageType.Image:
      kind = 'image';
      attachments = file('image', `${p.id}.jpg`);
      break;
    case MessageType.Audio:
      kind = 'voice';
      attachments = file('voice', `${p.id}.silk`);
      break;
    case MessageType.Video:
      kind = 'video';
      attachments = file('video', `${p.id}.mp4`);
      break;
    case MessageType.Attachment:
      kind = 'file';
      attachments = file('file', p.id);
      break;
    case MessageType.Url: {
      kind = 'link';
      const title = raw.urlLink?.title ?? xmlTag(rawText, 'title') ?? '';
      const url = raw.urlLink?.url ?? xmlTag(rawText, 'url') ?? '';
      text = [title, url].filter(Boolean).join('\n');
      break;
    }
    case MessageType.MiniProgram: {
      kind = 'unknown';
      const title = raw.miniProgram?.title ?? xmlTag(rawText, 'title');
      note = title ? `mini-program: ${title}` : 'mini-program';
      break;
    }
    default:
      kind = 'unknown';
      note = NOTES[p.type] ?? `unsupported message type ${p.type}`;
  }

  if (roomId) {
    const r = addressedInRoom(raw, text, quotedAuthor);
    if (!r.addressed) return { ignore: 'room message not addressed to the bot' };
    text = r.text;
  } else if (kind === 'text' && text.trim() === '') {
    return { ignore: 'empty text' };
  }

  if (kind === 'text') {
    text = pickChoice(wechatEmojiToUnicode(text).trim(), opts.lastChoices);
    if (isOnlyEmoji(text)) kind = 'emoji';
  }

  const msg: WeChatInbound = {
    channel: WECHAT_CHANNEL,
    channelMessageId: p.id,
    externalUserId: p.talkerId,
    ref: { channel: WECHAT_CHANNEL, externalUserId: p.talkerId, ...(roomId ? { roomId } : {}) },
    kind,
    text,
    receivedAt: toDate(p.timestamp),
  };
  if (raw.talker.name) msg.displayName = raw.talker.name;
  if (attachments) msg.attachments = attachments;
  if (quotedText !== undefined) msg.quotedText = quotedText;
  if (note) msg.note = note;
  return msg;
}

/** Narrowing helper for callers. */
export const isIgnored = (r: WeChatInbound | Ignored): r is Ignored => 'ignore' in r;
