import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, gridCentre, loginAs } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let street1: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  street1 = await loginAs(
    app,
    await createUserWith(db, 'street_staff', { orgNodeId: w.t.streets[0]!.id }, w.t.district.code),
  );
});

/** A fresh report in grid `index` (0–3 lie in street 1, 4–7 in street 2). */
const reportIn = async (index: number) =>
  (await report(app, w, null, { location: gridCentre(w.t, index) })).json().data.id as number;

const eventCount = async (id: number) =>
  (await one<{ n: number }>(db, sql`select count(*)::int as n from case_events where case_id = ${id}`))!.n;

describe('merging', () => {
  it('refuses to merge into another street’s case exactly as into a case that does not exist', async () => {
    const mine = await reportIn(0);
    const theirs = await reportIn(4);
    const before = await eventCount(theirs);
    const intoTheirs = await act(app, street1, mine, 'merge', { masterId: theirs });
    const intoNothing = await act(app, street1, mine, 'merge', { masterId: 2_000_000_000 });
    expect(intoTheirs.statusCode).toBe(409);
    expect(intoTheirs.json()).toEqual(intoNothing.json());
    expect(intoTheirs.json().error.code).toBe('MERGE_TARGET_INVALID');
    // nothing changed on either side
    expect(await eventCount(theirs)).toBe(before);
    const row = await one<{ state: string; master: number | null }>(
      db,
      sql`select state, master_case_id as master from cases where id = ${mine}`,
    );
    expect(row).toEqual({ state: 'reported', master: null });

    const ownStreet = await reportIn(1);
    const merged = await ok(app, street1, mine, 'merge', { masterId: ownStreet });
    expect(merged.data).toMatchObject({ state: 'rejected', masterCaseId: ownStreet });
  });
});

describe('volunteers and residents', () => {
  it('gives a volunteer no staff view of their community’s cases, only the public view of their own', async () => {
    const volunteerUser = await createUserWith(
      db,
      'volunteer',
      { orgNodeId: w.t.communities[0]!.id },
      w.t.district.code,
    );
    const volunteer = await loginAs(app, volunteerUser);
    const other = await reportIn(0);
    await ok(app, w.dispatcher, other, 'file', { note: '内部备注：联系物业王经理' });
    const read = await app.inject({ url: `/api/cases/${other}`, headers: { cookie: volunteer } });
    expect(read.statusCode).toBe(404);
    const fire = await act(app, volunteer, other, 'dispatch', { unitId: w.t.unitId });
    expect(fire.statusCode).toBe(404);
    const list = await app.inject({ url: '/api/cases', headers: { cookie: volunteer } });
    expect(list.json().data.map((c: { id: number }) => c.id)).not.toContain(other);

    const own = (await report(app, w, volunteer)).json().data.id as number;
    const page = await app.inject({ url: `/api/cases/${own}`, headers: { cookie: volunteer } });
    expect(page.statusCode).toBe(200);
    // the tracking page's view: no staff timeline, no reporter block, no internal fields
    expect(page.json().data.events).toBeUndefined();
    expect(page.json().data.reporter).toBeUndefined();
    expect(page.json().data.reporterId).toBeUndefined();
    expect(page.json().abilities).toEqual([]);
  });
});

describe('unit KPIs', () => {
  it('lets a unit handler read their own unit’s KPIs, not another unit’s nor the area’s', async () => {
    const status = async (path: string, cookie: string) =>
      (await app.inject({ url: `/api/cases/${path}&from=2026-01-01&to=2026-01-31`, headers: { cookie } }))
        .statusCode;
    expect(await status(`kpis?unit=${w.t.unitId}`, w.unit)).toBe(200);
    expect(await status(`kpis?unit=${w.otherUnitId}`, w.unit)).toBe(404);
    expect(await status(`kpis?org=${w.t.district.code}`, w.unit)).toBe(403);
    expect(await status(`stats/trend?org=${w.t.district.code}`, w.unit)).toBe(403);
    expect(await status(`kpis?unit=${w.otherUnitId}`, w.leader)).toBe(200);
  });
});

describe('the API channel', () => {
  const token = async (role: 'integration' | 'dispatcher') => {
    const user = await createUserWith(db, role, { orgNodeId: w.t.district.id }, w.t.district.code);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: await loginAs(app, user) },
      payload: { name: '12345 对接' },
    });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json().data.token}` };
  };

  it('refuses source "api" without an Open311 key or a bearer token, and stores nothing', async () => {
    const count = async () =>
      (await one<{ n: number }>(db, sql`select count(*)::int as n from cases where source = 'api'`))!.n;
    const before = await count();
    const anonymous = await report(app, w, null, { source: 'api' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('API_KEY_REQUIRED');
    const console = await report(app, w, w.dispatcher, { source: 'api' }, { 'accept-language': 'zh-CN' });
    expect(console.statusCode).toBe(403);
    expect(console.json().error).toMatchObject({ code: 'API_KEY_REQUIRED', message: expect.any(String) });
    expect(await count()).toBe(before);
  });

  it('takes source "api", "hotline" and "device" from an integration account’s bearer token', async () => {
    const auth = await token('integration');
    for (const source of ['api', 'hotline', 'device']) {
      const res = await report(app, w, null, { source }, auth);
      expect([source, res.statusCode]).toEqual([source, 201]);
    }
    const id = (await report(app, w, null, { source: 'api' }, auth)).json().data.id;
    // the client reads back what it reported as the public sees it, and may fire nothing
    const page = await app.inject({ url: `/api/cases/${id}`, headers: auth });
    expect(page.statusCode).toBe(200);
    expect(page.json().abilities).toEqual([]);
    // the staff page's timeline (events with internal notes) and reporter block are not there
    expect(page.json().data.events).toBeUndefined();
    expect(page.json().data.reporter).toBeUndefined();
    expect((await report(app, w, null, { source: 'grid_patrol' }, auth)).statusCode).toBe(403);
    expect((await report(app, w, null, { source: 'api' }, await token('dispatcher'))).statusCode).toBe(201);
  });
});
