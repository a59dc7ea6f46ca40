import type { Config } from '../../src/config/schema.ts';

/** Which Slack channel (id) each queue's cards go to. */
export interface SlackChannels {
  general: string;
  claims?: string;
  complaints?: string;
  service?: string;
  /** Whistleblowing only; never falls back to another channel. */
  compliance?: string;
}

export function channelsFromConfig(config: Config): SlackChannels {
  if (!config.SLACK_CHANNEL_GENERAL) throw new Error('SLACK_CHANNEL_GENERAL is required when Slack is on');
  return {
    general: config.SLACK_CHANNEL_GENERAL,
    claims: config.SLACK_CHANNEL_CLAIMS,
    complaints: config.SLACK_CHANNEL_COMPLAINTS,
    service: config.SLACK_CHANNEL_SERVICE,
    compliance: config.SLACK_CHANNEL_COMPLIANCE,
  };
}

/**
 * The channel for a queue's cards. Compliance goes to its own channel only — when none is configured the item stays
 * on the staff page's Compliance tab (null), so a whistleblower's report never shows up in a general channel.
 */
export function channelForQueue(c: SlackChannels, queue: string): string | null {
  if (queue === 'compliance') return c.compliance ?? null;
  const own = (c as unknown as Record<string, string | undefined>)[queue];
  return own ?? c.general;
}

/** Every configured staff channel (membership of any of them lets someone use `/anxin`). */
export function staffChannelIds(c: SlackChannels): string[] {
  return [...new Set([c.general, c.claims, c.complaints, c.service, c.compliance].filter((x): x is string => Boolean(x)))];
}
