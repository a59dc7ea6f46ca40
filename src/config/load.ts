import { configSchema, type Config } from './schema.ts';

/** Thrown when the environment is invalid; `problems` lists each bad variable with what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment. Cross-field rules (e.g. Slack needs both token and secret) are checked here too. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = configSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join('.');
      const got = cleaned[name];
      problems.push(`${name}: ${issue.message}${got !== undefined ? ` (got "${got}")` : ''}`);
    }
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN)
    problems.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)');
  if ((c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN)
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  if (c.SLACK_BOT_TOKEN && !c.SLACK_CHANNEL_GENERAL)
    problems.push('SLACK_CHANNEL_GENERAL: required when Slack is on (the channel id escalations go to by default)');
  if (c.WECHAT_ENABLED && c.WECHATY_PUPPET === 'wechaty-puppet-service' && !c.WECHATY_PUPPET_SERVICE_TOKEN)
    problems.push('WECHATY_PUPPET_SERVICE_TOKEN: required when WECHATY_PUPPET=wechaty-puppet-service');
  if (problems.length) throw new ConfigError(problems);
  return c;
}

/** True when Slack should start. */
export const slackEnabled = (c: Config): boolean => Boolean(c.SLACK_BOT_TOKEN);
