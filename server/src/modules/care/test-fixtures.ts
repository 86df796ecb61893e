import { sql } from 'drizzle-orm';
import { createTenant, createUserWith, type Tenant, type TestUser } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { type Actor, loadGrants } from '../auth/actor.ts';
import { findPerson } from '../people/queries.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { createHousehold } from '../visits/test-fixtures.ts';
import { enrolPerson } from './commands/enrol-person.ts';

/** A tenant with the people a care alert reaches: the grid worker, the community's and the street's staff. */
export interface CareWorld {
  t: Tenant;
  gridWorker: TestUser;
  communityStaff: TestUser;
  streetStaff: TestUser;
  actor: Actor;
}

/** An Actor for a test user, as the session loader builds it. */
export async function actorOf(db: Db, user: TestUser): Promise<Actor> {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.username,
    locale: 'zh-CN',
    sessionId: 'test',
    sessionKind: 'cookie',
    grants: await loadGrants(db, user.id),
  };
}

/** Builds a CareWorld in a fresh tenant (grid 0, its community and street). */
export async function careWorld(db: Db): Promise<CareWorld> {
  const t = await createTenant(db);
  const gridWorker = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code);
  const communityStaff = await createUserWith(
    db,
    'community_staff',
    { orgNodeId: t.communities[0]!.id },
    t.communities[0]!.code,
  );
  const streetStaff = await createUserWith(
    db,
    'street_staff',
    { orgNodeId: t.streets[0]!.id },
    t.streets[0]!.code,
  );
  return { t, gridWorker, communityStaff, streetStaff, actor: await actorOf(db, gridWorker) };
}

/**
 * Elders living alone in grid `grid` of the world (one household each), enrolled by the grid worker with
 * consent and one emergency contact; their watch counts from `from`. Returns the person ids.
 */
export async function enrolElders(
  db: Db,
  w: CareWorld,
  n: number,
  opts: { from: Date; grid?: number; thresholdHours?: number },
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = await createHousehold(db, w.t.grids[opts.grid ?? 0]!.id, {
      building: `${i + 1}号楼`,
      address: `关爱路${i + 1}号楼101室`,
      residents: [{ name: `关爱老人${i}`, birthDate: '1940-03-01' }],
    });
    const p = await one<{ id: number }>(db, sql`select id from persons where household_id = ${h.id}`);
    const person = (await findPerson(db, p!.id))!;
    await enrolPerson(
      db,
      w.actor,
      person,
      {
        consentBy: 'self',
        consentBasis: '本人签署知情同意书',
        thresholdHours: opts.thresholdHours ?? 24,
        contacts: [{ relation: '女儿', name: '李小红', phone: '13800138000' }],
      },
      testCipher(),
      'test',
    );
    ids.push(person.id);
  }
  await db.execute(
    sql`update care_watched set watch_from = ${opts.from}
        where person_id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  return ids;
}

/** The alerts of some persons with their steps, in raise order. */
export async function alertsOf(db: Db, personIds: number[]) {
  return rows<{
    caseId: number;
    personId: number;
    raisedAt: Date;
    dueAt: Date;
    level: number;
    closedAt: Date | null;
  }>(
    db,
    sql`select case_id as "caseId", person_id as "personId", raised_at as "raisedAt", due_at as "dueAt", level,
          closed_at as "closedAt"
        from care_alerts where person_id = any(${`{${personIds.join(',')}}`}::int[]) order by raised_at, case_id`,
  );
}
