import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testConfig, testDatabase } from '../../../test/database.ts';
import { createUserWith, gridCentre, loginAs } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { signUp } from './commands/sign-up.ts';
import { DEFAULT_SETTINGS, servicePoints } from './config.ts';
import { signCheckCode } from './qr.ts';
import { makeVolunteer } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let admin: string;
let phone: string;
let me: { id: number };
const secret = testConfig().secretKey;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
  );
  const user = await createUserWith(
    db,
    'volunteer',
    { orgNodeId: w.t.communities[0]!.id },
    w.t.district.code,
  );
  phone = await loginAs(app, user);
  me = await makeVolunteer(db, w.t.grids[0]!, w.t.communities[0]!.code, { userId: user.id });
});

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const balance = async (id: number) =>
  (await one<{ points: number }>(db, sql`select points from volunteers where id = ${id}`))!.points;
const ledgerSum = async (id: number) =>
  (await one<{ s: number }>(
    db,
    sql`select coalesce(sum(delta), 0)::int as s from volunteer_points where volunteer_id = ${id}`,
  ))!.s;

async function activity(capacity: number, type = 'care') {
  const res = await call(w.community, 'POST', '/api/volunteers/activities', {
    orgCode: w.t.communities[0]!.code,
    title: '关爱空巢老人',
    typeCode: type,
    place: '幸福社区广场',
    location: gridCentre(w.t, 0),
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    capacity,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as { id: number };
}

describe('service hours', () => {
  it('computes hours × coefficient × points per hour, rounded half up', () => {
    expect(servicePoints(2.5, 1.5, DEFAULT_SETTINGS)).toBe(38);
    expect(servicePoints(2, 1, DEFAULT_SETTINGS)).toBe(20);
    expect(servicePoints(0.25, 1.2, { ...DEFAULT_SETTINGS, pointsPerHour: 1 })).toBe(0);
  });

  it('signs in by the signed code near the place, refuses far or forged codes, and pays verified hours once', async () => {
    const a = await activity(5);
    const code = signCheckCode(secret, a.id).code;
    const far = { lng: gridCentre(w.t, 0).lng + 0.05, lat: gridCentre(w.t, 0).lat };
    const tooFar = await call(phone, 'POST', '/api/volunteers/me/check', { code, ...far });
    expect(tooFar.json().error.code).toBe('VOLUNTEER_TOO_FAR');
    const forged = await call(phone, 'POST', '/api/volunteers/me/check', {
      code: `${code.slice(0, -2)}xx`,
      ...gridCentre(w.t, 0),
    });
    expect(forged.json().error.code).toBe('VOLUNTEER_QR_INVALID');
    const expired = signCheckCode(secret, a.id, Date.now() - 600_000).code;
    expect(
      (await call(phone, 'POST', '/api/volunteers/me/check', { code: expired, ...gridCentre(w.t, 0) }))
        .statusCode,
    ).toBe(400);
    const signIn = await call(phone, 'POST', '/api/volunteers/me/check', { code, ...gridCentre(w.t, 0) });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().data.direction).toBe('in');
    // a second scan right away is the same sign-in; two hours later it signs out
    expect(
      (await call(phone, 'POST', '/api/volunteers/me/check', { code, ...gridCentre(w.t, 0) })).json().data
        .direction,
    ).toBe('in');
    await db.execute(
      sql`update volunteer_signups set signed_in_at = now() - interval '2 hours' where activity_id = ${a.id}`,
    );
    expect(
      (await call(phone, 'POST', '/api/volunteers/me/check', { code, ...gridCentre(w.t, 0) })).json().data
        .direction,
    ).toBe('out');

    const detail = (await call(w.community, 'GET', `/api/volunteers/activities/${a.id}`)).json().data;
    expect(detail.signups).toHaveLength(1);
    const before = await balance(me.id);
    const verify = await call(w.community, 'POST', `/api/volunteers/activities/${a.id}/verify`, {
      items: [{ signupId: detail.signups[0].id, hours: 2.5 }],
    });
    expect(verify.json().data).toEqual({ verified: 1, points: 38 });
    const twice = await call(w.community, 'POST', `/api/volunteers/activities/${a.id}/verify`, {
      items: [{ signupId: detail.signups[0].id, hours: 8 }],
    });
    expect(twice.json().data).toEqual({ verified: 0, points: 0 });
    expect(await balance(me.id)).toBe(before + 38);
    expect(await ledgerSum(me.id)).toBe(await balance(me.id));
    const board = await call(
      w.community,
      'GET',
      `/api/volunteers/leaderboard?org=${w.t.communities[0]!.code}`,
    );
    expect(
      (await call(w.community, 'GET', `/api/volunteers/leaderboard?org=${w.t.streets[0]!.code}`)).statusCode,
    ).toBe(404);
    expect(board.json().data.find((l: { volunteerId: number }) => l.volunteerId === me.id)).toMatchObject({
      hours: 2.5,
    });
    // one month, the year (off the ordered totals) and a span across the new year (summed) agree
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const spans = [`&from=${month}&to=${month}`, '', `&from=${Number(month.slice(0, 4)) - 1}-12&to=${month}`];
    const points = await Promise.all(
      spans.map(async (q) => {
        const res = await call(
          w.community,
          'GET',
          `/api/volunteers/leaderboard?org=${w.t.communities[0]!.code}${q}`,
        );
        return res.json().data.find((l: { volunteerId: number }) => l.volunteerId === me.id)?.points;
      }),
    );
    expect(points).toEqual([38, 38, 38]);
    const mine = await call(phone, 'GET', '/api/volunteers/me');
    expect(mine.json().data.activities.find((x: { id: number }) => x.id === a.id).mine.hours).toBe(2.5);
  });

  it('never signs up beyond capacity, even all at once', async () => {
    const a = await activity(3);
    const vs = await Promise.all(
      Array.from({ length: 8 }, () => makeVolunteer(db, w.t.grids[1]!, w.t.communities[0]!.code)),
    );
    const results = await Promise.allSettled(vs.map((v) => signUp(db, a.id, { id: v.id, stage: 'active' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const n = await one<{ rows: number; counter: number }>(
      db,
      sql`select (select count(*)::int from volunteer_signups where activity_id = ${a.id}) as rows,
            (select signed_up from volunteer_activities where id = ${a.id}) as counter`,
    );
    expect(n).toEqual({ rows: 3, counter: 3 });
  });
});

describe('points for reports', () => {
  it('grants points when a volunteer’s report is filed, caps them per day, and reverses them on merge', async () => {
    const cap = await call(admin, 'PUT', '/api/volunteers/config', { reportDailyCap: 2, pointsPerReport: 5 });
    expect(cap.statusCode, cap.body).toBe(200);
    const start = await balance(me.id);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await report(app, w, phone, { description: `志愿者上报第${i}处路灯不亮，晚上很黑` });
      expect(r.statusCode, r.body).toBe(201);
      ids.push(r.json().data.id);
    }
    for (const id of ids) await ok(app, w.dispatcher, id, 'file');
    expect(await balance(me.id)).toBe(start + 10);
    const grants = await rows<{ caseId: number }>(
      db,
      sql`select case_id as "caseId" from volunteer_points where volunteer_id = ${me.id} and reason = 'report' order by id`,
    );
    expect(grants.map((g) => g.caseId)).toEqual([ids[0], ids[1]]);
    // merged into another case: the grant is taken back by a ledger row, once
    await ok(app, w.dispatcher, ids[1]!, 'merge', { masterId: ids[0] });
    expect(await balance(me.id)).toBe(start + 5);
    const reversal = await rows<{ delta: number }>(
      db,
      sql`select delta from volunteer_points where case_id = ${ids[1]} and reason = 'report_reversal'`,
    );
    expect(reversal).toEqual([{ delta: -5 }]);
    expect(await ledgerSum(me.id)).toBe(await balance(me.id));
  });
});

describe('the 爱心超市', () => {
  it('never overdraws a balance or a stock when redemptions come at once', async () => {
    const v = await makeVolunteer(db, w.t.grids[0]!, w.t.communities[0]!.code, { points: 50 });
    const goods = await call(w.community, 'POST', '/api/volunteers/goods', {
      orgCode: w.t.communities[0]!.code,
      name: '洗衣液',
      points: 20,
      stock: 10,
    });
    expect(goods.statusCode, goods.body).toBe(201);
    const gid = goods.json().data.id;
    const tries = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(w.community, 'POST', '/api/volunteers/redemptions', {
          volunteerId: v.id,
          goodsId: gid,
          quantity: 1,
        }),
      ),
    );
    expect(tries.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(tries.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toContain(
      'POINTS_INSUFFICIENT',
    );
    expect(await balance(v.id)).toBe(10);
    expect(await ledgerSum(v.id)).toBe(10);

    const scarce = await call(w.community, 'POST', '/api/volunteers/goods', {
      orgCode: w.t.communities[0]!.code,
      name: '大米',
      points: 1,
      stock: 1,
    });
    const rich = await Promise.all(
      [1, 2].map(() => makeVolunteer(db, w.t.grids[0]!, w.t.communities[0]!.code, { points: 5 })),
    );
    const both = await Promise.all(
      rich.map((r) =>
        call(w.community, 'POST', '/api/volunteers/redemptions', {
          volunteerId: r.id,
          goodsId: scarce.json().data.id,
          quantity: 1,
        }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const stock = await one<{ stock: number }>(
      db,
      sql`select stock from volunteer_goods where id = ${scarce.json().data.id}`,
    );
    expect(stock!.stock).toBe(0);
  });
});
