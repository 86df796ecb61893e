import type { Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let other: Tenant;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  other = await createTenant(db);
});

const get = (url: string, cookie: string) => app.inject({ url, headers: { cookie } });

describe('org visibility follows grants', () => {
  it('a community worker sees only their community’s grids, plus the path above it', async () => {
    const worker = await createUserWith(
      db,
      'community_staff',
      { orgNodeId: t.communities[0]!.id },
      t.district.code,
    );
    const cookie = await loginAs(app, worker);
    const tree = (await get('/api/org/tree', cookie)).json().data as {
      code: string;
      ancestorOnly: boolean;
    }[];
    const codes = tree.map((n) => n.code);
    expect(codes).toEqual([
      t.district.code,
      t.streets[0]!.code,
      t.communities[0]!.code,
      t.grids[0]!.code,
      t.grids[1]!.code,
    ]);
    expect(tree.filter((n) => n.ancestorOnly).map((n) => n.code)).toEqual([
      t.district.code,
      t.streets[0]!.code,
    ]);
    const geo = (await get('/api/org/geojson?level=grid', cookie)).json();
    expect(geo.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      t.grids[0]!.code,
      t.grids[1]!.code,
    ]);
  });

  it('fails with 404 when a community worker asks for another community’s grid', async () => {
    const worker = await createUserWith(
      db,
      'community_staff',
      { orgNodeId: t.communities[0]!.id },
      t.district.code,
    );
    const cookie = await loginAs(app, worker);
    expect((await get(`/api/org/nodes/${t.grids[0]!.id}`, cookie)).statusCode).toBe(200);
    const res = await get(`/api/org/nodes/${t.grids[2]!.id}`, cookie);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await get(`/api/org/nodes/${other.grids[0]!.id}`, cookie)).statusCode).toBe(404);
    expect((await get(`/api/org/by-code/${t.grids[3]!.code}`, cookie)).statusCode).toBe(404);
  });

  it('a grid worker sees their own grid only, and another grid’s point is outside their grids', async () => {
    const gw = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.district.code);
    const cookie = await loginAs(app, gw);
    const tree = (await get('/api/org/tree', cookie)).json().data as {
      code: string;
      ancestorOnly: boolean;
    }[];
    expect(tree.filter((n) => !n.ancestorOnly).map((n) => n.code)).toEqual([t.grids[0]!.code]);
    const own = gridCentre(t, 0);
    expect((await get(`/api/org/locate?lat=${own.lat}&lng=${own.lng}`, cookie)).statusCode).toBe(200);
    const far = gridCentre(t, 5);
    expect((await get(`/api/org/locate?lat=${far.lat}&lng=${far.lng}`, cookie)).statusCode).toBe(404);
  });

  it('a district admin sees their whole district and nothing of another district', async () => {
    const admin = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
    const cookie = await loginAs(app, admin);
    const codes = ((await get('/api/org/tree', cookie)).json().data as { code: string }[]).map((n) => n.code);
    expect(codes).toHaveLength(15);
    expect(codes.every((c) => c.startsWith(t.district.code))).toBe(true);
    expect((await get(`/api/org/nodes/${other.district.id}`, cookie)).statusCode).toBe(404);
  });

  it('a unit handler reads the org tree of their unit’s district but cannot change it', async () => {
    const handler = await createUserWith(db, 'unit_handler', { unitId: t.unitId }, t.district.code);
    const cookie = await loginAs(app, handler);
    expect((await get(`/api/org/nodes/${t.grids[7]!.id}`, cookie)).statusCode).toBe(200);
    const res = await app.inject({
      method: 'POST',
      url: '/api/org/import',
      headers: { cookie },
      payload: { type: 'FeatureCollection', features: [] },
    });
    expect(res.statusCode).toBe(403);
  });

  it('shows grid workers’ phones only to those who administer users there, masked to everyone else', async () => {
    const worker = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[7]!.id }, t.district.code);
    await db.execute(sql`update users set phone = '13912345678' where id = ${worker.id}`);
    const phoneAs = async (role: Role, scope: { orgNodeId?: number; unitId?: number }) => {
      const cookie = await loginAs(app, await createUserWith(db, role, scope, t.district.code));
      const res = await get(`/api/org/nodes/${t.grids[7]!.id}`, cookie);
      expect(res.statusCode).toBe(200);
      const found = res.json().data.gridWorkers.find((g: { id: string }) => g.id === worker.id);
      return found.phone as string;
    };
    expect(await phoneAs('unit_handler', { unitId: t.unitId })).toBe('139****5678');
    expect(await phoneAs('grid_worker', { orgNodeId: t.grids[7]!.id })).toBe('139****5678');
    expect(await phoneAs('community_staff', { orgNodeId: t.communities[3]!.id })).toBe('13912345678');
    expect(await phoneAs('district_admin', { orgNodeId: t.district.id })).toBe('13912345678');
  });

  it('a resident has no org access and an anonymous caller gets 401', async () => {
    const resident = await createUserWith(db, 'resident', {}, t.district.code);
    const cookie = await loginAs(app, resident);
    expect((await get('/api/org/tree', cookie)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/org/tree' })).statusCode).toBe(401);
  });
});

describe('point lookup', () => {
  it('resolves a point to grid → community → street → district', async () => {
    const admin = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
    const cookie = await loginAs(app, admin);
    const p = gridCentre(t, 6);
    const res = await get(`/api/org/locate?lat=${p.lat}&lng=${p.lng}`, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({
      grid: { id: t.grids[6]!.id, code: t.grids[6]!.code, name: t.grids[6]!.name },
      community: { id: t.communities[3]!.id, code: t.communities[3]!.code, name: t.communities[3]!.name },
      street: { id: t.streets[1]!.id, code: t.streets[1]!.code, name: t.streets[1]!.name },
      district: { id: t.district.id, code: t.district.code, name: t.district.name },
      area: {
        nameZh: `${t.communities[3]!.name} · ${t.grids[6]!.name}`,
        nameEn: `${t.communities[3]!.name} · ${t.grids[6]!.name}`,
      },
    });
  });

  it('answers 404 OUTSIDE_GRIDS outside every grid and 400 for a location that is not a number', async () => {
    const admin = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
    const cookie = await loginAs(app, admin);
    const out = await get(`/api/org/locate?lat=${t.origin[1] - 0.5}&lng=${t.origin[0] - 0.5}`, cookie);
    expect(out.statusCode).toBe(404);
    expect(out.json().error.code).toBe('OUTSIDE_GRIDS');
    const bad = await get('/api/org/locate?lat=north&lng=114.6', cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await get('/api/org/locate?lat=95&lng=114.6', cookie)).statusCode).toBe(400);
  });
});
