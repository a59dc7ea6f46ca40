/**
 * The conversation corpus format (see test/conversations/README.md): one YAML file per conversation, user turns plus
 * what a good human agent would do — replies, buttons, the flow reached, and the records stored (or not) at the end.
 */
import { z } from 'zod';
import { DEMO_IDENTITIES } from '../../../prisma/seed/demo-identities.ts';

/** The default clock of a conversation: Monday 2026-11-30 10:00 in Asia/Shanghai (office hours). */
export const DEFAULT_NOW = '2026-11-30T02:00:00Z';

/** A string starting and ending with `/` is a regular expression (no flags); anything else is a plain substring. */
export const isRegexPattern = (p: string): boolean => p.length >= 2 && p.startsWith('/') && p.endsWith('/');

const pattern = z
  .string()
  .min(1, { message: 'empty pattern' })
  .superRefine((p, ctx) => {
    if (!isRegexPattern(p)) return;
    try {
      new RegExp(p.slice(1, -1));
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression ${p}: ${(e as Error).message}` });
    }
  });
/** One pattern or a list of them; always read as a list. */
const patterns = z.union([pattern, z.array(pattern)]).transform((v) => (Array.isArray(v) ? v : [v]));

const turn = z
  .object({
    user: z.string().optional(),
    photo: z.boolean().optional(),
    reply: patterns.optional(),
    noReply: patterns.optional(),
    choice: patterns.optional(),
    /** Like noReply, for button labels: no button may match. */
    noChoice: patterns.optional(),
    flow: z.string().min(1).optional(),
    silent: z.boolean().optional(),
  })
  .strict()
  .refine((t) => t.user !== undefined || t.photo === true, { message: 'a turn needs `user` text or `photo: true`' });

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** `none` = no such record; `any` = at least one; a field map = some record matches every field. */
const recordExpect = z.union([z.literal('none'), z.literal('any'), z.record(z.string(), fieldValue)]);

const expectBlock = z
  .object({
    claim: recordExpect.optional(),
    complaint: recordExpect.optional(),
    serviceRequest: recordExpect.optional(),
    whistleblow: recordExpect.optional(),
    escalation: recordExpect.optional(),
    optOut: z.boolean().optional(),
    unanswered: z.union([z.literal('none'), z.literal('any')]).optional(),
  })
  .strict();

const demoNames = DEMO_IDENTITIES.map((d) => d.name) as [string, ...string[]];

export const conversationSchema = z
  .object({
    title: z.string().min(1),
    now: z
      .string()
      .refine((s) => !Number.isNaN(new Date(s).getTime()), { message: 'not an ISO date-time' })
      .optional(),
    customer: z.enum(demoNames).optional(),
    channel: z.enum(['web', 'wechat']).optional(),
    turns: z.array(turn).min(1),
    expect: expectBlock.optional(),
    knownFailure: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => c.expect !== undefined || c.turns.some((t) => t.reply || t.noReply || t.choice || t.noChoice || t.flow || t.silent !== undefined), {
    message: 'nothing is checked: add turn expectations (reply, noReply, choice, flow, silent) or an `expect` block',
  });

export type ConversationSpec = z.infer<typeof conversationSchema>;
export type TurnSpec = ConversationSpec['turns'][number];
export type RecordExpect = z.infer<typeof recordExpect>;
export type ExpectBlock = z.infer<typeof expectBlock>;
export type RecordKind = 'claim' | 'complaint' | 'serviceRequest' | 'whistleblow' | 'escalation';

/** A validated conversation with where it came from. */
export interface Conversation extends ConversationSpec {
  /** File name without `.yaml`. */
  id: string;
  /** The folder it lives in (claims, inquiry, ...). */
  group: string;
  /** Path of the file. */
  file: string;
}
