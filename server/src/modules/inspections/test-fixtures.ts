import type { Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import {
  createTenant,
  createUserWith,
  gridCentre,
  type Tenant,
  type TestUser,
} from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { type Actor, loadGrants } from '../auth/actor.ts';
import { savePoint } from './commands/save-point.ts';

/** An account of a test and the actor the commands receive for it. */
export interface Person extends TestUser {
  actor: Actor;
}

/** Creates a user with one grant and builds its actor as the auth plugin would. */
export async function person(
  db: Db,
  role: Role,
  scope: { orgNodeId?: number; unitId?: number },
  home: string,
) {
  const u = await createUserWith(db, role, scope, home);
  const actor: Actor = {
    userId: u.id,
    username: u.username,
    displayName: `测试${role}`,
    locale: 'zh-CN',
    sessionId: '00000000-0000-0000-0000-000000000000',
    sessionKind: 'cookie',
    grants: await loadGrants(db, u.id),
  };
  return { ...u, actor } satisfies Person;
}

/** A point type's id by its Chinese name (the seed's 26 types). */
export async function pointTypeId(db: Db, nameZh: string): Promise<number> {
  const t = await one<{ id: number }>(
    db,
    sql`select id from inspection_point_types where name_zh = ${nameZh}`,
  );
  if (!t) throw new Error(`no point type ${nameZh}`);
  return t.id;
}

/** A tenant with the people of supervision and two inspection points: a market in grid 0, a square in grid 4. */
export interface InspectionWorld {
  t: Tenant;
  leader: Person;
  inspector: Person;
  streetStaff: Person;
  otherStreetStaff: Person;
  communityStaff: Person;
  unitHandler: Person;
  market: { id: number; orgCode: string };
  square: { id: number; orgCode: string };
}

/** Builds an InspectionWorld through the real commands. */
export async function inspectionWorld(db: Db): Promise<InspectionWorld> {
  const t = await createTenant(db);
  const d = t.district;
  const by = { actorId: null, ip: 'test' };
  const leader = await person(db, 'leader', { orgNodeId: d.id }, d.code);
  const market = await savePoint(db, {
    district: d,
    input: {
      name: '测试农贸市场',
      pointTypeId: await pointTypeId(db, '集贸市场'),
      location: gridCentre(t, 0),
      leaderId: leader.id,
      unitId: t.unitId,
    },
    by,
  });
  const square = await savePoint(db, {
    district: d,
    input: {
      name: '测试广场',
      pointTypeId: await pointTypeId(db, '公共广场'),
      location: gridCentre(t, 4),
      unitId: t.unitId,
    },
    by,
  });
  return {
    t,
    leader,
    inspector: await person(db, 'inspector', { orgNodeId: d.id }, d.code),
    streetStaff: await person(db, 'street_staff', { orgNodeId: t.streets[0]!.id }, t.streets[0]!.code),
    otherStreetStaff: await person(db, 'street_staff', { orgNodeId: t.streets[1]!.id }, t.streets[1]!.code),
    communityStaff: await person(
      db,
      'community_staff',
      { orgNodeId: t.communities[0]!.id },
      t.communities[0]!.code,
    ),
    unitHandler: await person(db, 'unit_handler', { unitId: t.unitId }, d.code),
    market,
    square,
  };
}
