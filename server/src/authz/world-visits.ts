import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { type Db, one } from '../infra/db.ts';
import { createHousehold } from '../modules/visits/test-fixtures.ts';
import type { Audience, Markers } from './markers.ts';
import type { Reach } from './reach.ts';
import { under } from './reach.ts';
import type { Place, WorldCase } from './world-cases.ts';
import type { People } from './world-people.ts';

/** A household of the world with a resident, and what must never leave the server in clear. */
export interface WorldHousehold {
  id: number;
  code: string;
  personId: number;
  residentName: string;
  address: string;
}

/** Households own / neighbour / sibling / foreign, and a need heard in the own and the foreign one. */
export interface WorldVisits {
  households: Record<Place, WorldHousehold>;
  visits: Record<'own' | 'foreign', number>;
  needs: Record<'own' | 'foreign', number>;
}

async function household(db: Db, grid: { id: number; code: string }, place: Place): Promise<WorldHousehold> {
  const tag = randomBytes(3).toString('hex');
  // an aged resident, so the 80+ list has someone to show
  const residentName = `矩阵居民${tag}`;
  const address = `矩阵路${tag}号楼1单元101室`;
  const { id } = await createHousehold(db, grid.id, {
    building: `${place}楼`,
    address,
    residents: [{ name: residentName, birthDate: `${new Date().getUTCFullYear() - 85}-01-01` }],
  });
  const p = await one<{ id: number }>(db, sql`select id from persons where household_id = ${id}`);
  return { id, code: grid.code, personId: p!.id, residentName, address };
}

/**
 * The world's households and visits: the grid worker of A visits the own household through the API and
 * reports a need as a case; district B's visit is written directly (B's grid worker has no session here).
 */
export async function buildVisits(
  app: FastifyInstance,
  db: Db,
  p: People,
  foreignCase: WorldCase,
): Promise<WorldVisits> {
  const households: Record<Place, WorldHousehold> = {
    own: await household(db, p.a.grids[0]!, 'own'),
    neighbour: await household(db, p.a.grids[1]!, 'neighbour'),
    sibling: await household(db, p.a.grids[4]!, 'sibling'),
    foreign: await household(db, p.b.grids[0]!, 'foreign'),
  };
  const res = await app.inject({
    method: 'POST',
    url: '/api/visits',
    headers: p.callers.grid_worker.headers,
    payload: {
      householdId: households.own.id,
      kind: 'home',
      needs: [{ description: '矩阵走访：楼道灯不亮', categoryCode: STREETLIGHT }],
    },
  });
  if (res.statusCode !== 201) throw new Error(`visit: ${res.statusCode} ${res.body}`);
  const own = res.json().data as { id: number; needs: { id: number }[] };
  const f = households.foreign;
  const fv = await one<{ id: number }>(
    db,
    sql`insert into visits (household_id, org_code, visitor_id, kind, visited_at)
        values (${f.id}, ${f.code}, ${p.person.bAdmin.id}, 'phone', now()) returning id`,
  );
  const fn = await one<{ id: number }>(
    db,
    sql`insert into visit_needs (visit_id, household_id, org_code, description, outcome, case_id)
        values (${fv!.id}, ${f.id}, ${f.code}, '矩阵走访：B 区诉求', 'case', ${foreignCase.id}) returning id`,
  );
  return {
    households,
    visits: { own: own.id, foreign: fv!.id },
    needs: { own: own.needs[0]!.id, foreign: fn!.id },
  };
}

/**
 * The markers of the world's households: ids reach those who read people where the household is
 * (`Reach.people`); so do residents' names, which the archive shows in clear within its scope (docs/people.md);
 * household addresses reach no one in clear (they are masked everywhere).
 */
export function visitMarkers(m: Markers, v: WorldVisits, reach: (a: Audience) => Reach): void {
  for (const [place, h] of Object.entries(v.households)) {
    const visible = (a: Audience) => under(h.code, reach(a).people);
    m.ids.household.set(h.id, { label: `household ${place}`, visible });
    m.ids.person.set(h.personId, { label: `resident of household ${place}`, visible });
    m.texts.set(h.residentName, { label: `name of the resident of household ${place}`, visible });
    m.texts.set(h.address, { label: `address of household ${place}`, visible: () => false });
  }
  const own = v.households.own.code;
  const foreign = v.households.foreign.code;
  m.ids.visit.set(v.visits.own, { label: 'visit own', visible: (a) => under(own, reach(a).people) });
  m.ids.visit.set(v.visits.foreign, { label: 'visit of B', visible: () => under(foreign, []) });
  m.ids.need.set(v.needs.own, { label: 'need own', visible: (a) => under(own, reach(a).people) });
  m.ids.need.set(v.needs.foreign, { label: 'need of B', visible: () => false });
}
