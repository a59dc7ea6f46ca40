import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkAttachments, MAX_CLAIM_PHOTOS, storeAttachments } from '../../../src/domain/claims/attachments.ts';
import { claimDeps } from './deps.ts';
import { seedCustomers } from './seed.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const img = (name: string | undefined, bytes: string, mime = 'image/jpeg') => ({ kind: 'image' as const, name, mime, fetch: async () => Buffer.from(bytes, 'latin1') });

describe('claim attachments', () => {
  it('stores the bytes under <dir>/<folder>/ with a row each, and links them to the claim later', async () => {
    const d = await claimDeps();
    cleanup = d.cleanup;
    const seed = await seedCustomers(d.db);
    const jpeg = '\xff\xd8\xff\xe0aaa';
    const png = '\x89PNG\r\n\x1a\nbbb';
    const out = await storeAttachments(d, { folder: 'conv1', messageId: 'm1', attachments: [img('scene.JPG', jpeg), img(undefined, png, 'image/png')], alreadyStored: 0 });
    expect(out.failed).toBe(0);
    const rows = await Promise.all(out.ids.map((id) => d.db.attachment.findUniqueOrThrow({ where: { id } })));
    // Generated names; the extension and MIME type follow the bytes.
    expect(rows.map((r) => r.location)).toEqual([expect.stringMatching(/^conv1\/[0-9a-f-]{36}\.jpg$/), expect.stringMatching(/^conv1\/[0-9a-f-]{36}\.png$/)]);
    expect(rows.map((r) => r.mime)).toEqual(['image/jpeg', 'image/png']);
    expect(readFileSync(path.join(d.dir, rows[0].location), 'latin1')).toBe(jpeg);
    expect(rows.map((r) => r.size)).toEqual([7, 11]);
    const claim = await d.db.claim.create({ data: { number: 'BA20261130000001', policyId: seed.auto.id, customerId: seed.zhang.id, line: 'auto', description: 'x' } });
    expect(await linkAttachments(d, claim.id, out.ids)).toBe(2);
    expect(await d.db.attachment.count({ where: { claimId: claim.id } })).toBe(2);
  });

  it('counts fetch failures, empty files and photos over the limit instead of throwing', async () => {
    const d = await claimDeps();
    cleanup = d.cleanup;
    const broken = { kind: 'image' as const, name: 'x.jpg', fetch: async (): Promise<Buffer> => Promise.reject(new Error('expired')) };
    const out = await storeAttachments(d, { folder: 'c', messageId: 'm', attachments: [broken, img('e.jpg', ''), img('ok.jpg', 'ok')], alreadyStored: 0 });
    expect(out).toMatchObject({ failed: 2 });
    expect(out.ids).toHaveLength(1);
    const full = await storeAttachments(d, { folder: 'c', messageId: 'm2', attachments: [img('a.jpg', 'a')], alreadyStored: MAX_CLAIM_PHOTOS });
    expect(full).toEqual({ ids: [], failed: 1 });
  });

  it('never writes outside the attachment folder', async () => {
    const d = await claimDeps();
    cleanup = d.cleanup;
    const out = await storeAttachments(d, { folder: '../../etc', messageId: '../m', attachments: [img('../../x.sh', 'x')], alreadyStored: 0 });
    const row = await d.db.attachment.findUniqueOrThrow({ where: { id: out.ids[0] } });
    expect(row.location).not.toContain('..');
    expect(existsSync(path.join(d.dir, row.location))).toBe(true);
  });
});
