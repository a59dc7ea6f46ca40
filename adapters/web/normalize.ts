import { z } from 'zod';
import type { InboundMessage } from '../../src/core/channel.ts';
import { PHOTO_MIMES, sniffFileType } from '../../src/domain/file-type.ts';

/** Largest accepted text from the browser chat (characters). */
export const WEB_MAX_TEXT = 4000;
/** Largest accepted photo (bytes, decoded). */
export const WEB_MAX_ATTACHMENT = 5 * 1024 * 1024;

const attachment = z.object({
  name: z.string().max(200).default('photo.jpg'),
  mime: z.string().regex(/^image\/(jpeg|png|gif|webp|heic)$/, { message: 'only photos (jpeg, png, gif, webp, heic) can be sent' }),
  dataBase64: z.string().min(1).max(Math.ceil(WEB_MAX_ATTACHMENT / 3) * 4 + 4, { message: 'a photo is larger than 5 MB' }),
});

/** The body of `POST /api/chat`. */
export const webChatBody = z
  .object({
    userId: z.string().trim().min(1, { message: 'userId is required' }).max(64).regex(/^[\w.:-]+$/, { message: 'userId may contain letters, digits, _ . : - only' }),
    text: z.string().max(WEB_MAX_TEXT, { message: `text is longer than ${WEB_MAX_TEXT} characters; please split it` }).default(''),
    /** Client-generated id: a retried POST with the same id is processed once. */
    messageId: z.string().max(100).optional(),
    lang: z.enum(['zh', 'en']).optional(),
    name: z.string().max(100).optional(),
    attachments: z.array(attachment).max(9).optional(),
  })
  .refine((b) => b.text.trim().length > 0 || (b.attachments?.length ?? 0) > 0, { message: 'text is empty: type a message or attach a photo' });

export type WebChatBody = z.infer<typeof webChatBody>;

/**
 * Pure: validated request body → the core's InboundMessage. Throws the zod error for the caller to report.
 * `sourceAddress` is the client's IP as the HTTP server saw it (never read from the body: the client cannot choose it).
 */
export function normalizeWebChat(raw: unknown, now: Date, sourceAddress?: string): InboundMessage {
  const body = webChatBody.parse(raw);
  const attachments = (body.attachments ?? []).map((a) => {
    const bytes = Buffer.from(a.dataBase64, 'base64');
    if (bytes.length > WEB_MAX_ATTACHMENT) throw new z.ZodError([{ code: 'custom', path: ['attachments'], message: 'a photo is larger than 5 MB', input: undefined }]);
    // The label is the sender's word; the first bytes say what the file is (an "image/png" holding HTML is refused).
    const type = sniffFileType(bytes);
    if (!type || !PHOTO_MIMES.has(type.mime)) throw new z.ZodError([{ code: 'custom', path: ['attachments'], message: 'a file is not a photo (jpeg, png, gif, webp, heic)', input: undefined }]);
    return { kind: 'image' as const, name: a.name, mime: type.mime, size: bytes.length, fetch: async () => bytes };
  });
  return {
    channel: 'web',
    channelMessageId: body.messageId,
    externalUserId: body.userId,
    displayName: body.name,
    ref: { channel: 'web', externalUserId: body.userId },
    kind: attachments.length && !body.text.trim() ? 'image' : 'text',
    text: body.text.trim(),
    attachments: attachments.length ? attachments : undefined,
    languageHint: body.lang,
    receivedAt: now,
    ...(sourceAddress ? { sourceAddress } : {}),
  };
}
