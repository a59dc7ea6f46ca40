import { fromShanghai, shanghaiDate } from '../domain/calendar/index.ts';
import { complaintDeadlineAlerts, OPEN_COMPLAINT_STATUSES } from '../domain/reminders/complaint-deadlines.ts';
import { fileStaffTask, staffTaskExists } from '../domain/reminders/staff-tasks.ts';
import { maskName } from '../domain/pii.ts';
import { t } from '../i18n/index.ts';
import { count, emptyResult, type JobDefinition } from './types.ts';

/**
 * Daily before office hours (and again after lunch): complaint deadlines due on the next working day or today
 * become `deadline_warning` tasks, passed ones `deadline_breach` tasks (plus a staff alert) — each once per
 * complaint, deadline and due date. Working days follow the official arrangement (calendar_missing is raised
 * by the runner when a year has no data).
 */
export const deadlinesJob: JobDefinition = {
  name: 'deadlines',
  description: 'Complaint deadlines: warn one working day before, flag breaches',
  schedule: '0 9,14 * * *',
  plans: false,
  summarise: 'when-active',
  async run(deps, opts) {
    const result = emptyResult();
    // A run for another day (`--date`, usually with --dry-run) looks at that day's morning.
    const now = opts.date === shanghaiDate(deps.clock.now()) ? deps.clock.now() : fromShanghai(opts.date, '09:00');
    const complaints = await deps.db.complaint.findMany({ where: { status: { in: OPEN_COMPLAINT_STATUSES } } });
    for (const c of complaints) {
      for (const alert of complaintDeadlineAlerts(deps.services.calendar, c, now)) {
        const breach = alert.status === 'breached';
        const name = breach ? 'breaches' : 'warnings';
        if (opts.dryRun) {
          if (!(await staffTaskExists(deps, alert.key))) count(result, name);
          continue;
        }
        const vars = {
          number: c.number,
          which: t('zh', `jobs:deadline.which.${alert.which}`),
          due: shanghaiDate(alert.due),
          name: maskName(c.complainantName),
          category: c.category,
        };
        const { task, created } = await fileStaffTask(deps, {
          key: alert.key,
          kind: breach ? 'deadline_breach' : 'deadline_warning',
          title: t('zh', breach ? 'jobs:deadline.breachTitle' : 'jobs:deadline.warningTitle', vars),
          detail: t('zh', 'jobs:deadline.detail', vars),
          customerId: c.customerId,
          refType: 'Complaint',
          refId: c.id,
          owner: 'complaints',
          dueAt: alert.due,
        });
        if (!created) continue;
        count(result, name);
        if (breach) deps.events.emit('staff.alert', { kind: 'deadline_breach', text: task.title });
      }
    }
    return result;
  },
};
