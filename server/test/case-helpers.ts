import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../src/infra/db.ts';
import {
  createTenant,
  createUserWith,
  gridCentre,
  loginAs,
  type Tenant,
  type TestUser,
} from './factories.ts';

/** A category without required questions, present in the seeded taxonomy (路灯不亮). */
export const STREETLIGHT = '05.02';

/** A tenant with a logged-in user for each role of the case loop. */
export interface CaseWorld {
  t: Tenant;
  dispatcher: string;
  unit: string;
  gridWorker: string;
  community: string;
  leader: string;
  resident: string;
  residentUser: TestUser;
  otherUnit: string;
  otherUnitId: number;
}

/** Builds a tenant, a second unit and one logged-in user per role. */
export async function caseWorld(app: FastifyInstance, db: Db): Promise<CaseWorld> {
  const t = await createTenant(db);
  const { createUnit } = await import('../src/modules/units/commands/save-unit.ts');
  const other = await createUnit(
    db,
    t.district,
    {
      code: `W${t.district.code}`,
      name: `物业${t.district.code}`,
      type: 'property_company',
      categories: ['08'],
      streetIds: [],
    },
    { actorId: null, ip: 'test' },
  );
  const as = async (
    role: Parameters<typeof createUserWith>[1],
    scope: { orgNodeId?: number; unitId?: number },
  ) => loginAs(app, await createUserWith(db, role, scope, t.district.code));
  const residentUser = await createUserWith(db, 'resident', {}, t.district.code);
  return {
    t,
    dispatcher: await as('dispatcher', { orgNodeId: t.district.id }),
    unit: await as('unit_handler', { unitId: t.unitId }),
    gridWorker: await as('grid_worker', { orgNodeId: t.grids[0]!.id }),
    community: await as('community_staff', { orgNodeId: t.communities[0]!.id }),
    leader: await as('leader', { orgNodeId: t.district.id }),
    resident: await loginAs(app, residentUser),
    residentUser,
    otherUnit: await as('unit_handler', { unitId: other.id }),
    otherUnitId: other.id,
  };
}

/** Reports a street-light case in grid 0 as the given cookie (or anonymously). */
export async function report(
  app: FastifyInstance,
  w: CaseWorld,
  cookie: string | null,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    payload: {
      source: 'resident',
      categoryCode: STREETLIGHT,
      description: '小区门口路灯不亮，晚上很黑',
      location: gridCentre(w.t, 0),
      ...body,
    },
  });
}

/** Fires a transition as a cookie; returns the response. */
export function act(
  app: FastifyInstance,
  cookie: string,
  id: number,
  action: string,
  payload: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/cases/${id}/actions/${action}`,
    headers: { cookie },
    payload,
  });
}

/** Fires a transition and fails the test with the body when it is refused. */
export async function ok(
  app: FastifyInstance,
  cookie: string,
  id: number,
  action: string,
  payload: Record<string, unknown> = {},
) {
  const res = await act(app, cookie, id, action, payload);
  if (res.statusCode !== 200) throw new Error(`${action} → ${res.statusCode} ${res.body}`);
  return res.json() as { data: { state: string } & Record<string, unknown>; abilities: string[] };
}
