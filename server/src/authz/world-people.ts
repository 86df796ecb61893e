import { randomBytes, randomInt } from 'node:crypto';
import type { Role } from '@civicgrid/shared';
import type { FastifyInstance } from 'fastify';
import { createTenant, loginAs, type Tenant } from '../../test/factories.ts';
import type { Db } from '../infra/db.ts';
import { createUnit } from '../modules/units/commands/save-unit.ts';
import { createUser } from '../modules/users/commands/create-user.ts';
import { grantRole } from '../modules/users/commands/grant-role.ts';
import { CALLERS, type Caller, type CallerName } from './callers.ts';

/** An account of the world with what the leak check needs to know of it. */
export interface Person {
  id: string;
  username: string;
  password: string;
  displayName: string;
  phone: string | null;
  homeCode: string;
  /** org codes of the person's grants (a unit grant covers the unit's district) */
  grantCodes: string[];
  /** grid worker grants: the node ids whose detail lists the person */
  gridNodeIds: number[];
  district: 'A' | 'B';
}

/** The two districts, their units and everyone in them. */
export interface People {
  a: Tenant;
  b: Tenant;
  units: { own: number; sibling: number; foreign: number };
  callers: Record<CallerName, Caller>;
  /** logged-in sessions of accounts that are not callers but act in the world */
  others: Record<'bAdmin' | 'bUnitHandler' | 'bIntegration' | 'siblingGridWorker', Record<string, string>>;
  /** callers' accounts (anonymous has none) and the accounts that are not callers */
  person: Record<Exclude<CallerName, 'anonymous' | 'integration_token'> | OtherPerson, Person>;
}

export type OtherPerson =
  | 'siblingGridWorker'
  | 'target'
  | 'siblingTarget'
  | 'bAdmin'
  | 'bUnitHandler'
  | 'bIntegration'
  | 'bGridWorker';

/** A mobile number no other value of the world can contain by chance. */
export function sentinelPhone(): string {
  return `139${String(randomInt(10_000_000, 99_999_999))}`;
}

/** Creates an account with one grant through the real commands. */
async function person(
  db: Db,
  district: 'A' | 'B',
  role: Role | null,
  scope: { orgNodeId?: number; unitId?: number; code: string },
  opts: { phone?: boolean; home?: string } = {},
): Promise<Person> {
  const tag = randomBytes(5).toString('hex');
  const username = `m_${tag}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const displayName = `矩阵${role ?? '用户'}${tag}`;
  const phone = opts.phone ? sentinelPhone() : null;
  const homeCode = opts.home ?? scope.code;
  const user = await createUser(
    db,
    { username, displayName, password, phone, homeCode },
    { actorId: null, ip: 'test' },
  );
  if (role && role !== 'resident') {
    await grantRole(db, null, user.id, { role, orgNodeId: scope.orgNodeId, unitId: scope.unitId });
  }
  return {
    id: user.id,
    username,
    password,
    displayName,
    phone,
    homeCode,
    grantCodes: role && role !== 'resident' ? [scope.code] : [],
    gridNodeIds: role === 'grid_worker' && scope.orgNodeId ? [scope.orgNodeId] : [],
    district,
  };
}

/** A second unit of a tenant's district (a sibling of its own unit). */
async function secondUnit(db: Db, t: Tenant): Promise<number> {
  const unit = await createUnit(
    db,
    t.district,
    {
      code: `W${t.district.code}`,
      name: `矩阵物业${t.district.code}`,
      type: 'property_company',
      categories: ['05'],
      streetIds: [],
    },
    { actorId: null, ip: 'test' },
  );
  return unit.id;
}

/** Builds districts A and B, their units, one account per caller role in A and the other accounts. */
export async function buildPeople(app: FastifyInstance, db: Db): Promise<People> {
  const a = await createTenant(db);
  const b = await createTenant(db);
  const units = { own: a.unitId, sibling: await secondUnit(db, a), foreign: b.unitId };
  const at = (n: { id: number; code: string }) => ({ orgNodeId: n.id, code: n.code });
  const [g0, c1, s1, d] = [a.grids[0]!, a.communities[0]!, a.streets[0]!, a.district];
  const unitScope = { unitId: units.own, code: d.code };
  const people = {
    resident: await person(db, 'A', 'resident', { code: d.code }),
    volunteer: await person(db, 'A', 'volunteer', at(c1)),
    grid_worker: await person(db, 'A', 'grid_worker', at(g0), { phone: true }),
    community_staff: await person(db, 'A', 'community_staff', at(c1), { phone: true }),
    street_staff: await person(db, 'A', 'street_staff', at(s1)),
    dispatcher: await person(db, 'A', 'dispatcher', at(d)),
    leader: await person(db, 'A', 'leader', at(d)),
    district_admin: await person(db, 'A', 'district_admin', at(d)),
    unit_handler: await person(db, 'A', 'unit_handler', unitScope, { phone: true }),
    integration: await person(db, 'A', 'integration', at(d)),
    siblingGridWorker: await person(db, 'A', 'grid_worker', at(a.grids[4]!), { phone: true }),
    target: await person(db, 'A', null, { code: g0.code }, { phone: true }),
    siblingTarget: await person(db, 'A', null, { code: a.streets[1]!.code }, { phone: true }),
    bAdmin: await person(db, 'B', 'district_admin', at(b.district)),
    bUnitHandler: await person(db, 'B', 'unit_handler', { unitId: units.foreign, code: b.district.code }),
    bIntegration: await person(db, 'B', 'integration', at(b.district)),
    bGridWorker: await person(db, 'B', 'grid_worker', at(b.grids[0]!), { phone: true }),
  };
  const callers = {} as Record<CallerName, Caller>;
  for (const name of CALLERS) {
    if (name === 'anonymous' || name === 'integration_token') continue;
    const p = people[name];
    const cookie = await loginAs(app, p);
    callers[name] = {
      name,
      userId: p.id,
      username: p.username,
      password: p.password,
      headers: { cookie },
    };
  }
  callers.anonymous = { name: 'anonymous', userId: null, username: null, password: null, headers: {} };
  const minted = await app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: callers.integration.headers,
    payload: { name: 'matrix' },
  });
  if (minted.statusCode !== 201) throw new Error(`token: ${minted.statusCode} ${minted.body}`);
  callers.integration_token = {
    ...callers.integration,
    name: 'integration_token',
    headers: { authorization: `Bearer ${minted.json().data.token}` },
  };
  const others = {
    bAdmin: { cookie: await loginAs(app, people.bAdmin) },
    bUnitHandler: { cookie: await loginAs(app, people.bUnitHandler) },
    bIntegration: { cookie: await loginAs(app, people.bIntegration) },
    siblingGridWorker: { cookie: await loginAs(app, people.siblingGridWorker) },
  };
  return { a, b, units, callers, others, person: people };
}
