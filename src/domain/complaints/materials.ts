import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { InboundAttachment } from '../../core/channel.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../db/client.ts';
import { shanghaiDate } from '../calendar/shanghai-time.ts';
import { sniffFileType, UNKNOWN_FILE } from '../file-type.ts';

/**
 * Keeps the files a customer sent (complaint materials, whistleblowing evidence): the bytes go under
 * `<attachmentDir>/<folder>/<yyyy-mm-dd>/<uuid>.<ext>` (`.bin` when the bytes are no known file type), and an
 * Attachment row (location relative to the attachment folder) points at them with the inbound message id. Files the channel cannot fetch keep the channel's location. Returns the
 * Attachment ids.
 */
export async function storeAttachments(
  deps: { db: Db; clock: Clock; attachmentDir: string },
  folder: string,
  messageId: string,
  attachments: InboundAttachment[],
): Promise<string[]> {
  const ids: string[] = [];
  const day = shanghaiDate(deps.clock.now());
  for (const a of attachments) {
    let location = a.location ?? `message:${messageId}`;
    let size = a.size;
    let mime = a.mime;
    if (a.fetch) {
      const bytes = await a.fetch();
      // Our own name, the extension from the file's signature (never the sender's name or label: issue 12), stored
      // relative to the attachment folder so the folder can move (like claim photos).
      const type = sniffFileType(bytes) ?? UNKNOWN_FILE;
      mime = type.mime;
      location = path.join(folder, day, `${randomUUID()}${type.ext}`);
      await mkdir(path.join(deps.attachmentDir, folder, day), { recursive: true });
      await writeFile(path.join(deps.attachmentDir, location), bytes);
      size = bytes.length;
    }
    const row = await deps.db.attachment.create({
      data: { messageId, kind: a.kind, mime, name: a.name, location, size, createdAt: deps.clock.now() },
    });
    ids.push(row.id);
  }
  return ids;
}
