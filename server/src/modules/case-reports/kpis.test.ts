import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { MARCH, seedMarch } from './kpi-fixtures.ts';
import { districtDay } from './period.ts';
import { createOtherUnit, insertCase, reportsTestApp } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let otherUnit: number;

let admin: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await reportsTestApp(db);
  t = await createTenant(db);
  otherUnit = await createOtherUnit(db, t);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  await seedMarch(db, t, otherUnit);
});

const kpis = (cookie: string, query: string) =>
  app.inject({ url: `/api/cases/kpis?${query}`, headers: { cookie } });

describe('case KPIs', () => {
  it('computes every rate of a community from the counters, with numerators and denominators', async () => {
    const res = await kpis(admin, `org=${t.communities[0]!.code}&${MARCH}`);
    expect(res.statusCode).toBe(200);
    const k = res.json().data;
    const r = (numerator: number, denominator: number) => ({
      numerator,
      denominator,
      rate: numerator / denominator,
    });
    expect(k.rates).toEqual({
      disposeRate: r(4, 5),
      disposeOnTimeRate: r(3, 5),
      closeRate: r(3, 5),
      closeOnTimeRate: r(1, 5),
      reworkRate: r(1, 4),
      accurateDispatchRate: r(3, 4),
      returnRate: r(2, 7),
      extensionRate: r(1, 7),
      satisfactionRate: r(2, 3),
      validReportRate: r(7, 8),
      missedReportRate: r(2, 7),
      dispatchOnTimeRate: r(6, 7),
      // closed in March: 1, 2, 5, 9; case 2 was rated dissatisfied
      resolveRate: r(3, 4),
      // reported in March: 9; responded (filed, dispatched or rejected): all dispatched ones, 7 (the seed
      // gives the rejected case 6 no rejection time, and 7 is undecided)
      responseRate: r(7, 9),
      // no later report of the same category near any of them
      recurrenceRate: { numerator: 0, denominator: 4, rate: 0 },
    });
    // handling minutes of the cases closed in March: 600, 900, 1200, 3000 → median 1050 min
    expect(k.medianHandlingHours).toBe(17.5);
    expect(k.handlingSample).toBe(4);
    expect(k.counts.reported).toBe(9);
    expect(k.counts.bySource).toEqual({ grid_patrol: 5, resident: 3, hotline: 1 });
    expect(k.counts.byState).toEqual({
      reported: 1,
      verifying: 0,
      filed: 0,
      dispatched: 2,
      pending_check: 1,
      closed: 3,
      rejected: 1,
      suspended: 1,
    });
    expect(k.counts.byTopCategory).toEqual([
      { code: '99', nameZh: '测试大类', nameEn: 'Test', count: 5 },
      { code: '98', nameZh: '测试大类二', nameEn: 'Test 2', count: 4 },
    ]);
    expect(k.counts.byCategory.map((c: { code: string; count: number }) => [c.code, c.count])).toEqual([
      ['98.01', 4],
      ['99.01', 3],
      ['99.02', 2],
    ]);
    expect(k.period).toMatchObject({
      from: '2024-03-01',
      to: '2024-03-31',
      start: '2024-02-29T16:00:00.000Z',
      end: '2024-03-31T16:00:00.000Z',
    });
  });

  it('gives null rates, not 0 or 1, for a period without cases', async () => {
    const res = await kpis(admin, `org=${t.district.code}&from=2023-01-01&to=2023-01-31`);
    expect(res.statusCode).toBe(200);
    const k = res.json().data;
    for (const ratio of Object.values(k.rates))
      expect(ratio).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(k.medianHandlingHours).toBeNull();
    expect(k.counts.reported).toBe(0);
    expect(k.counts.byCategory).toEqual([]);
  });

  it('counts a street’s subtree, which includes the sibling community the community leaves out', async () => {
    const street = (await kpis(admin, `org=${t.streets[0]!.code}&${MARCH}`)).json().data;
    expect(street.counts.reported).toBe(10);
    expect(street.rates.disposeRate).toMatchObject({ numerator: 5, denominator: 6 });
    expect(street.rates.closeOnTimeRate).toMatchObject({ numerator: 2, denominator: 6 });
    const sibling = (await kpis(admin, `org=${t.communities[1]!.code}&${MARCH}`)).json().data;
    expect(sibling.counts.reported).toBe(1);
    expect(sibling.rates.closeRate).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(sibling.medianHandlingHours).toBeCloseTo(100 / 60);
  });

  it('counts a unit’s cases, with returns charged to the unit first sent', async () => {
    const mine = (await kpis(admin, `unit=${t.unitId}&${MARCH}`)).json().data;
    expect(mine.rates.disposeRate).toMatchObject({ numerator: 5, denominator: 6 });
    // first sent to this unit in March: 1, 3, 4, 5, 8, 10 and 11; only 10 came back
    expect(mine.rates.returnRate).toMatchObject({ numerator: 1, denominator: 7 });
    const other = (await kpis(admin, `unit=${otherUnit}&${MARCH}`)).json().data;
    expect(other.rates.returnRate).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(other.rates.disposeRate.denominator).toBe(0);
  });

  it('lets a community see its own KPIs and answers 404 for a sibling, the street above and another district', async () => {
    const staff = await loginAs(
      app,
      await createUserWith(
        db,
        'community_staff',
        { orgNodeId: t.communities[0]!.id },
        t.communities[0]!.code,
      ),
    );
    expect((await kpis(staff, `org=${t.communities[0]!.code}&${MARCH}`)).statusCode).toBe(200);
    expect((await kpis(staff, `org=${t.grids[1]!.code}&${MARCH}`)).statusCode).toBe(200);
    expect((await kpis(staff, `org=${t.communities[1]!.code}&${MARCH}`)).statusCode).toBe(404);
    expect((await kpis(staff, `org=${t.streets[0]!.code}&${MARCH}`)).statusCode).toBe(404);
    const other = await createTenant(db);
    expect((await kpis(admin, `org=${other.district.code}&${MARCH}`)).statusCode).toBe(404);
    expect((await kpis(admin, `unit=${other.unitId}&${MARCH}`)).statusCode).toBe(404);
    expect((await kpis(admin, `org=${t.district.code}999999999&${MARCH}`)).statusCode).toBe(404);
  });

  it('lets a unit handler read its unit, and a resident nothing', async () => {
    const handler = await loginAs(
      app,
      await createUserWith(db, 'unit_handler', { unitId: t.unitId }, t.district.code),
    );
    expect((await kpis(handler, `unit=${t.unitId}&${MARCH}`)).statusCode).toBe(200);
    const resident = await loginAs(app, await createUserWith(db, 'resident', {}, t.district.code));
    expect((await kpis(resident, `unit=${t.unitId}&${MARCH}`)).statusCode).toBe(404);
    expect((await kpis(resident, `org=${t.district.code}&${MARCH}`)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/cases/kpis?org=${t.district.code}` })).statusCode).toBe(401);
  });

  it('refuses a request without a scope, an impossible date and a reversed period with 400', async () => {
    expect((await kpis(admin, MARCH)).statusCode).toBe(400);
    const bad = await kpis(admin, `org=${t.district.code}&from=2024-02-30&to=2024-03-31`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await kpis(admin, `org=${t.district.code}&from=2024-03-31&to=2024-03-01`)).statusCode).toBe(400);
  });

  it('judges the current period up to now: deadlines still ahead are not due', async () => {
    const fresh = await createTenant(db);
    const hour = 3600_000;
    const now = Date.now();
    const base = { unitId: fresh.unitId, state: 'dispatched', reportedAt: new Date(now - 2 * hour) };
    await insertCase(db, fresh, {
      ...base,
      dispatchedAt: new Date(now - hour),
      deadlineAt: new Date(now + hour),
    });
    await insertCase(db, fresh, {
      ...base,
      dispatchedAt: new Date(now - hour),
      deadlineAt: new Date(now - 60_000),
    });
    const freshAdmin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: fresh.district.id }, fresh.district.code),
    );
    const period = `from=${districtDay(new Date(now - 24 * hour))}&to=${districtDay(new Date(now))}`;
    const res = await kpis(freshAdmin, `org=${fresh.district.code}&${period}`);
    expect(res.json().data.rates.disposeRate).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    expect(res.json().data.counts.byState.dispatched).toBe(2);
  });
});
