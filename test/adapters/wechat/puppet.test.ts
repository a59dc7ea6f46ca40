import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWeChat } from '../../../adapters/wechat/adapter.ts';
import { wechatyOptionsFromConfig } from '../../../adapters/wechat/puppet.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { AnxinError } from '../../../src/core/errors.ts';
import { createTestApp } from '../../helpers/app.ts';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anxin-wechat-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('puppet from configuration', () => {
  it('uses the free web-protocol puppet by default, with the session kept beside the data', async () => {
    const dir = await tempDir();
    const opts = wechatyOptionsFromConfig(loadConfig({ ANXIN_ATTACHMENT_DIR: path.join(dir, 'data', 'attachments') }));
    expect(opts).toEqual({ name: path.join(dir, 'data', 'wechat-session'), puppet: 'wechaty-puppet-wechat4u' });
  });

  it('passes the token to wechaty-puppet-service', async () => {
    const dir = await tempDir();
    const config = loadConfig({ ANXIN_ATTACHMENT_DIR: path.join(dir, 'att'), WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_padlocal_0123456789abcdef' });
    expect(wechatyOptionsFromConfig(config)).toMatchObject({ puppet: 'wechaty-puppet-service', puppetOptions: { token: 'puppet_padlocal_0123456789abcdef' } });
  });

  it('refuses wechaty-puppet-service without a token, saying which variable to set', async () => {
    const dir = await tempDir();
    const config = loadConfig({ ANXIN_ATTACHMENT_DIR: path.join(dir, 'att'), WECHATY_PUPPET: 'wechaty-puppet-service' });
    expect(() => wechatyOptionsFromConfig(config)).toThrow(AnxinError);
    expect(() => wechatyOptionsFromConfig(config)).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN/);
  });

  it('starts Wechaty with the puppet named in configuration and registers the adapter', async () => {
    const dir = await tempDir();
    const app = await createTestApp({ env: { WECHATY_PUPPET: 'wechaty-puppet-mock', ANXIN_ATTACHMENT_DIR: path.join(dir, 'data', 'attachments') } });
    cleanups.push(app.cleanup);
    const wechat = await startWeChat(app, { printQr: () => {} });
    cleanups.push(wechat.stop);
    expect(wechat.adapter.bot.puppet.constructor.name).toBe('PuppetMock');
    expect(app.adapters.get('wechat')).toBe(wechat.adapter);
    expect(existsSync(path.join(dir, 'data'))).toBe(true);
    // Not logged in yet: a send fails (delivery records it and retries), it does not hang.
    await expect(wechat.adapter.send({ channel: 'wechat', externalUserId: 'wxid_x' }, { text: 'hi' })).rejects.toThrow('WeChat is not logged in');
  });
});
