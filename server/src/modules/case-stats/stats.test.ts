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
  it('counts cases per grid under a community, with zeros and a null rate where nothing was disposed', async () => {
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
      expect.objectContaining({
        code: w.t.grids[0]!.code,
        total: 2,
        open: 2,
        disposed: 1,
        intimeDisposed: 1,
        intimeRate: 1,
      }),
      expect.objectContaining({ code: w.t.grids[1]!.code, total: 0, disposed: 0, intimeRate: null }),
    ]);
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
