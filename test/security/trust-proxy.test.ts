import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Per-address rate limits and identity-check counters key on the client address: behind a reverse proxy it must
 * come from X-Forwarded-For (only from the configured proxy), and without one a forged header must change nothing.
 */
let app: TestApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

async function clientAddress(env: Record<string, string>, from: string, forwarded: string): Promise<string> {
  app = await createTestApp({ env });
  // A probe route added before the server starts: it reports the address every per-address limit uses.
  app.server.get('/__address', async (req) => ({ ip: req.ip }));
  const res = await app.server.inject({ method: 'GET', url: '/__address', remoteAddress: from, headers: { 'x-forwarded-for': forwarded } });
  return (res.json() as { ip: string }).ip;
}

describe('client address behind a reverse proxy (ANXIN_TRUST_PROXY)', () => {
  it('unset: a forged X-Forwarded-For is ignored', async () => {
    expect(await clientAddress({}, '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('set to the proxy: each visitor is seen with their own address', async () => {
    expect(await clientAddress({ ANXIN_TRUST_PROXY: '10.0.0.5' }, '10.0.0.5', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('a request that does not come through the configured proxy cannot claim another address', async () => {
    expect(await clientAddress({ ANXIN_TRUST_PROXY: '10.0.0.5' }, '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('a malformed value is refused at start with what it expects', () => {
    expect(() => loadConfig({ ANXIN_TRUST_PROXY: 'yes please' })).toThrow(/ANXIN_TRUST_PROXY/);
  });
});
