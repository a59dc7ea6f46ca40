import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InboundAttachment } from '../../core/channel.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { sniffFileType, UNKNOWN_FILE } from '../file-type.ts';

/** Most photos one claim report keeps; further ones are acknowledged but not stored. */
export const MAX_CLAIM_PHOTOS = 20;
/** Largest single file stored (bytes). WeChat caps images well below this. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Folder names come from ids we generate, but never let one climb out of the store. */
const safeSegment = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

export interface StoredAttachments {
  /** Attachment row ids, in the order received. */
  ids: string[];
  /** Attachments that could not be fetched, were too large or over the limit. */
  failed: number;
}

/**
 * Fetches the bytes of a message's attachments and keeps them under `<ANXIN_ATTACHMENT_DIR>/<folder>/<uuid>.<ext>`
 * (the extension from the file's signature, `.bin` when it is no known type; the sender's name is kept on the row only)
 * (folder: the conversation id while a report is being collected), with one Attachment row each (location is
 * relative to the store). Rows are linked to the claim when the report is created ({@link linkAttachments}).
 * A fetch that fails is counted, not thrown: the customer can send the photo again.
 */
export async function storeAttachments(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'config' | 'logger'>,
  opts: { folder: string; messageId: string; attachments: InboundAttachment[]; alreadyStored: number; claimId?: string },
): Promise<StoredAttachments> {
  const folder = safeSegment(opts.folder);
  const dir = path.resolve(deps.config.ANXIN_ATTACHMENT_DIR, folder);
  await mkdir(dir, { recursive: true });
  const out: StoredAttachments = { ids: [], failed: 0 };
  for (const a of opts.attachments) {
    if (opts.alreadyStored + out.ids.length >= MAX_CLAIM_PHOTOS || !a.fetch || a.kind === 'voice') {
      out.failed += 1;
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await a.fetch();
    } catch (err) {
      deps.logger.warn({ err, messageId: opts.messageId }, 'attachment fetch failed');
      out.failed += 1;
      continue;
    }
    if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES) {
      out.failed += 1;
      continue;
    }
    // The name is ours and the extension follows the bytes, never the sender's name or label (issue 12).
    const type = sniffFileType(bytes) ?? UNKNOWN_FILE;
    if (type === UNKNOWN_FILE) deps.logger.warn({ messageId: opts.messageId, mime: a.mime }, 'attachment is not a known file type; kept as .bin');
    const file = `${randomUUID()}${type.ext}`;
    await writeFile(path.join(dir, file), bytes, { flag: 'wx' });
    const row = await deps.db.attachment.create({
      data: {
        claimId: opts.claimId,
        messageId: opts.messageId,
        kind: a.kind,
        mime: type.mime,
        name: a.name,
        location: `${folder}/${file}`,
        size: bytes.length,
        createdAt: deps.clock.now(),
      },
    });
    out.ids.push(row.id);
  }
  return out;
}

/** Links stored attachments to the claim they belong to. */
export async function linkAttachments(deps: Pick<CoreDeps, 'db'>, claimId: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await deps.db.attachment.updateMany({ where: { id: { in: ids }, claimId: null }, data: { claimId } });
  return r.count;
}
