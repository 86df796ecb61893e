import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('dashboard statistics', () => {
  it('gives per grid the counts and the KPIs of docs/kpis.md, with zeros and null rates where nothing was due', async () => {
    const a = (await report(app, w, w.resident, { location: gridCentre(w.t, 0) })).json().data.id;
    await report(app, w, w.resident, { location: gridCentre(w.t, 0) });
    await ok(app, w.dispatcher, a, 'file');
    await ok(app, w.dispatcher, a, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.unit, a, 'feedback', { note: '已处理' });
    const d = today();
    const res = await app.inject({
      url: `/api/cases/stats/nodes?level=grid&under=${w.t.communities[0]!.code}&from=${d}&to=${d}`,
      headers: { cookie: w.dispatcher },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([
      expect.objectContaining({ code: w.t.grids[0]!.code, total: 2, open: 2, overdue: 0 }),
      expect.objectContaining({ code: w.t.grids[1]!.code, total: 0, score: null, grade: null }),
    ]);
    const [g0, g1] = res.json().data;
    // the same 按期处置率 the KPI cards show for the grid: disposed on time / due to dispose
    expect(g0.rates.disposeOnTimeRate).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(g0.rates.responseRate).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    const cards = await app.inject({
      url: `/api/cases/kpis?org=${w.t.grids[0]!.code}&from=${d}&to=${d}`,
      headers: { cookie: w.dispatcher },
    });
    expect(g0.rates).toEqual(cards.json().data.rates);
    expect(g1.rates.disposeOnTimeRate).toEqual({ numerator: 0, denominator: 0, rate: null });
    const trend = await app.inject({
      url: `/api/cases/stats/trend?org=${w.t.communities[0]!.code}&from=${d}&to=${d}`,
      headers: { cookie: w.dispatcher },
    });
    expect(trend.json().data).toEqual([{ day: d, reported: 2, closed: 0 }]);
  });

  it('shows a community worker only their part and refuses another community with 404', async () => {
    const d = today();
    const own = await app.inject({
      url: `/api/cases/stats/nodes?level=grid&under=${w.t.streets[0]!.code}&from=${d}&to=${d}`,
      headers: { cookie: w.community },
    });
    expect(own.statusCode).toBe(404);
    const mine = await app.inject({
      url: `/api/cases/stats/nodes?level=grid&under=${w.t.communities[0]!.code}&from=${d}&to=${d}`,
      headers: { cookie: w.community },
    });
    expect(mine.json().data).toHaveLength(2);
    const bad = await app.inject({
      url: `/api/cases/stats/trend?org=${w.t.communities[0]!.code}&from=${d}&to=2020-01-01`,
      headers: { cookie: w.community },
    });
    expect(bad.statusCode).toBe(400);
  });
});
