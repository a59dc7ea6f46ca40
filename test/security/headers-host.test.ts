import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportRoutes } from '../../src/web/report/routes.ts';
import { staffRoutes } from '../../src/web/staff/routes.ts';
import { createTestApp } from '../helpers/app.ts';
import { seedCustomers } from '../domain/claims/seed.ts';

/**
 * Issue 12, finding 8: the staff API answered any Host header (a DNS-rebinding page whose name resolves to 127.0.0.1
 * could read it), pages had no security headers, and /healthz showed customer and conversation counts to anyone.
 */
describe('security headers, staff Host allow-list, public /healthz', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let url: string;
  let port: string;
  beforeAll(async () => {
    app = await createTestApp({ routes: [staffRoutes(() => app), reportRoutes(() => app)], env: { ANXIN_PUBLIC_HOST: 'kefu.example.com' } });
    await seedCustomers(app.db);
    url = await app.listen(0, '127.0.0.1');
    port = new URL(url).port;
  });
  afterAll(async () => app.cleanup());

  /** A GET over real HTTP with a chosen Host header (fetch does not let a caller set Host). */
  const getWithHost = async (path: string, host: string) => {
    const http = await import('node:http');
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: Number(port), path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  };

  it('refuses the staff page, its API and the report under a foreign Host name (DNS rebinding)', async () => {
    for (const path of ['/staff', '/api/staff/escalations', '/staff/report']) {
      const rebound = await getWithHost(path, `attacker.example:${port}`);
      expect(rebound.status, path).toBe(403);
      expect(rebound.body).toMatch(/host name is not allowed/);
    }
    const post = await app.server.inject({ method: 'POST', url: '/api/staff/escalations/x/take', headers: { host: 'evil.test', 'x-anxin-staff': '1' }, payload: { actor: 'a' } });
    expect(post.statusCode).toBe(403);
  });

  it('serves the staff pages under localhost, 127.0.0.1, [::1] and the configured public host', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'kefu.example.com', 'LOCALHOST']) {
      expect((await getWithHost('/api/staff/escalations', host)).status, host).toBe(200);
    }
    // The public chat is not behind the allow-list.
    expect((await getWithHost('/', 'anything.example')).status).toBe(200);
  });

  it('sends security headers and a CSP whose script nonce matches the page script', async () => {
    for (const path of ['/', '/staff']) {
      const r = await fetch(url + path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      const html = await r.text();
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(html).not.toContain('__NONCE__');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // A fresh nonce on every response.
    const a = (await fetch(url)).headers.get('content-security-policy');
    const b = (await fetch(url)).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });

  it('answers /healthz with the status only', async () => {
    const r = await fetch(`${url}/healthz`);
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toEqual({ status: 'ok', database: { status: 'ok' } });
    expect(JSON.stringify(body)).not.toMatch(/customers|conversations|latency/);
  });
});
