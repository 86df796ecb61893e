import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import {
  CELL,
  createTenant,
  createUserWith,
  gridCentre,
  loginAs,
  type Tenant,
} from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { cellSize, MAP_FEATURE_LIMIT } from './map.ts';
import { insertCase, reportsTestApp } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
let resident: { id: string; cookie: string };
const ids: number[] = [];

type Feature = { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> };

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await reportsTestApp(db);
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  const user = await createUserWith(db, 'resident', {}, t.district.code);
  resident = { id: user.id, cookie: await loginAs(app, user) };
  for (const i of [0, 1, 2, 3, 4, 5]) {
    const { lng, lat } = gridCentre(t, i);
    const c = await insertCase(db, t, {
      grid: i,
      lngLat: [lng, lat],
      state: i < 3 ? 'reported' : 'dispatched',
      reporterId: i === 0 ? resident.id : null,
    });
    ids.push(c.id);
  }
  await insertCase(db, t, { grid: 6, lngLat: null });
});

const box = (x: Tenant) => [
  x.origin[0] - 0.001,
  x.origin[1] - 0.001,
  x.origin[0] + 4 * CELL,
  x.origin[1] + 2 * CELL,
];
const map = (cookie: string, query: string) =>
  app.inject({ url: `/api/cases/map?bbox=${box(t).join(',')}&${query}`, headers: { cookie } });

describe('case map', () => {
  it('returns case points with their properties at street zoom', async () => {
    const res = await map(admin, 'zoom=16');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'FeatureCollection',
      truncated: false,
      limit: MAP_FEATURE_LIMIT,
      clustered: false,
    });
    expect(body.features.map((f: Feature) => f.properties.id).sort()).toEqual([...ids].sort());
    const first = body.features.find((f: Feature) => f.properties.id === ids[0]);
    const { lng, lat } = gridCentre(t, 0);
    expect(first.geometry.coordinates[0]).toBeCloseTo(lng, 9);
    expect(first.geometry.coordinates[1]).toBeCloseTo(lat, 9);
    expect(first.properties).toMatchObject({ state: 'reported', categoryCode: '99.01', light: null });
    // staff know a case by its number; the tracking code is the reporter's credential
    expect(Object.keys(first.properties).sort()).toEqual(['categoryCode', 'id', 'light', 'state']);
    expect(JSON.stringify((await map(admin, 'zoom=10')).json())).not.toMatch(/"T[0-9A-F]{12}"/);
  });

  it('applies the list filters and the caller’s grants', async () => {
    const dispatched = (await map(admin, 'zoom=16&state=dispatched')).json();
    expect(dispatched.features.map((f: Feature) => f.properties.id).sort()).toEqual(ids.slice(3).sort());
    // the map is a staff view: a reporter's own case reaches them through the public view only
    const own = (await map(resident.cookie, 'zoom=16')).json();
    expect(own.features).toEqual([]);
    const part = await map(admin, 'zoom=16');
    const narrow = await app.inject({
      url: `/api/cases/map?zoom=16&bbox=${[t.origin[0], t.origin[1], t.origin[0] + CELL, t.origin[1] + CELL].join(',')}`,
      headers: { cookie: admin },
    });
    expect(narrow.json().features.map((f: Feature) => f.properties.id)).toEqual([ids[0]]);
    expect(part.json().features).toHaveLength(6);
  });

  it('clusters at low zoom into features that still add up to every point', async () => {
    const body = (await map(admin, 'zoom=5')).json();
    expect(body.clustered).toBe(true);
    // the tenant spans 0.04° and a zoom-5 cell 2.8°, so at most four cells hold its six points
    expect(body.features.length).toBeLessThanOrEqual(4);
    const total = body.features.reduce(
      (s: number, f: Feature) => s + (f.properties.cluster ? (f.properties.count as number) : 1),
      0,
    );
    expect(total).toBe(6);
    expect(body.features.some((f: Feature) => f.properties.cluster === true)).toBe(true);
  });

  it('caps the features and says so', async () => {
    const x = await createTenant(db);
    const xAdmin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: x.district.id }, x.district.code),
    );
    const { lng, lat } = gridCentre(x, 0);
    await insertCase(db, x, { lngLat: [lng, lat] });
    // the points spread 0.0005° from the centre on the side that stays in its zoom-10 cluster cell: the
    // tenant's origin is random, and now and then a cell's edge fell inside the spread (two clusters)
    const cell = cellSize(10);
    const step =
      Math.floor((lng + MAP_FEATURE_LIMIT * 1e-7) / cell) === Math.floor(lng / cell) ? 1e-7 : -1e-7;
    await db.execute(
      sql`insert into cases (tracking_code, source, category_code, state, description, location, grid_id, org_code)
          select 'M' || ${x.district.code} || '-' || g, 'grid_patrol', '99.01', 'reported', '批量',
            st_setsrid(st_makepoint(${lng}::float8 + g * ${step}::float8, ${lat}::float8), 4326), ${x.grids[0]!.id}, ${x.grids[0]!.code}
          from generate_series(1, ${MAP_FEATURE_LIMIT}) g`,
    );
    const url = `/api/cases/map?bbox=${box(x).join(',')}`;
    const near = (await app.inject({ url: `${url}&zoom=18`, headers: { cookie: xAdmin } })).json();
    expect(near.truncated).toBe(true);
    expect(near.features).toHaveLength(MAP_FEATURE_LIMIT);
    const far = (await app.inject({ url: `${url}&zoom=10`, headers: { cookie: xAdmin } })).json();
    expect(far.truncated).toBe(false);
    expect(far.features).toHaveLength(1);
    expect(far.features[0].properties).toEqual({ cluster: true, count: MAP_FEATURE_LIMIT + 1 });
  });

  it('refuses a box that is not one with 400', async () => {
    for (const bbox of ['1,2,3', '10,10,5,20', 'a,b,c,d', '0,0,200,10']) {
      const res = await app.inject({ url: `/api/cases/map?bbox=${bbox}`, headers: { cookie: admin } });
      expect(res.statusCode, bbox).toBe(400);
    }
  });
});
