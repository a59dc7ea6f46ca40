import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.ts';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('configuration', () => {
  it('has working defaults for the embedded quick start', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('file:./data/anxin.db');
    expect(c.PORT).toBe(3000);
    expect(c.ANXIN_TIMEZONE).toBe('Asia/Shanghai');
    expect(c.WECHAT_ENABLED).toBe(false);
  });

  it('reports every bad variable by name with what it expects', () => {
    const p = problems({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ANXIN_BUSINESS_HOURS: '9-18' });
    expect(p).toHaveLength(4);
    expect(p.find((x) => x.startsWith('PORT'))).toMatch(/port number.*eighty/);
    expect(p.find((x) => x.startsWith('DATABASE_URL'))).toMatch(/file:.*postgresql/);
    expect(p.find((x) => x.startsWith('LOG_LEVEL'))).toBeDefined();
    expect(p.find((x) => x.startsWith('ANXIN_BUSINESS_HOURS'))).toMatch(/HH:MM-HH:MM/);
  });

  it('checks variables that only make sense together', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SLACK_SIGNING_SECRET/), expect.stringMatching(/^SLACK_CHANNEL_GENERAL/)]),
    );
    expect(problems({ SLACK_BOT_TOKEN: 'nope', SLACK_SIGNING_SECRET: 's' })[0]).toMatch(/SLACK_BOT_TOKEN: .*xoxb-/);
    expect(problems({ WECHAT_ENABLED: 'true', WECHATY_PUPPET: 'wechaty-puppet-service' })[0]).toMatch(/WECHATY_PUPPET_SERVICE_TOKEN/);
    expect(problems({ WECHAT_ENABLED: 'maybe' })[0]).toMatch(/WECHAT_ENABLED: expected true or false/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '' }).PORT).toBe(3000);
  });

  it('exits non-zero with the list when the server starts with bad config', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
      env: { ...process.env, PORT: 'x', LOG_LEVEL: 'nope' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT: expected a port number/);
    expect(r.stderr).toMatch(/LOG_LEVEL/);
  });
});
