import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { WechatyOptions } from 'wechaty';
import type { Config } from '../../src/config/schema.ts';
import { AnxinError } from '../../src/core/errors.ts';

/**
 * Wechaty options from configuration. `wechaty-puppet-service` (a paid or self-hosted protocol gateway, reached
 * with a token) is the one for production; `wechaty-puppet-wechat4u` (the web protocol, free but fragile and
 * refused for many accounts) is the default; `wechaty-puppet-mock` runs with no WeChat at all.
 * The session is kept in `<dir of ANXIN_ATTACHMENT_DIR>/wechat-session.memory-card.json`, so a restart of the
 * web-protocol puppet does not always need a new scan.
 */
export function wechatyOptionsFromConfig(config: Config): WechatyOptions {
  const dataDir = path.dirname(path.resolve(config.ANXIN_ATTACHMENT_DIR));
  mkdirSync(dataDir, { recursive: true });
  const name = path.join(dataDir, 'wechat-session');
  switch (config.WECHATY_PUPPET) {
    case 'wechaty-puppet-service':
      if (!config.WECHATY_PUPPET_SERVICE_TOKEN) {
        throw new AnxinError('wechat_token_missing', 'WECHATY_PUPPET=wechaty-puppet-service needs WECHATY_PUPPET_SERVICE_TOKEN (the token your puppet service provider gave you)');
      }
      return { name, puppet: 'wechaty-puppet-service', puppetOptions: { token: config.WECHATY_PUPPET_SERVICE_TOKEN } };
    case 'wechaty-puppet-mock':
      return { name, puppet: 'wechaty-puppet-mock' };
    default:
      return { name, puppet: 'wechaty-puppet-wechat4u' };
  }
}
