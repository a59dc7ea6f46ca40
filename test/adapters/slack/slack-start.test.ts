import { describe, expect, it } from 'vitest';
import { raiseEscalation } from '../../../src/domain/escalations.ts';
import { fileWhistleblowReport } from '../../../src/domain/whistleblow.ts';
import type { TestApp } from '../../helpers/app.ts';
import { postSigned } from './signed.ts';
import { CH, slackWorld } from './world.ts';

async function conversationFor(app: TestApp, user: string) {
  const identity = await app.db.channelIdentity.create({ data: { channel: 'web', externalUserId: user } });
  return app.db.conversation.create({ data: { channel: 'web', identityId: identity.id, ref: { channel: 'web', externalUserId: user } } });
}

describe('starting Slack', () => {
  it('with startSlack(app) alone: verifies the token, mounts POST /slack/events and posts cards missed while Slack was off', async () => {
    const w = await slackWorld({
      selfRouted: true,
      beforeStart: async (app) => {
        const conv = await conversationFor(app, 'waiting-1');
        await raiseEscalation(app, { conversationId: conv.id, queue: 'claims', intent: 'claim_report', summary: '报案 BA20261130000001 需要人工' });
      },
    });
    try {
      expect(w.fake.of('auth.test')).toHaveLength(1);
      await w.settle();
      const cards = w.fake.of('chat.postMessage');
      // No claims channel configured: claims cards fall back to the general channel.
      expect(cards.map((c) => c.params.channel)).toEqual([CH.general]);
      const e = await w.app.db.escalation.findFirstOrThrow();
      expect(e.cardTs).toBeTruthy();
      const r = await postSigned(w.app.server, JSON.stringify({ type: 'url_verification', challenge: 'c1' }), 'application/json');
      expect(r.json()).toEqual({ challenge: 'c1' });
    } finally {
      await w.cleanup();
    }
  });

  it('never puts a compliance item in another channel when no compliance channel is configured', async () => {
    const w = await slackWorld({ env: { SLACK_CHANNEL_COMPLIANCE: '' } });
    try {
      const conv = await conversationFor(w.app, 'reporter-x');
      await fileWhistleblowReport(w.app, { conversationId: conv.id, subject: '某业务员', what: '代签名' });
      await w.settle();
      expect(w.fake.of('chat.postMessage')).toHaveLength(0);
      const e = await w.app.db.escalation.findFirstOrThrow({ where: { queue: 'compliance' } });
      expect(e.cardTs).toBeNull();
    } finally {
      await w.cleanup();
    }
  });
});
