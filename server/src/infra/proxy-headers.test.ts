import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appsWithSettings, testDatabase } from '../../test/database.ts';
import { createTenant, createUserWith, type TestUser } from '../../test/factories.ts';
import { type Db, one } from './db.ts';

let db: Db;
let user: TestUser;
const apps = appsWithSettings();

beforeAll(async () => {
  db = (await testDatabase()).db;
  const t = await createTenant(db);
  user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
});
afterAll(() => apps.closeAll());

/** Logs in through the app from 127.0.0.1 claiming X-Forwarded-For; returns the address stored for it. */
async function storedLoginAddress(app: FastifyInstance): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: '127.0.0.1',
    headers: { 'x-forwarded-for': '203.0.113.9' },
    payload: { username: user.username, password: user.password },
  });
  expect(res.statusCode).toBe(200);
  const row = await one<{ ip: string }>(
    db,
    sql`select ip from login_attempts where username = ${user.username} order by id desc limit 1`,
  );
  return row!.ip;
}

/** The endpoint URL Open311 discovery announces when asked with these headers. */
async function discoveryUrl(app: FastifyInstance, headers: Record<string, string>): Promise<string> {
  const res = await app.inject({ url: '/open311/v2/discovery.json', headers });
  expect(res.statusCode).toBe(200);
  return res.json().endpoints[0].url;
}

describe('forwarding headers count only from trusted proxies (TRUST_PROXY)', () => {
  it('stores the real peer address, not a forged X-Forwarded-For, by default', async () => {
    expect(await storedLoginAddress(await apps.with())).toBe('127.0.0.1');
  });

  it('ignores X-Forwarded-For from a peer that is not a listed proxy', async () => {
    expect(await storedLoginAddress(await apps.with({ trustProxy: ['10.0.0.1'] }))).toBe('127.0.0.1');
  });

  it('believes the listed proxy, a CIDR range or a hop count', async () => {
    expect(await storedLoginAddress(await apps.with({ trustProxy: ['127.0.0.1'] }))).toBe('203.0.113.9');
    expect(await storedLoginAddress(await apps.with({ trustProxy: ['127.0.0.0/8'] }))).toBe('203.0.113.9');
    expect(await storedLoginAddress(await apps.with({ trustProxy: 1 }))).toBe('203.0.113.9');
  });

  it('never puts a forged X-Forwarded-Host into absolute Open311 links', async () => {
    const forged = { host: 'grid.example.gov.cn', 'x-forwarded-host': 'evil.example' };
    expect(await discoveryUrl(await apps.with(), forged)).toBe('http://grid.example.gov.cn/open311/v2');
    // behind a trusted proxy the forwarded host is the real one
    const proxied = await apps.with({ trustProxy: ['127.0.0.1'] });
    expect(await discoveryUrl(proxied, { ...forged, 'x-forwarded-proto': 'https' })).toBe(
      'https://evil.example/open311/v2',
    );
  });

  it('builds absolute links from PUBLIC_URL when it is set, whatever the request says', async () => {
    const app = await apps.with({ publicUrl: 'https://grid.example.gov.cn', trustProxy: true });
    const url = await discoveryUrl(app, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    expect(url).toBe('https://grid.example.gov.cn/open311/v2');
  });
});
