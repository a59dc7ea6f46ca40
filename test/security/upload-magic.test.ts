import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAttachments as storeClaimPhotos } from '../../src/domain/claims/attachments.ts';
import { storeAttachments as storeMaterials } from '../../src/domain/complaints/materials.ts';
import { sniffFileType } from '../../src/domain/file-type.ts';
import { createTestApp } from '../helpers/app.ts';

/**
 * Issue 12, finding 8: an upload labelled image/png but holding HTML or PHP was stored with its .html/.php name.
 * The web chat now refuses a file whose first bytes are not a photo, and storage names every file itself with the
 * extension of what the bytes are (`.bin` when they are nothing known), whatever the sender called it.
 */
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');
const PHP = Buffer.from('<?php system($_GET["c"]); ?>');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);

describe('uploads checked by their bytes', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'anxin-upload-'));
    app = await createTestApp({ env: { ANXIN_ATTACHMENT_DIR: dir } });
  });
  afterAll(async () => {
    await app.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (name: string, bytes: Buffer, mime = 'image/png') =>
    app.server.inject({ method: 'POST', url: '/api/chat/upload', payload: { userId: 'uploader', text: '', attachments: [{ name, mime, dataBase64: bytes.toString('base64') }] } });

  it('refuses HTML and PHP labelled image/png from the web chat, storing nothing', async () => {
    for (const [name, bytes] of [['x.html', HTML], ['shell.php', PHP], ['photo.png', HTML]] as const) {
      const r = await upload(name, bytes);
      expect(r.statusCode, name).toBe(400);
      expect(r.json().error).toMatch(/not a photo/);
    }
    expect(await app.db.message.count({ where: { direction: 'in' } })).toBe(0);
    expect(readdirSync(dir, { recursive: true })).toEqual([]);
  });

  it('accepts a real PNG whatever its name says', async () => {
    expect((await upload('evil.php', PNG)).statusCode).toBe(200);
  });

  it('stores claim photos and complaint materials under generated names typed by their bytes', async () => {
    const deps = { db: app.db, clock: app.clock, config: { ...app.config, ANXIN_ATTACHMENT_DIR: dir }, logger: app.logger };
    const files = [
      { kind: 'image' as const, name: 'x.html', mime: 'image/png', fetch: async () => HTML },
      { kind: 'image' as const, name: 'shell.php', mime: 'image/png', fetch: async () => PHP },
      { kind: 'image' as const, name: 'evil.php', mime: 'image/gif', fetch: async () => PNG },
    ];
    const claim = await storeClaimPhotos(deps, { folder: 'conv-x', messageId: 'm-x', attachments: files, alreadyStored: 0 });
    const materials = await storeMaterials({ db: app.db, clock: app.clock, attachmentDir: dir }, 'complaints', 'm-y', files);
    for (const ids of [claim.ids, materials]) {
      const rows = await Promise.all(ids.map((id) => app.db.attachment.findUniqueOrThrow({ where: { id } })));
      expect(rows.map((r) => path.extname(r.location))).toEqual(['.bin', '.bin', '.png']);
      expect(rows.map((r) => r.mime)).toEqual(['application/octet-stream', 'application/octet-stream', 'image/png']);
      for (const r of rows) expect(path.basename(r.location)).toMatch(/^[0-9a-f-]{36}\.(bin|png)$/);
      expect(readFileSync(path.join(dir, rows[0].location))).toEqual(HTML);
    }
    expect(readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(html|php)$/.test(f))).toEqual([]);
  });

  it('recognises the signatures the product accepts', () => {
    const sig = (...b: number[]) => Buffer.from([...b, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(sniffFileType(sig(0xff, 0xd8, 0xff, 0xe1))?.mime).toBe('image/jpeg');
    expect(sniffFileType(PNG)?.mime).toBe('image/png');
    expect(sniffFileType(Buffer.from('GIF89a......'))?.mime).toBe('image/gif');
    expect(sniffFileType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))?.mime).toBe('image/webp');
    expect(sniffFileType(Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00', 'latin1'))?.mime).toBe('image/heic');
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))?.mime).toBe('application/pdf');
    expect(sniffFileType(HTML)).toBeUndefined();
    expect(sniffFileType(Buffer.alloc(0))).toBeUndefined();
  });
});
