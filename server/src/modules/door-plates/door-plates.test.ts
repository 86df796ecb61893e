import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, STREETLIGHT } from '../../../test/case-helpers.ts';
import { appsWithSettings, testDatabase } from '../../../test/database.ts';
import { createUserWith, loginAs, type TestUser } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { createHousehold } from '../visits/test-fixtures.ts';

const apps = appsWithSettings();
let app: FastifyInstance;
let unset: FastifyInstance;
let db: Db;
let w: CaseWorld;
let worker: TestUser;
let workerCookie: string;
let admin: string;
let building: string;

beforeAll(async () => {
  app = await apps.with({ publicUrl: 'https://grid.example.gov.cn' });
  unset = await apps.with({ publicUrl: null });
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  worker = await createUserWith(db, 'grid_worker', { orgNodeId: w.t.grids[2]!.id }, w.t.district.code);
  await db.execute(
    sql`update users set display_name = '王网格', phone = '13911112222' where id = ${worker.id}`,
  );
  workerCookie = await loginAs(app, worker);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
  );
  building = (
    await createHousehold(db, w.t.grids[2]!.id, {
      building: '5号楼',
      address: '5号楼1单元101室',
      residents: [],
    })
  ).buildingAddress;
});

afterAll(() => apps.closeAll());

const plates = (a: FastifyInstance, cookie: string, query: string) =>
  a.inject({ url: `/api/door-plates?${query}`, headers: { cookie, 'accept-language': 'zh-CN' } });
const setPhone = (cookie: string, id: string, publicPhone: string | null) =>
  app.inject({
    method: 'PUT',
    url: `/api/users/${id}/public-phone`,
    headers: { cookie },
    payload: { publicPhone },
  });

describe('door plates', () => {
  it('prints the grid worker’s published work phone, never the private one, and a QR code to report there', async () => {
    expect((await setPhone(workerCookie, worker.id, '0394-8123456')).statusCode).toBe(200);
    const res = await plates(app, workerCookie, `grid=${w.t.grids[2]!.code}`);
    expect(res.statusCode, res.body).toBe(200);
    const plate = res.json().data.find((p: { address: string }) => p.address === building);
    expect(plate).toMatchObject({
      name: '5号楼',
      gridCode: w.t.grids[2]!.code,
      gridName: w.t.grids[2]!.name,
    });
    expect(plate.workers).toEqual([{ name: '王网格', publicPhone: '0394-8123456' }]);
    expect(res.body).not.toContain('13911112222');
    const url = new URL(plate.reportUrl);
    expect(url.origin + url.pathname).toBe('https://grid.example.gov.cn/m/report');
    expect(url.searchParams.get('address')).toBe(building);
    expect(Number(url.searchParams.get('lng'))).toBeCloseTo(plate.location.lng, 5);
    expect(plate.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(plate.qr.split(',')[1], 'base64').toString()).toContain('<svg');
    // one building's plate alone
    const one = await plates(app, workerCookie, `building=${plate.id}`);
    expect(one.json().data.map((p: { id: number }) => p.id)).toEqual([plate.id]);
  });

  it('says clearly that PUBLIC_URL must be set, rather than printing a code that leads nowhere', async () => {
    const res = await plates(unset, workerCookie, `grid=${w.t.grids[2]!.code}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'PUBLIC_URL_UNSET' });
    expect(res.json().error.message).toContain('PUBLIC_URL');
  });

  it('shows another grid’s plates to no grid worker, and asks for a grid or a building', async () => {
    expect((await plates(app, w.gridWorker, `grid=${w.t.grids[2]!.code}`)).statusCode).toBe(404);
    expect((await plates(app, w.community, `grid=${w.t.grids[2]!.code}`)).statusCode).toBe(404);
    expect((await plates(app, w.dispatcher, `grid=${w.t.grids[2]!.code}`)).statusCode).toBe(403);
    expect((await plates(app, workerCookie, '')).statusCode).toBe(400);
  });

  it('lets an administrator set or withdraw a worker’s public phone, and no one else’s colleague', async () => {
    expect((await setPhone(admin, worker.id, null)).statusCode).toBe(200);
    const stored = await one<{ p: string | null }>(
      db,
      sql`select public_phone as p from users where id = ${worker.id}`,
    );
    expect(stored!.p).toBeNull();
    const audit = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'user.public_phone' and entity_id = ${worker.id}`,
    );
    expect(audit!.n).toBe(2);
    // a grid worker may not publish a colleague's phone
    expect((await setPhone(w.gridWorker, worker.id, '0394-8000000')).statusCode).toBe(404);
    expect((await setPhone(workerCookie, worker.id, 'call me')).statusCode).toBe(400);
    const mine = await app.inject({ url: '/api/door-plates/work-phone', headers: { cookie: workerCookie } });
    expect(mine.json().data).toEqual({ publicPhone: null });
  });
});

describe('a report from a door plate', () => {
  const report = (payload: object, lang = 'zh-CN') =>
    app.inject({ method: 'POST', url: '/api/cases', headers: { 'accept-language': lang }, payload });

  it('is placed at the plate’s building, with its address, when it carries no position or address', async () => {
    const b = await one<{ id: number; lng: number; lat: number }>(
      db,
      sql`select id, st_x(geom) as lng, st_y(geom) as lat from buildings where address = ${building}`,
    );
    const res = await report({
      categoryCode: STREETLIGHT,
      description: '门牌扫码：楼道灯坏了',
      buildingId: b!.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.orgCode).toBe(w.t.grids[2]!.code);
    const c = await one<{ address: string; lng: number; lat: number }>(
      db,
      sql`select address, st_x(location) as lng, st_y(location) as lat from cases where id = ${res.json().data.id}`,
    );
    expect(c).toEqual({ address: building, lng: b!.lng, lat: b!.lat });
  });

  it('refuses a building that does not exist, in the caller’s language, and opens no case', async () => {
    const res = await report(
      { categoryCode: STREETLIGHT, description: '门牌扫码：不存在的楼', buildingId: 2147483000 },
      'en-US',
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('no such building');
    const after = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from cases where description = '门牌扫码：不存在的楼'`,
    );
    expect(after!.n).toBe(0);
  });
});
