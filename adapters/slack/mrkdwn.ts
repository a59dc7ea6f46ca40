/**
 * Slack mrkdwn escaping. Anything a customer or staff member typed is escaped before it goes into a message, so a
 * customer cannot ping `<!channel>` or forge links in the staff room.
 * https://api.slack.com/reference/surfaces/formatting#escaping
 */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Trims to Slack's block text limits with an ellipsis. */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** A staff member as Slack shows them: `<@U123>` for Slack users, the typed name for staff-page users. */
export const who = (actor: string | null | undefined): string => {
  if (!actor) return '';
  return /^[UW][A-Z0-9]{2,}$/.test(actor) ? `<@${actor}>` : esc(actor);
};
