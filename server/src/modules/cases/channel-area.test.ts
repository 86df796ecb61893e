import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import {
  CELL,
  createTenant,
  createUserWith,
  gridCentre,
  loginAs,
  type Tenant,
} from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let other: Tenant;
let street: string;
let integration: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  other = await createTenant(db);
  const as = async (role: 'street_staff' | 'integration', orgNodeId: number) =>
    loginAs(app, await createUserWith(db, role, { orgNodeId }, w.t.district.code));
  street = await as('street_staff', w.t.streets[0]!.id);
  const minted = await app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { cookie: await as('integration', w.t.district.id) },
    payload: { name: 'hotline' },
  });
  integration = minted.json().data.token;
});

// Only this test's two districts: other test files write cases into the shared database at the same time.
const countCases = async () =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from cases
        where left(org_code, 6) in (${w.t.district.code}, ${other.district.code})`,
  ))!.n;

/** Reports through a channel at a point as someone; the status, and whether a case was written. */
async function reportThrough(
  cookie: string | null,
  source: string,
  at: { lng: number; lat: number },
  bearer?: string,
) {
  const before = await countCases();
  const res = await report(
    app,
    w,
    cookie,
    { source, location: at },
    bearer ? { authorization: `Bearer ${bearer}` } : {},
  );
  return { status: res.statusCode, code: res.json().error?.code, written: (await countCases()) > before };
}

describe('staff channels report where their grants reach', () => {
  it('lets a grid worker patrol its own community (GPS strays over grid edges), not the next one, and a street office supervise its own street only', async () => {
    expect((await reportThrough(w.gridWorker, 'grid_patrol', gridCentre(w.t, 0))).status).toBe(201);
    expect((await reportThrough(w.gridWorker, 'grid_patrol', gridCentre(w.t, 1))).status).toBe(201);
    expect(await reportThrough(w.gridWorker, 'grid_patrol', gridCentre(w.t, 2))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      written: false,
    });
    expect((await reportThrough(street, 'supervision', gridCentre(w.t, 2))).status).toBe(201);
    expect(await reportThrough(street, 'supervision', gridCentre(w.t, 4))).toMatchObject({
      status: 403,
      written: false,
    });
  });

  it('writes no internal case into another district, from any role or an API client’s token', async () => {
    const there = gridCentre(other, 0);
    for (const cookie of [w.dispatcher, w.leader]) {
      expect(await reportThrough(cookie, 'supervision', there)).toMatchObject({
        status: 403,
        written: false,
      });
    }
    expect(await reportThrough(null, 'hotline', there, integration)).toMatchObject({
      status: 403,
      written: false,
    });
    expect((await reportThrough(null, 'hotline', gridCentre(w.t, 5), integration)).status).toBe(201);
  });

  it('sends a point outside every grid to the triage queue of the reporter’s own district only', async () => {
    const nearOwn = { lng: w.t.origin[0] - CELL / 2, lat: w.t.origin[1] + CELL / 2 };
    expect((await reportThrough(w.dispatcher, 'hotline', nearOwn)).status).toBe(201);
    const nearOther = { lng: other.origin[0] - CELL / 2, lat: other.origin[1] + CELL / 2 };
    expect((await reportThrough(w.dispatcher, 'hotline', nearOther)).status).toBe(403);
  });

  it('still takes anyone’s resident report anywhere', async () => {
    expect((await reportThrough(w.gridWorker, 'resident', gridCentre(other, 0))).status).toBe(201);
    expect((await reportThrough(null, 'resident', gridCentre(other, 0))).status).toBe(201);
  });
});
