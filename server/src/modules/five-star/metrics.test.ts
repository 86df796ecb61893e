import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { seedMarch } from '../case-reports/kpi-fixtures.ts';
import { createOtherUnit } from '../case-reports/test-fixtures.ts';
import { createHousehold } from '../visits/test-fixtures.ts';
import { allMet, type Cookies, fiveStarCookies } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let c: Cookies;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  c = await fiveStarCookies(app, db, t);
  // the KPI fixture cases of March 2024 in community 1-1: 2 of 3 ratings satisfied (kpis.test.ts)
  await seedMarch(db, t, await createOtherUnit(db, t));
  // two households in community 1-1, one of them visited in 2024
  const homes = [];
  for (const b of ['1号楼', '2号楼']) {
    homes.push(await createHousehold(db, t.grids[0]!.id, { building: b, address: `${b}101`, residents: [] }));
  }
  await db.execute(
    sql`insert into visit_quarters (quarter, household_id, org_code, visits, first_at, last_at)
        values ('2024Q2', ${homes[0]!.id}, ${t.grids[0]!.code}, 2, now(), now())`,
  );
});

const get = (cookie: string, url: string) => app.inject({ url, headers: { cookie } });

describe('metric-linked items', () => {
  it('fill themselves in from the community’s KPIs and visit coverage of the year', async () => {
    const code = t.communities[0]!.code;
    const page = (await get(c.community, `/api/five-star/branches/${code}/years/2024`)).json().data;
    const kpis = (await get(c.admin, `/api/cases/kpis?org=${code}&from=2024-01-01&to=2024-12-31`)).json().data
      .rates;
    expect(page.answers['h-satisfaction']).toMatchObject({ value: 2 / 3, computed: true, met: false });
    expect(page.answers['h-satisfaction'].value).toBe(kpis.satisfactionRate.rate);
    expect(page.answers['s-close'].value).toBe(kpis.closeOnTimeRate.rate);
    expect(page.answers['h-visits']).toMatchObject({ value: 0.5, met: false });
    // a typed value for a linked item is ignored: the figure is the platform's
    const typed = await app.inject({
      method: 'PUT',
      url: `/api/five-star/branches/${code}/years/2024/answers`,
      headers: { cookie: c.community },
      payload: { answers: [...allMet(page.standard), { key: 'h-satisfaction', value: 1 }] },
    });
    expect(typed.json().data.answers['h-satisfaction'].value).toBe(2 / 3);
    expect(typed.json().data.earned).not.toContain('harmony');
  });

  it('meets a threshold the district lowers below the measured figure, frozen at submission', async () => {
    const code = t.communities[0]!.code;
    const standards = (await get(c.admin, '/api/five-star/standards/2024')).json().data;
    const urban = standards.find((s: { scope: string }) => s.scope === 'urban');
    for (const star of urban.stars) {
      for (const item of star.items) if (item.metric) item.threshold = 0.1;
    }
    const put = await app.inject({
      method: 'PUT',
      url: '/api/five-star/standards/2024/urban',
      headers: { cookie: c.admin },
      payload: { stars: urban.stars },
    });
    expect(put.statusCode, put.body).toBe(200);
    const sub = await app.inject({
      method: 'POST',
      url: `/api/five-star/branches/${code}/years/2024/submit`,
      headers: { cookie: c.community },
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().data.answers['h-visits']).toMatchObject({ value: 0.5, met: true });
    expect(sub.json().data.earned).toEqual(['branch', 'business', 'harmony', 'safety', 'sharing']);
  });
});
