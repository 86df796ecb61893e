import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appsWithSettings, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type TestUser } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';

let db: Db;
let user: TestUser;
const apps = appsWithSettings();

beforeAll(async () => {
  db = (await testDatabase()).db;
  const t = await createTenant(db);
  user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
});
afterAll(() => apps.closeAll());

/** How many API tokens the user has: creating one is the state change these tests try. */
const tokens = async () =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from sessions where user_id = ${user.id} and kind = 'api'`,
  ))!.n;

function createToken(app: FastifyInstance, headers: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { host: 'grid.example.gov.cn', ...headers },
    payload: { name: 'csrf-test' },
  });
}

describe('cookie-authenticated state changes come from the console’s own origin', () => {
  it('refuses a foreign Origin, Sec-Fetch-Site or Referer with 403 ORIGIN_FORBIDDEN and changes nothing', async () => {
    const app = await apps.with();
    const cookie = await loginAs(app, user);
    const before = await tokens();
    const foreignHeaders: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site', origin: 'http://grid.example.gov.cn' },
      { 'sec-fetch-site': 'same-site' },
      { referer: 'https://evil.example/page' },
    ];
    for (const foreign of foreignHeaders) {
      const res = await createToken(app, { cookie, ...foreign });
      expect(res.statusCode, JSON.stringify(foreign)).toBe(403);
      expect(res.json().error).toEqual({
        code: 'ORIGIN_FORBIDDEN',
        message: '请求来源不被允许，请从本系统页面操作。',
      });
    }
    // the session was not ended by a forged logout either
    const logout = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(logout.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect(await tokens()).toBe(before);
  });

  it('accepts the console’s own pages, and requests with none of the headers (curl, servers)', async () => {
    const app = await apps.with();
    const cookie = await loginAs(app, user);
    const before = await tokens();
    const ownHeaders: Record<string, string>[] = [
      { origin: 'http://grid.example.gov.cn', 'sec-fetch-site': 'same-origin' },
      // behind a TLS-terminating proxy without PUBLIC_URL the scheme differs; the host is what counts
      { origin: 'https://grid.example.gov.cn' },
      { referer: 'http://grid.example.gov.cn/cases/12' },
      {},
    ];
    for (const own of ownHeaders) {
      expect((await createToken(app, { cookie, ...own })).statusCode, JSON.stringify(own)).toBe(201);
    }
    expect(await tokens()).toBe(before + 4);
  });

  it('compares with PUBLIC_URL’s origin when it is set, whatever the Host header says', async () => {
    const app = await apps.with({ publicUrl: 'https://grid.example.gov.cn' });
    const cookie = await loginAs(app, user);
    expect((await createToken(app, { cookie, origin: 'https://grid.example.gov.cn' })).statusCode).toBe(201);
    const viaHost = await createToken(app, { cookie, origin: 'http://grid.example.gov.cn' });
    expect(viaHost.statusCode).toBe(403);
    const forgedHost = await createToken(app, {
      cookie,
      host: 'evil.example',
      origin: 'https://evil.example',
    });
    expect(forgedHost.statusCode).toBe(403);
  });

  it('leaves bearer-token and anonymous requests alone: they carry no ambient credential', async () => {
    const app = await apps.with();
    const cookie = await loginAs(app, user);
    const created = await createToken(app, { cookie });
    const bearer = `Bearer ${created.json().data.token}`;
    // a token cannot mint its successor, so the bearer's state change here is marking notifications read
    const viaBearer = await app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { authorization: bearer, origin: 'https://client.example' },
    });
    expect(viaBearer.statusCode).toBe(200);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: user.username, password: 'wrong-password' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
