import type { types } from '@slack/bolt';
import { t, type Lang } from '../../src/i18n/index.ts';
import type { EscalationView } from '../../src/web/staff/escalation-view.ts';
import { deadlineLabel, formatAge, formatTime, intentLabel, queueLabel } from '../../src/web/staff/format.ts';
import { clip, esc, who } from './mrkdwn.ts';

type Block = types.KnownBlock;

/** Button action ids on the card; each button's value is the escalation id. */
export const ACTION = {
  take: 'anxin_take',
  reply: 'anxin_reply',
  handBack: 'anxin_hand_back',
  resolve: 'anxin_resolve',
} as const;

/** The reply modal's callback id and input ids. */
export const REPLY_MODAL = { callbackId: 'anxin_reply_modal', block: 'reply', input: 'text' } as const;

const CARD_TRANSCRIPT_LINES = 6;

function authorLabel(lang: Lang, author: string): string {
  if (author === 'customer') return t(lang, 'slack:card.who.customer');
  if (author === 'bot' || author === 'system') return t(lang, 'slack:card.who.bot');
  return who(author.replace(/^staff:/, ''));
}

/** The status line: open since…, taken by whom and when, closed by whom and when. */
export function statusLine(lang: Lang, v: EscalationView, now: Date): string {
  const created = t(lang, 'slack:card.status.open', { at: formatTime(v.createdAt), age: formatAge(lang, now.getTime() - new Date(v.createdAt).getTime()) });
  if (v.status === 'open') return created;
  if (v.status === 'taken') return t(lang, 'slack:card.status.taken', { who: who(v.takenBy), at: formatTime(v.takenAt) });
  return t(lang, `slack:card.status.${v.status === 'resolved' ? 'resolved' : 'handed_back'}`, { who: who(v.closedBy), at: formatTime(v.closedAt) });
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });

/**
 * The escalation card (Block Kit). Every personal detail comes already masked from the view; free text is escaped.
 * A confidential (compliance) card carries no customer, channel, policy or transcript at all.
 */
export function escalationCard(v: EscalationView, now: Date, lang: Lang = 'zh'): { text: string; blocks: Block[] } {
  const title = v.confidential
    ? t(lang, 'slack:card.headerConfidential', { queue: queueLabel(lang, v.queue), intent: intentLabel(lang, v.intent) })
    : t(lang, 'slack:card.header', { queue: queueLabel(lang, v.queue), intent: intentLabel(lang, v.intent) });
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: true } }];
  if (v.confidential) blocks.push(section(t(lang, 'slack:card.confidential')));
  else {
    const c = v.customer;
    const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: clip(`*${t(lang, `slack:card.field.${label}`)}*\n${value || '-'}`, 2000) });
    blocks.push({
      type: 'section',
      fields: [
        field('customer', c?.name ? esc(c.name) + (c.verified ? '' : ` ${t(lang, 'slack:card.unverified')}`) : t(lang, 'slack:card.unverified')),
        field('phone', esc(c?.phone ?? '')),
        field('idNumber', esc(c?.idNumber ?? '')),
        field('policy', esc(v.policies.join(', '))),
        field('channel', esc(v.channel ?? '')),
        field('intent', esc(intentLabel(lang, v.intent))),
      ],
    });
  }
  // A handoff's summary is often the latest lines themselves ("> …" / "< …"); then the transcript section says it.
  const summaryIsTranscript = !v.confidential && v.transcript.length > 0 && v.summary.split('\n').every((l) => /^[<>]\s/.test(l));
  if (!summaryIsTranscript) blocks.push(section(`*${t(lang, 'slack:card.summary')}*\n${esc(v.summary) || '-'}`));
  if (v.deadlines.length) {
    const lines = v.deadlines.map((d) => `• ${deadlineLabel(lang, d.name)}: ${formatTime(d.at)}${d.overdue ? ` ${t(lang, 'slack:card.overdue')}` : ''}`);
    blocks.push(section(`*${t(lang, 'slack:card.deadlines')}*\n${lines.join('\n')}`));
  }
  const lines = v.transcript.filter((m) => m.direction !== 'note').slice(-CARD_TRANSCRIPT_LINES);
  if (lines.length && !v.confidential) {
    const body = lines.map((m) => `${m.direction === 'in' ? '›' : '‹'} *${authorLabel(lang, m.author)}*: ${esc(clip(m.text.replace(/\s+/g, ' '), 300))}`);
    blocks.push(section(`*${t(lang, 'slack:card.transcript')}*\n${body.join('\n')}`));
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${statusLine(lang, v, now)} · ${t(lang, 'slack:card.ref', { ref: v.ref })}` }],
  });
  if (v.status === 'open' || v.status === 'taken') {
    const button = (id: string, label: string, style?: 'primary' | 'danger') => ({
      type: 'button' as const,
      action_id: id,
      value: v.id,
      text: { type: 'plain_text' as const, text: t(lang, `slack:button.${label}`), emoji: true },
      ...(style ? { style } : {}),
    });
    const elements = [
      ...(v.status === 'open' ? [button(ACTION.take, 'take', 'primary')] : []),
      button(ACTION.reply, 'reply'),
      button(ACTION.handBack, 'handBack'),
      {
        ...button(ACTION.resolve, 'resolve'),
        confirm: {
          title: { type: 'plain_text' as const, text: t(lang, 'slack:confirm.resolve.title') },
          text: { type: 'plain_text' as const, text: t(lang, 'slack:confirm.resolve.text') },
          confirm: { type: 'plain_text' as const, text: t(lang, 'slack:confirm.resolve.confirm') },
          deny: { type: 'plain_text' as const, text: t(lang, 'slack:confirm.resolve.deny') },
        },
      },
    ];
    blocks.push({ type: 'actions', block_id: 'anxin_actions', elements });
  }
  return { text: title, blocks };
}

/** The Reply modal: what staff type here, and only this, is sent to the customer. */
export function replyModal(v: EscalationView, lang: Lang = 'zh'): types.View {
  return {
    type: 'modal',
    callback_id: REPLY_MODAL.callbackId,
    private_metadata: v.id,
    title: { type: 'plain_text', text: t(lang, 'slack:modal.title') },
    submit: { type: 'plain_text', text: t(lang, 'slack:modal.submit') },
    close: { type: 'plain_text', text: t(lang, 'slack:modal.close') },
    blocks: [
      section(t(lang, 'slack:modal.context', { queue: queueLabel(lang, v.queue), intent: intentLabel(lang, v.intent), ref: v.ref, customer: esc(v.customer?.name || '-') })),
      {
        type: 'input',
        block_id: REPLY_MODAL.block,
        label: { type: 'plain_text', text: t(lang, 'slack:modal.label') },
        hint: { type: 'plain_text', text: t(lang, 'slack:modal.hint') },
        element: { type: 'plain_text_input', action_id: REPLY_MODAL.input, multiline: true, max_length: 2000 },
      },
    ],
  };
}
