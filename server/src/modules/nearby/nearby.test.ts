import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { multipartBody, testImage } from '../photos/test-fixtures.ts';
import { maskNumbersIn } from './present-nearby.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

const here = () => gridCentre(w.t, 3);
const near = (d = 0.0003) => ({ lng: here().lng + d, lat: here().lat });
const nearby = async (radius = 500) => {
  const res = await app.inject({ url: `/api/nearby?lng=${here().lng}&lat=${here().lat}&radius=${radius}` });
  expect(res.statusCode).toBe(200);
  return res;
};
const ids = async () => (await nearby()).json().data.map((c: { id: number }) => c.id) as number[];

async function reportWithPhoto(): Promise<number> {
  const p = near(0.0005);
  const body = multipartBody(
    {
      source: 'resident',
      categoryCode: '05.02',
      description: '路灯杆倾斜',
      lat: String(p.lat),
      lng: String(p.lng),
    },
    [{ name: 'photos', data: await testImage('jpeg'), filename: 'a.jpg', type: 'image/jpeg' }],
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: w.resident, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode).toBe(201);
  return res.json().data.id;
}

describe('reports nearby', () => {
  it('shows anyone the public reports near a point, nearest first, without codes, sources or reporters', async () => {
    const far = (await report(app, w, w.resident, { location: near(0.002) })).json().data;
    const close = (
      await report(app, w, null, {
        location: near(),
        description: '井盖缺失 请联系13800001111',
        reporterPhone: '13912345678',
      })
    ).json().data;
    const res = await nearby();
    const list = res.json().data as { id: number; distanceM: number; description: string }[];
    expect(list.map((c) => c.id).indexOf(close.id)).toBeLessThan(list.map((c) => c.id).indexOf(far.id));
    expect(list.find((c) => c.id === close.id)?.description).toBe('井盖缺失 请联系138****1111');
    expect(res.body).not.toContain(close.trackingCode);
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toMatch(/"source"|reporter|trackingCode/);
    expect(Object.keys(list[0]!).sort()).toEqual(
      [
        'address',
        'category',
        'categoryCode',
        'closedAt',
        'description',
        'distanceM',
        'id',
        'lat',
        'lng',
        'photoId',
        'reportedAt',
        'state',
        'updatedAt',
      ].sort(),
    );
    // outside the radius
    expect((await nearby(100)).json().data.map((c: { id: number }) => c.id)).not.toContain(far.id);
  });

  it('leaves out internal sources, 市民文明行为, disputes, rejected reports', async () => {
    const leader = (await report(app, w, w.leader, { source: 'leader', location: near() })).json().data.id;
    const conduct = (await report(app, w, w.resident, { categoryCode: '09.02', location: near() })).json();
    const dispute = (await report(app, w, w.resident, { categoryCode: '12.02', location: near() })).json();
    const rejected = (await report(app, w, w.resident, { location: near() })).json().data.id;
    await ok(app, w.dispatcher, rejected, 'reject', { rejectReason: 'not_substantiated', reason: '不属实' });
    const listed = await ids();
    for (const id of [leader, conduct.data?.id, dispute.data?.id, rejected]) {
      expect(id).toBeTruthy();
      expect(listed).not.toContain(id);
    }
  });

  it('shows a photo only once staff of the area approved it', async () => {
    const id = await reportWithPhoto();
    const photo = await one<{ id: string }>(db, sql`select id::text from case_photos where case_id = ${id}`);
    const photoOf = async () =>
      ((await nearby()).json().data as { id: number; photoId: string | null }[]).find((c) => c.id === id)
        ?.photoId;
    expect(await photoOf()).toBeNull();
    const approve = (cookie: string, approved = true) =>
      app.inject({
        method: 'POST',
        url: `/api/photos/${photo!.id}/public-approval`,
        headers: { cookie },
        payload: { approved },
      });
    expect((await approve(w.leader)).statusCode).toBe(403);
    expect((await approve(w.otherUnit)).statusCode).toBe(404);
    expect((await approve(w.dispatcher)).statusCode).toBe(200);
    expect(await photoOf()).toBe(photo!.id);
    const staff = (await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } })).json();
    expect(staff.data.photos[0].publicApprovedAt).toBeTruthy();
    expect((await approve(w.dispatcher, false)).statusCode).toBe(200);
    expect(await photoOf()).toBeNull();
  });

  it('masks mobile and identity numbers typed into a description', () => {
    expect(maskNumbersIn('电话13800001111，身份证41160219800101123X')).toBe(
      '电话138****1111，身份证4116**********123X',
    );
  });
});

describe('grid outlines for the map picker', () => {
  it('gives anyone the names and outlines of the grids around a point, without codes or ids', async () => {
    const p = gridCentre(w.t, 0);
    const res = await app.inject({ url: `/api/public/grid-outlines?lng=${p.lng}&lat=${p.lat}&radius=500` });
    expect(res.statusCode).toBe(200);
    const fc = res.json() as {
      features: { properties: Record<string, unknown>; geometry: { type: string } }[];
    };
    expect(fc.features.map((f) => f.properties.name)).toContain(w.t.grids[0]!.name);
    expect(Object.keys(fc.features[0]!.properties)).toEqual(['name']);
    expect(fc.features[0]!.geometry.type).toMatch(/Polygon/);
    expect(res.body).not.toContain(w.t.grids[0]!.code);
  });

  it('tells whether a point lies in the platform’s grids, naming its community and grid, before a report is sent', async () => {
    const p = gridCentre(w.t, 0);
    const inside = await app.inject({ url: `/api/public/place?lng=${p.lng}&lat=${p.lat}` });
    expect(inside.statusCode).toBe(200);
    const grid = w.t.grids[0]!;
    const community = w.t.communities.find((c) => grid.code.startsWith(c.code))!;
    expect(inside.json().data).toEqual({
      inArea: true,
      area: {
        nameZh: grid.name.startsWith(community.name) ? grid.name : `${community.name} · ${grid.name}`,
        nameEn: expect.stringContaining(grid.name),
      },
    });
    expect(inside.body).not.toContain(grid.code);
    // far out at sea: outside every grid, so the form warns that it will be referred elsewhere
    const outside = await app.inject({ url: '/api/public/place?lng=150&lat=-40' });
    expect(outside.json().data).toEqual({ inArea: false, area: null });
    const bad = await app.inject({
      url: '/api/public/place?lng=200&lat=0',
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
