import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { grantRole } from '../users/commands/grant-role.ts';

let app: FastifyInstance;
let t: Tenant;
let admin: string;

beforeAll(async () => {
  app = await testApp();
  const { db } = await testDatabase();
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
});

describe('responsible units', () => {
  it('creates a unit with owned categories and streets, lists it by category, and changes it', async () => {
    const code = `HW${t.district.code}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin },
      payload: {
        code,
        name: '环卫中心',
        type: 'department',
        categories: ['01', '01.01'],
        streetIds: [t.streets[0]!.id],
      },
    });
    expect(res.statusCode).toBe(201);
    const unit = res.json().data;
    expect(unit).toMatchObject({
      code,
      categories: ['01', '01.01'],
      streetIds: [t.streets[0]!.id],
      districtCode: t.district.code,
    });
    const byCategory = await app.inject({ url: '/api/units?category=01.01', headers: { cookie: admin } });
    expect(byCategory.json().data.map((u: { code: string }) => u.code)).toEqual([code]);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/units/${unit.id}`,
      headers: { cookie: admin },
      payload: { phone: '0394-1234567', categories: ['01'] },
    });
    expect(patched.json().data).toMatchObject({ phone: '0394-1234567', categories: ['01'] });
    const dup = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin },
      payload: { code, name: '重复', type: 'department', categories: [], streetIds: [] },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('rejects an unknown category code format and a non-street id with 400', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin },
      payload: { code: 'X1', name: 'x', type: 'department', categories: ['1.1'], streetIds: [] },
    });
    expect(bad.statusCode).toBe(400);
    const notStreet = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin },
      payload: {
        code: `X${t.district.code}`,
        name: 'x',
        type: 'department',
        categories: [],
        streetIds: [t.grids[0]!.id],
      },
    });
    expect(notStreet.statusCode).toBe(400);
    const list = await app.inject({ url: '/api/units', headers: { cookie: admin } });
    expect(list.json().data.map((u: { code: string }) => u.code)).not.toContain(`X${t.district.code}`);
  });

  it('refuses to link a unit to another district’s street, as a street it does not have', async () => {
    const { db } = await testDatabase();
    const other = await createTenant(db);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/units/${t.unitId}`,
      headers: { cookie: admin },
      payload: { streetIds: [other.streets[0]!.id] },
    });
    expect(res.statusCode).toBe(400);
    const unit = await app.inject({ url: '/api/units', headers: { cookie: admin } });
    const mine = unit.json().data.find((u: { id: number }) => u.id === t.unitId);
    expect(mine.streetIds).toEqual([]);
  });

  it('creates a unit in the district its caller administers whole, whatever the order of the caller’s grants', async () => {
    const { db } = await testDatabase();
    // first a street of this district, then the whole district: the unit goes to the district
    const user = await createUserWith(db, 'district_admin', { orgNodeId: t.streets[0]!.id }, t.district.code);
    await grantRole(db, null, user.id, { role: 'district_admin', orgNodeId: t.district.id });
    const code = `ST${t.district.code}`;
    const made = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: await loginAs(app, user) },
      payload: { code, name: '街道协管单位', type: 'department', categories: [], streetIds: [] },
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().data.districtCode).toBe(t.district.code);
    // a grant over one street alone creates nothing
    const streetOnly = await createUserWith(
      db,
      'district_admin',
      { orgNodeId: t.streets[0]!.id },
      t.district.code,
    );
    const refused = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: await loginAs(app, streetOnly) },
      payload: {
        code: `SX${t.district.code}`,
        name: '街道自建单位',
        type: 'department',
        categories: [],
        streetIds: [],
      },
    });
    expect(refused.statusCode).toBe(403);
    const list = await app.inject({ url: '/api/units', headers: { cookie: admin } });
    expect(list.json().data.map((u: { code: string }) => u.code)).not.toContain(`SX${t.district.code}`);
  });
});
