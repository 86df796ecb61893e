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

describe('settings the district shares', () => {
  it('are changed by a district’s administrator, not by one granted a single street', async () => {
    const streetAdmin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: t.streets[0]!.id }, t.district.code),
    );
    const name = `街道自建密钥${t.district.code}`;
    const changes = [
      { method: 'POST', url: '/api/open311/keys', payload: { name } },
      { method: 'GET', url: '/api/open311/keys' },
      { method: 'PUT', url: '/api/calendar/overrides/2097-03-04', payload: { isWorkday: false } },
      { method: 'PUT', url: '/api/calendar/hours', payload: { periods: [['00:00', '23:59']] } },
      { method: 'PATCH', url: '/api/categories/05.02', payload: { active: false } },
    ] as const;
    for (const c of changes) {
      const res = await app.inject({ ...c, headers: { cookie: streetAdmin } });
      expect([c.method, c.url, res.statusCode]).toEqual([c.method, c.url, 403]);
    }
    const key = await one(db, sql`select 1 from open311_keys where name = ${name}`);
    expect(key).toBeNull();
    const admin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
    );
    const list = await app.inject({ url: '/api/open311/keys', headers: { cookie: admin } });
    expect(list.statusCode).toBe(200);
  });
});
