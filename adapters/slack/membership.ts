import type { webApi } from '@slack/bolt';

type Client = InstanceType<typeof webApi.WebClient>;

/** How long a channel's member list is trusted before asking Slack again. */
export const MEMBERS_TTL_MS = 60_000;

/**
 * Who may act: members of the staff channels, read with `conversations.members` (all pages) and cached briefly so
 * a burst of button clicks costs one API call. Someone removed from the channel loses access within a minute.
 */
export class StaffMembership {
  private readonly cache = new Map<string, { members: Set<string>; until: number }>();

  constructor(
    private readonly client: Client,
    private readonly nowMs: () => number = Date.now,
  ) {}

  private async members(channel: string): Promise<Set<string>> {
    const hit = this.cache.get(channel);
    if (hit && hit.until > this.nowMs()) return hit.members;
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.client.conversations.members({ channel, limit: 1000, cursor });
      for (const m of page.members ?? []) members.add(m);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    this.cache.set(channel, { members, until: this.nowMs() + MEMBERS_TTL_MS });
    return members;
  }

  /** Whether `user` is a member of `channel`. */
  async isMember(user: string, channel: string): Promise<boolean> {
    return (await this.members(channel)).has(user);
  }

  /** Whether `user` is a member of at least one of `channels`. */
  async isMemberOfAny(user: string, channels: string[]): Promise<boolean> {
    for (const c of channels) if (await this.isMember(user, c)) return true;
    return false;
  }
}
