import { hasText, t, type Lang } from '../../i18n/index.ts';

/**
 * Small display helpers shared by the staff page and the Slack cards: times on Shanghai wall clocks (staff work in
 * China whatever the server's zone), ages and labels from the `staff` catalog.
 */

const timeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "11-30 10:05" in Asia/Shanghai. */
export function formatTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const parts = Object.fromEntries(timeFormat.formatToParts(new Date(d)).map((p) => [p.type, p.value]));
  return `${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A duration as staff read it: "12 分钟", "3 小时", "2 天". */
export function formatAge(lang: Lang, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t(lang, 'staff:age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(lang, 'staff:age.hours', { n: hours });
  return t(lang, 'staff:age.days', { n: Math.floor(hours / 24) });
}

/** The queue's name for staff. */
export const queueLabel = (lang: Lang, queue: string): string => (hasText(lang, `staff:queue.${queue}`) ? t(lang, `staff:queue.${queue}`) : queue);

/** An escalation's intent or reason for staff: "claim_report:needs_person" → "报案（需要人工）". */
export function intentLabel(lang: Lang, intent: string): string {
  const [base, detail] = intent.split(':');
  const name = hasText(lang, `staff:intent.${base}`) ? t(lang, `staff:intent.${base}`) : base;
  return detail ? t(lang, 'staff:intent.withDetail', { name, detail: hasText(lang, `staff:intentDetail.${detail}`) ? t(lang, `staff:intentDetail.${detail}`) : detail }) : name;
}

/** A named deadline ("acceptance", "decision", ...) for staff. */
export const deadlineLabel = (lang: Lang, name: string): string => (hasText(lang, `staff:deadline.${name}`) ? t(lang, `staff:deadline.${name}`) : name);
