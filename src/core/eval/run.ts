/**
 * Runs one corpus conversation through the real app: buildApp over its own SQLite copy of the demo data, the real
 * pipeline, NLU and flows, a fixed clock at the conversation's `now`. Every turn expectation and the final `expect`
 * block become {@link Check}s; nothing stops at the first failure, so a result explains everything that went wrong.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { DEMO_IDENTITIES } from '../../../prisma/seed/demo-identities.ts';
import type { InboundMessage } from '../channel.ts';
import { fixedClock } from '../clock.ts';
import { createCoreServices, type CoreServices } from '../core-services.ts';
import { readState } from '../dialogs/state.ts';
import { createLogger } from '../logger.ts';
import type { TurnResult } from '../pipeline.ts';
import { demoDatabase } from './demo-db.ts';
import { checkExpect } from './expect.ts';
import { matchesPattern } from './match.ts';
import { takeBaseline } from './records.ts';
import type { Check, ConversationResult } from './result.ts';
import { DEFAULT_NOW, type Conversation, type TurnSpec } from './schema.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** What every conversation of a run shares: configuration and the core services (the NLU is trained once). */
export interface EvalContext {
  config: Config;
  services: CoreServices;
}

/** Builds the shared context; `env` overrides configuration (paths default to the repository's kb/ and config/). */
export async function createEvalContext(env: Record<string, string> = {}): Promise<EvalContext> {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    ANXIN_KB_DIR: path.join(ROOT, 'kb'),
    ANXIN_HOLIDAYS_DIR: path.join(ROOT, 'config/holidays'),
    ...env,
  });
  return { config, services: await createCoreServices(config) };
}

/** A reply as the corpus sees it: its text, and its buttons' labels. */
interface SeenReply {
  text: string;
  choices: string[];
}
const show = (r: SeenReply) => (r.choices.length ? `${r.text} [${r.choices.join('|')}]` : r.text);

/** The checks of one turn's expectations against what the bot did. */
function turnChecks(spec: TurnSpec, replies: SeenReply[], flow: string): Omit<Check, 'turn' | 'user' | 'replies'>[] {
  const texts = replies.map((r) => r.text);
  const joined = texts.join('\n');
  const labels = replies.flatMap((r) => r.choices);
  const out: Omit<Check, 'turn' | 'user' | 'replies'>[] = [];
  for (const p of spec.reply ?? []) {
    const ok = texts.some((t) => matchesPattern(t, p)) || matchesPattern(joined, p);
    out.push({ ok, what: `reply ${p}`, detail: ok ? undefined : 'no reply matched' });
  }
  for (const p of spec.noReply ?? []) {
    const hit = texts.find((t) => matchesPattern(t, p));
    out.push({ ok: hit === undefined, what: `noReply ${p}`, detail: hit === undefined ? undefined : `a reply matched: ${JSON.stringify(hit)}` });
  }
  for (const p of spec.choice ?? []) {
    const ok = labels.some((l) => matchesPattern(l, p));
    out.push({ ok, what: `choice ${p}`, detail: ok ? undefined : `no button matched; buttons: ${labels.length ? labels.join(', ') : '(none)'}` });
  }
  for (const p of spec.noChoice ?? []) {
    const hit = labels.find((l) => matchesPattern(l, p));
    out.push({ ok: hit === undefined, what: `noChoice ${p}`, detail: hit === undefined ? undefined : `a button matched: ${JSON.stringify(hit)}` });
  }
  if (spec.flow !== undefined) {
    out.push({ ok: flow === spec.flow, what: `flow ${spec.flow}`, detail: flow === spec.flow ? undefined : `flow is ${flow}` });
  }
  if (spec.silent !== undefined) {
    const ok = spec.silent ? replies.length === 0 : replies.length > 0;
    out.push({ ok, what: spec.silent ? 'silent' : 'not silent', detail: ok ? undefined : spec.silent ? `the bot sent ${replies.length} replies` : 'the bot sent nothing' });
  }
  return out;
}

/** Runs one conversation; never throws for what the app does (a thrown error becomes a failed check). */
export async function runConversation(conv: Conversation, ctx: EvalContext): Promise<ConversationResult> {
  const started = performance.now();
  const now = conv.now ?? DEFAULT_NOW;
  const channel = conv.channel ?? 'web';
  const user = `eval-${conv.id}`;
  const checks: Check[] = [];
  const demo = await demoDatabase(now, ctx.config.ANXIN_ID_SECRET);
  const config = { ...ctx.config, ANXIN_ATTACHMENT_DIR: path.join(demo.dir, 'attachments') };
  const clock = fixedClock(now);
  const app = await buildApp({ db: demo.db, config, clock, logger: createLogger('silent'), services: ctx.services });
  try {
    const baseline = await takeBaseline(demo.db);
    if (conv.customer) {
      const code = DEMO_IDENTITIES.find((d) => d.name === conv.customer)!.code;
      const customer = await demo.db.customer.findUniqueOrThrow({ where: { code } });
      // As a successful verification leaves it: the identity linked and verified (engine setCustomer).
      await demo.db.channelIdentity.create({ data: { channel, externalUserId: user, customerId: customer.id, verifiedAt: clock.now() } });
    }
    let conversationId: string | undefined;
    for (const [i, spec] of conv.turns.entries()) {
      const userText = spec.photo ? `${spec.user ? `${spec.user} ` : ''}[photo]` : (spec.user ?? '');
      const inbound: InboundMessage = {
        channel,
        channelMessageId: `${user}-${i + 1}`,
        externalUserId: user,
        ref: { channel, externalUserId: user },
        kind: spec.photo ? 'image' : 'text',
        text: spec.user ?? '',
        ...(spec.photo
          ? { attachments: [{ kind: 'image' as const, name: `photo-${i + 1}.jpg`, mime: 'image/jpeg', fetch: async () => Buffer.from(`eval photo ${conv.id} ${i + 1}`) }] }
          : {}),
      };
      let result: TurnResult;
      try {
        result = await app.pipeline.handle(inbound);
      } catch (e) {
        checks.push({ ok: false, turn: i + 1, user: userText, what: 'turn ran', detail: `the app threw: ${(e as Error).message}`, replies: [] });
        continue;
      }
      conversationId = result.conversationId;
      const replies = result.replies.map((r) => ({ text: r.text, choices: (r.choices ?? []).map((c) => c.label) }));
      const row = await demo.db.conversation.findUnique({ where: { id: conversationId }, select: { dialogState: true } });
      const flow = readState(row?.dialogState).active?.flow ?? 'none';
      const shown = replies.map(show);
      for (const c of turnChecks(spec, replies, flow)) checks.push({ ...c, turn: i + 1, user: userText, ...(c.ok ? {} : { replies: shown }) });
    }
    if (conv.expect) checks.push(...(await checkExpect(demo.db, baseline, conv.expect, { channel, externalUserId: user, conversationId })));
  } catch (e) {
    checks.push({ ok: false, what: 'conversation ran', detail: `error: ${(e as Error).stack ?? String(e)}` });
  } finally {
    await app.close();
    await demo.cleanup();
  }
  return {
    id: conv.id,
    group: conv.group,
    file: conv.file,
    title: conv.title,
    passed: checks.every((c) => c.ok),
    ...(conv.knownFailure ? { knownFailure: conv.knownFailure } : {}),
    checks,
    ms: Math.round(performance.now() - started),
  };
}
