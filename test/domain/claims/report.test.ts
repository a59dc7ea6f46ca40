import { afterEach, describe, expect, it } from 'vitest';
import { createClaimReport } from '../../../src/domain/claims/report.ts';
import { storeAttachments } from '../../../src/domain/claims/attachments.ts';
import { claimDeps } from './deps.ts';
import { seedCustomers } from './seed.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('filing a first notice of loss', () => {
  it('creates the claim, links photos, records the timeline and escalates to claims with masked data', async () => {
    const d = await claimDeps();
    cleanup = d.cleanup;
    const seed = await seedCustomers(d.db);
    const identity = await d.db.channelIdentity.create({ data: { channel: 'web', externalUserId: 'u1' } });
    const conv = await d.db.conversation.create({ data: { channel: 'web', identityId: identity.id, ref: {} } });
    const announced: unknown[] = [];
    d.events.on('escalation.created', (p) => void announced.push(p));
    const photos = await storeAttachments(d, {
      folder: conv.id,
      messageId: 'm1',
      attachments: [{ kind: 'image', name: 'a.jpg', fetch: async () => Buffer.from('a') }],
      alreadyStored: 0,
    });
    const claim = await createClaimReport(d, {
      policy: { policyId: seed.health.id, number: 'HL2024000002', line: 'health', product: '安心百万医疗险', customerId: seed.zhang.id, contactPhone: '13812345678' },
      conversationId: conv.id,
      channel: 'web',
      incidentAt: new Date('2026-11-28T12:00:00Z'),
      incidentText: '前天晚上8点',
      place: '上海',
      description: '骑车摔倒骨折，身份证110101199003074514，联系13911112222',
      injuries: '右臂骨折',
      hospital: '上海市第六人民医院',
      callbackPhone: '13812345678',
      attachmentIds: photos.ids,
    });
    expect(claim.number).toBe('BA20261130000001');
    expect(claim.description).toMatch(/上海市第六人民医院/);
    expect(await d.db.attachment.count({ where: { claimId: claim.id } })).toBe(1);
    expect(await d.db.interaction.count({ where: { kind: 'claim_report', customerId: seed.zhang.id, refId: claim.id } })).toBe(1);
    const esc = await d.db.escalation.findFirstOrThrow();
    expect(esc).toMatchObject({ queue: 'claims', intent: 'claim_report', refType: 'Claim', refId: claim.id });
    expect(esc.summary).toMatch(/健康险 HL2024000002/);
    expect(esc.summary).toMatch(/2026-11-28 20:00/);
    expect(esc.summary).toMatch(/张\*/);
    expect(esc.summary).toMatch(/138\*\*\*\*5678/);
    expect(esc.summary).toMatch(/110101\*{8}4514/);
    expect(esc.summary).not.toMatch(/13812345678|13911112222|110101199003074514|张伟/);
    expect(announced).toHaveLength(1);
  });
});
