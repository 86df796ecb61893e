import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let adminCookie: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const admin = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
  adminCookie = await loginAs(app, admin);
});

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, payload });

describe('user administration', () => {
  it('creates a user, grants a grid worker role at a grid, and records both in the audit log', async () => {
    const res = await call('POST', '/api/users', adminCookie, {
      username: `wang_${Date.now()}`,
      displayName: '王网格',
      password: 'a-long-password',
      phone: '13912345678',
    });
    expect(res.statusCode).toBe(201);
    const user = res.json().data;
    const granted = await call('POST', `/api/users/${user.id}/grants`, adminCookie, {
      role: 'grid_worker',
      orgNodeId: t.grids[2]!.id,
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().data.grants).toMatchObject([{ role: 'grid_worker', scopeCode: t.grids[2]!.code }]);
    const audit = await call('GET', `/api/audit?entityId=${user.id}`, adminCookie);
    expect(audit.json().data.map((a: { action: string }) => a.action)).toEqual([
      'grant.create',
      'user.create',
    ]);
    const detail = await call('GET', `/api/org/nodes/${t.grids[2]!.id}`, adminCookie);
    expect(detail.json().data.gridWorkers).toEqual([{ id: user.id, name: '王网格', phone: '13912345678' }]);
  });

  it('refuses a grid worker granted a community, with 400 GRANT_SCOPE_INVALID, and stores nothing', async () => {
    const u = await createUserWith(db, 'resident', {}, t.district.code);
    const res = await call('POST', `/api/users/${u.id}/grants`, adminCookie, {
      role: 'grid_worker',
      orgNodeId: t.communities[0]!.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('GRANT_SCOPE_INVALID');
    const n = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from grants where user_id = ${u.id}`,
    );
    expect(n!.n).toBe(0);
  });

  it('answers 409 for a taken username and 400 for a malformed one', async () => {
    const u = await createUserWith(db, 'resident', {}, t.district.code);
    const taken = await call('POST', '/api/users', adminCookie, {
      username: u.username.toUpperCase(),
      displayName: 'x',
      password: 'long-enough-pw',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('USERNAME_TAKEN');
    const bad = await call('POST', '/api/users', adminCookie, {
      username: 'a b',
      displayName: 'x',
      password: 'short',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['body/username', 'body/password']),
    );
  });

  it('lists only users within the caller’s grants', async () => {
    const other = await createTenant(db);
    const outsider = await createUserWith(
      db,
      'dispatcher',
      { orgNodeId: other.district.id },
      other.district.code,
    );
    const mine = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.district.code);
    const streetStaff = await createUserWith(
      db,
      'street_staff',
      { orgNodeId: t.streets[1]!.id },
      t.streets[1]!.code,
    );
    const list = (await call('GET', '/api/users?limit=200', adminCookie)).json().data as { id: string }[];
    expect(list.map((u) => u.id)).toContain(mine.id);
    expect(list.map((u) => u.id)).not.toContain(outsider.id);
    // street staff of street 2 see neither the street-1 grid worker nor the other district
    const cookie = await loginAs(app, streetStaff);
    const theirs = (await call('GET', '/api/users?limit=200', cookie)).json().data as { id: string }[];
    expect(theirs.map((u) => u.id)).toEqual([streetStaff.id]);
    expect((await call('GET', `/api/users/${mine.id}`, cookie)).statusCode).toBe(404);
    // and they may not create users
    const create = await call('POST', '/api/users', cookie, {
      username: 'someone_new',
      displayName: 'x',
      password: 'long-enough-pw',
    });
    expect(create.statusCode).toBe(403);
  });

  it('resets a password (old sessions end) and keeps the before/after of profile changes', async () => {
    const u = await createUserWith(db, 'leader', { orgNodeId: t.district.id }, t.district.code);
    const cookie = await loginAs(app, u);
    const res = await call('PATCH', `/api/users/${u.id}`, adminCookie, {
      displayName: '新名字',
      password: 'brand-new-password',
    });
    expect(res.statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(401);
    const row = await one<{ before: object; after: object }>(
      db,
      sql`select before, after from audit_log where entity_id = ${u.id} and action like 'user.update%' order by id desc limit 1`,
    );
    expect(row).toEqual({ before: { displayName: '测试leader' }, after: { displayName: '新名字' } });
  });

  it('lets a street’s administrator change only users whose every grant lies in that street', async () => {
    const streetAdmin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: t.streets[0]!.id }, t.streets[0]!.code),
    );
    // lives in the street, but holds a district-wide grant: taking over the account would reach the district
    const wide = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.streets[0]!.code);
    const local = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.streets[0]!.code);
    const reset = { password: 'taken-over-password' };
    const refused = await call('PATCH', `/api/users/${wide.id}`, streetAdmin, reset);
    expect(refused.statusCode).toBe(403);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: wide.username, password: wide.password },
    });
    expect(login.statusCode).toBe(200);
    expect((await call('PATCH', `/api/users/${local.id}`, streetAdmin, reset)).statusCode).toBe(200);
    expect(
      (await call('PATCH', `/api/users/${wide.id}`, adminCookie, { displayName: '调度员' })).statusCode,
    ).toBe(200);
  });

  it('keeps a phone masked in the audit log, on creation and on change', async () => {
    const res = await call('POST', '/api/users', adminCookie, {
      username: `phone_${Date.now()}`,
      displayName: '李电话',
      password: 'a-long-password',
      phone: '13912345678',
    });
    const id = res.json().data.id as string;
    await call('PATCH', `/api/users/${id}`, adminCookie, { phone: '13800002222' });
    const audit = (await call('GET', `/api/audit?entityId=${id}`, adminCookie)).json().data as {
      action: string;
      before: unknown;
      after: unknown;
    }[];
    expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'user.update', before: { phone: '139****5678' }, after: { phone: '138****2222' } },
      {
        action: 'user.create',
        before: null,
        after: { username: expect.any(String), displayName: '李电话', phone: '139****5678' },
      },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/13912345678|13800002222/);
  });

  it('revokes a grant', async () => {
    const u = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
    const detail = (await call('GET', `/api/users/${u.id}`, adminCookie)).json().data;
    const res = await call('DELETE', `/api/users/${u.id}/grants/${detail.grants[0].id}`, adminCookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.grants).toEqual([]);
  });
});

describe('audit log access', () => {
  it('is readable by administrators only', async () => {
    const worker = await createUserWith(
      db,
      'community_staff',
      { orgNodeId: t.communities[0]!.id },
      t.district.code,
    );
    const res = await call('GET', '/api/audit', await loginAs(app, worker));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('pages with a cursor and never shows another district’s rows', async () => {
    const page1 = (await call('GET', '/api/audit?limit=2', adminCookie)).json();
    expect(page1.data).toHaveLength(2);
    const page2 = (await call('GET', `/api/audit?limit=2&before=${page1.nextCursor}`, adminCookie)).json();
    expect(page2.data[0].id).toBeLessThan(page1.data[1].id);
    const all = (await call('GET', '/api/audit?limit=200', adminCookie)).json().data as {
      scopeCode: string;
    }[];
    expect(all.every((a) => a.scopeCode.startsWith(t.district.code))).toBe(true);
  });
});
