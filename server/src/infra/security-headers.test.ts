import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appsWithSettings, testDatabase } from '../../test/database.ts';
import { createTenant, createUserWith, type TestUser } from '../../test/factories.ts';
import type { Config } from './config.ts';
import { tileOrigin } from './security-headers.ts';

let webDist: string;
let user: TestUser;
const apps = appsWithSettings();

/** The real app with a minimal built console. */
const appWith = (overrides: Partial<Config> = {}) => apps.with({ webDist, ...overrides });

beforeAll(async () => {
  webDist = mkdtempSync(path.join(os.tmpdir(), 'cg-web-'));
  mkdirSync(path.join(webDist, 'm'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(webDist, 'm', 'index.html'), '<!doctype html><title>phone</title>');
  const { db } = await testDatabase();
  const t = await createTenant(db);
  user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
});

afterAll(async () => {
  await apps.closeAll();
  rmSync(webDist, { recursive: true, force: true });
});

/** The CSP as a map from directive to its sources. */
function csp(header: unknown): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('security headers', () => {
  it('protect the console, the phone pages, API answers and errors alike', async () => {
    const app = await appWith();
    for (const url of ['/', '/m/track', '/cases/12', '/healthz', '/api/auth/me', '/api/nothing-here']) {
      const res = await app.inject({ url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(res.headers['permissions-policy'], url).toContain('geolocation=(self)');
      const policy = csp(res.headers['content-security-policy']);
      expect(policy.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(policy.get('script-src'), url).toEqual(["'self'"]);
      expect(policy.get('object-src'), url).toEqual(["'none'"]);
      // plain http: no HSTS, no upgrading of requests that would then fail
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(policy.has('upgrade-insecure-requests'), url).toBe(false);
    }
  });

  it('let the console run: its worker, styles, images and API calls, and nothing from elsewhere', async () => {
    const policy = csp((await (await appWith()).inject({ url: '/' })).headers['content-security-policy']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('allow the base map’s tile server in img-src and connect-src when TILE_URL is set', async () => {
    const app = await appWith({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' });
    const policy = csp((await app.inject({ url: '/' })).headers['content-security-policy']);
    expect(policy.get('img-src')).toContain('https://tile.openstreetmap.org');
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://tile.openstreetmap.org']);
    expect(tileOrigin('http://t{s}.tianditu.gov.cn:8080/DataServer?T=vec_w&x={x}&y={y}&l={z}')).toBe(
      'http://*.tianditu.gov.cn:8080',
    );
  });

  it('give the API documentation its own policy', async () => {
    const app = await appWith({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' });
    const res = await app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('add HSTS and upgrade-insecure-requests only with an https PUBLIC_URL; the cookie is Secure over https', async () => {
    const login = (app: FastifyInstance, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers,
        payload: { username: user.username, password: user.password },
      });
    const https = await appWith({ publicUrl: 'https://grid.example.gov.cn' });
    const res = await login(https);
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(csp(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
    expect(res.cookies.find((c) => c.name === 'cg_session')?.secure).toBe(true);

    const http = await login(await appWith({ publicUrl: 'http://10.1.2.3:3000' }));
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(http.cookies.find((c) => c.name === 'cg_session')?.secure).toBeUndefined();

    // without PUBLIC_URL: Secure when a trusted proxy forwarded an https request, not when anyone claims it
    const secure = (res: { cookies: { name: string; secure?: boolean }[] }) =>
      res.cookies.find((c) => c.name === 'cg_session')?.secure ?? false;
    const forwardedHttps = { 'x-forwarded-proto': 'https' };
    expect(secure(await login(await appWith({ trustProxy: ['127.0.0.1'] }), forwardedHttps))).toBe(true);
    expect(secure(await login(await appWith(), forwardedHttps))).toBe(false);
  });
});
