import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
});

const login = (username: string, password: string, lang = 'zh-CN') =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'accept-language': lang },
    payload: { username, password },
  });

describe('login', () => {
  it('opens a session in an httpOnly SameSite cookie and /me shows the grants', async () => {
    const user = await createUserWith(
      db,
      'community_staff',
      { orgNodeId: t.communities[0]!.id },
      t.district.code,
    );
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: `cg_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().data.grants).toMatchObject([
      { role: 'community_staff', scopeCode: t.communities[0]!.code },
    ]);
    expect(me.json().data.can).toMatchObject({ 'org.read': true, 'org.manage': false });
  });

  it('fails with 401 and a message in the caller’s language for a wrong password', async () => {
    const user = await createUserWith(db, 'leader', { orgNodeId: t.district.id }, t.district.code);
    const zh = await login(user.username, 'wrong-password');
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toEqual({
      code: 'LOGIN_FAILED',
      message: '用户名或密码错误。',
      details: { attemptsLeft: 4 },
    });
    const en = await login(user.username, 'wrong-password', 'en-US,en;q=0.9');
    expect(en.json().error.message).toBe('Wrong username or password.');
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await login('nobody-here-at-all', 'whatever-password');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('LOGIN_FAILED');
  });

  it('locks the account after 5 failed logins in 15 minutes, even for the right password', async () => {
    const user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
    for (let i = 0; i < 5; i++) expect((await login(user.username, `bad-${i}`)).statusCode).toBe(401);
    const locked = await login(user.username, user.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('LOGIN_LOCKED');
    // the lock lifts after its 15 minutes (moved into the past here instead of waiting)
    await db.execute(
      sql`update login_guards set locked_until = now() - interval '1 second',
            first_failure_at = first_failure_at - interval '16 minutes' where username = lower(${user.username})`,
    );
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('counts only failures since the last successful login', async () => {
    const user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
    for (let i = 0; i < 4; i++) await login(user.username, `bad-${i}`);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login(user.username, `bad-${i}`);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('rejects a malformed body with 400 and records nothing', async () => {
    const before = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from login_attempts where username = 'x'`,
    );
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const after = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from login_attempts where username = 'x'`,
    );
    expect(after!.n).toBe(before!.n);
  });
});

describe('sessions and tokens', () => {
  it('ends the session on logout', async () => {
    const user = await createUserWith(db, 'leader', { orgNodeId: t.district.id }, t.district.code);
    const cookie = await loginAs(app, user);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('issues bearer tokens for API clients, and a disabled account’s sessions stop working', async () => {
    const admin = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
    const user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
    const cookie = await loginAs(app, user);
    const created = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie },
      payload: { name: '12345 热线对接' },
    });
    expect(created.statusCode).toBe(201);
    const auth = { authorization: `Bearer ${created.json().data.token}` };
    expect((await app.inject({ url: '/api/auth/me', headers: auth })).statusCode).toBe(200);

    const adminCookie = await loginAs(app, admin);
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { cookie: adminCookie },
      payload: { disabled: true },
    });
    expect(off.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: auth })).statusCode).toBe(401);
    expect((await login(user.username, user.password)).json().error.code).toBe('USER_DISABLED');
  });

  it('tells concurrent requests apart: each session resolves to its own user and grants', async () => {
    const t = await createTenant(db);
    const nodes = [t.district, t.streets[0]!, t.communities[0]!, t.grids[0]!, t.grids[1]!];
    const roles = ['dispatcher', 'street_staff', 'community_staff', 'grid_worker', 'grid_worker'] as const;
    const users = await Promise.all(
      nodes.map((node, i) => createUserWith(db, roles[i]!, { orgNodeId: node.id }, t.district.code)),
    );
    const cookies = await Promise.all(users.map((u) => loginAs(app, u)));
    const seen = await Promise.all(
      [...cookies, ...cookies, 'cg_session=not-a-session'].map((cookie) =>
        app.inject({ url: '/api/auth/me', headers: { cookie } }),
      ),
    );
    for (const [i, res] of seen.slice(0, 10).entries()) {
      expect(res.statusCode).toBe(200);
      const me = res.json().data;
      expect(me.username).toBe(users[i % 5]!.username);
      expect(me.grants.map((g: { orgNodeId: number; role: string }) => [g.role, g.orgNodeId])).toEqual([
        [roles[i % 5], nodes[i % 5]!.id],
      ]);
    }
    expect(seen[10]!.statusCode).toBe(401);
  });
});
