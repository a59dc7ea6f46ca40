import { AnxinError } from '../../src/core/errors.ts';
import type { Db } from '../../src/db/client.ts';
import { hasText, t, type Lang } from '../../src/i18n/index.ts';
import { channelForQueue, staffChannelIds, type SlackChannels } from './channels.ts';
import type { StaffMembership } from './membership.ts';

export type Gate = { ok: true } | { ok: false; message: string };

/**
 * Who may do what from Slack. Acting on an escalation needs membership of the channel its card lives in (its queue's
 * channel) — so only the compliance channel's members touch compliance items; `/anxin` needs membership of any
 * configured staff channel.
 */
export class SlackAccess {
  constructor(
    private readonly db: Db,
    private readonly channels: SlackChannels,
    private readonly membership: StaffMembership,
    private readonly lang: Lang = 'zh',
  ) {}

  private refusal(): Gate {
    return { ok: false, message: t(this.lang, 'slack:refuse.notMember', { channels: staffChannelIds(this.channels).map((c) => `<#${c}>`).join(' ') }) };
  }

  /** May `user` act on this escalation? */
  async forEscalation(user: string, escalationId: string): Promise<Gate> {
    const e = await this.db.escalation.findUnique({ where: { id: escalationId }, select: { queue: true, cardChannel: true } });
    if (!e) return { ok: false, message: errorText(this.lang, new AnxinError('escalation_not_found', escalationId)) };
    const channel = e.queue === 'compliance' ? this.channels.compliance : (e.cardChannel ?? channelForQueue(this.channels, e.queue));
    if (!channel) return { ok: false, message: t(this.lang, 'slack:refuse.noChannel') };
    return (await this.membership.isMember(user, channel)) ? { ok: true } : this.refusal();
  }

  /** May `user` use `/anxin` at all? */
  async forStaff(user: string): Promise<Gate> {
    return (await this.membership.isMemberOfAny(user, staffChannelIds(this.channels))) ? { ok: true } : this.refusal();
  }

  /** Does `user` see compliance items in lists? */
  async seesCompliance(user: string): Promise<boolean> {
    return Boolean(this.channels.compliance) && (await this.membership.isMember(user, this.channels.compliance!));
  }
}

/** A domain error as a sentence for staff. */
export function errorText(lang: Lang, e: unknown): string {
  if (e instanceof AnxinError && hasText(lang, `slack:error.${e.code}`)) return t(lang, `slack:error.${e.code}`, { message: e.message });
  return t(lang, 'slack:error.generic', { message: e instanceof Error ? e.message : String(e) });
}
