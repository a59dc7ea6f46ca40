import type { Clock } from '../../core/clock.ts';
import type { AnxinEvents } from '../../core/events.ts';
import type { OutboundMessage } from '../../core/channel.ts';
import type { Db } from '../../db/client.ts';
import type { Complaint, ComplaintExtension } from '../../generated/sqlite/client.ts';
import { createWorkCalendar, type WorkCalendar } from '../calendar/index.ts';

/** Who brings the complaint (2020 rules, arts. 13–14). Heirs and legal guardians count as representatives. */
export const COMPLAINANT_ROLES = ['self', 'authorised_agent', 'third_party'] as const;
export type ComplainantRole = (typeof COMPLAINANT_ROLES)[number];

/** Statuses of the Complaint.status column. Open ones still run against their deadlines. */
export const OPEN_STATUSES = ['received', 'materials_requested', 'accepted'] as const;

/** What the complaint domain needs. `calendar` defaults to the packaged holiday data. */
export interface ComplaintDeps {
  db: Db;
  clock: Clock;
  events: AnxinEvents;
  calendar?: Partial<WorkCalendar>;
}

/** Sends a message to a conversation's customer (store + deliver), e.g. `app.delivery.send`. */
export type SendFn = (conversationId: string, channel: string, msg: OutboundMessage) => Promise<unknown>;

/** What staff-side complaint functions need: the domain deps plus a way to tell the customer. */
export interface ComplaintStaffDeps extends ComplaintDeps {
  send: SendFn;
}

export type ComplaintWithExtensions = Complaint & { extensions: ComplaintExtension[] };

let fallback: WorkCalendar | undefined;

/** The full working-day calendar behind a (possibly narrowed) calendar handle. */
export function workCalendarOf(c?: Partial<WorkCalendar>): WorkCalendar {
  if (c?.addWorkdays && c.isWorkday && c.workdaysBetween && c.hasDataFor && c.missingYears) return c as WorkCalendar;
  // Only reached when a caller wired no calendar: the packaged arrangements still know the 2026 holidays.
  fallback ??= createWorkCalendar();
  return fallback;
}
