import { randomBytes } from 'node:crypto';
import type { Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { districtDay } from '../case-reports/period.ts';
import { importBoundaries } from '../org/commands/import-boundaries.ts';
import { findNodeByCode } from '../org/queries.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { createUnit } from '../units/commands/save-unit.ts';
import { createUser } from '../users/commands/create-user.ts';
import { grantRole } from '../users/commands/grant-role.ts';
import { raiseDemoCareAlerts, seedDemoCare, seedDemoCareRoster } from './demo-care.ts';
import { seedDemoCareDevices } from './demo-care-devices.ts';
import { seedDemoDirectory } from './demo-directory.ts';
import { seedDemoFiveStar } from './demo-five-star.ts';
import { seedDemoInspections } from './demo-inspections.ts';
import { demoBoundaryLayer } from './demo-layout.ts';
import { seedResidents } from './demo-residents.ts';
import { seedDemoSupervision } from './demo-supervision.ts';
import { DEMO_UNITS } from './demo-units.ts';
import { seedVisits } from './demo-visits.ts';
import { seedVolunteers } from './demo-volunteers.ts';
import { DEMO_DISTRICT, GIVEN, SURNAMES } from './names.ts';

/** A demo login printed once at first start. */
export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  scope: string;
}

/** True when the database holds no org nodes yet, i.e. a fresh install. */
export async function isEmpty(db: Db): Promise<boolean> {
  return !(await one(db, sql`select 1 from org_nodes limit 1`));
}

/**
 * Seeds the demo district 川汇区 (marked is_demo): boundaries, units, a login for every role and synthetic
 * grid workers and residents. Passwords are random unless one is given (tests and CI pass a known one).
 */
export async function seedDemo(
  db: Db,
  opts: { password?: string; cipher: PersonalDataCipher },
): Promise<DemoAccount[]> {
  await importBoundaries(db, demoBoundaryLayer(), {
    actorId: null,
    scopes: null,
    ip: 'demo-seed',
    isDemo: true,
  });
  const district = (await findNodeByCode(db, DEMO_DISTRICT.code))!;
  const units = [];
  for (const u of DEMO_UNITS)
    units.push(await createUnit(db, district, u, { actorId: null, ip: 'demo-seed', isDemo: true }));

  const street = (await findNodeByCode(db, `${DEMO_DISTRICT.code}001`))!;
  const community = (await findNodeByCode(db, `${street.code}001`))!;
  const grid = (await findNodeByCode(db, `${community.code}001`))!;
  const plan: [string, string, Role, { orgNodeId?: number; unitId?: number }, string][] = [
    ['admin', '区创文办管理员', 'district_admin', { orgNodeId: district.id }, district.name],
    ['dispatcher', '指挥中心受理员', 'dispatcher', { orgNodeId: district.id }, district.name],
    ['leader', '区领导（演示）', 'leader', { orgNodeId: district.id }, district.name],
    ['inspector', '区督查员（演示）', 'inspector', { orgNodeId: district.id }, district.name],
    ['street', '七一路街道工作人员', 'street_staff', { orgNodeId: street.id }, street.name],
    ['community', '富民社区工作人员', 'community_staff', { orgNodeId: community.id }, community.name],
    ['gridworker', '富民社区网格员', 'grid_worker', { orgNodeId: grid.id }, grid.name],
    ['unit', '城管局处置员', 'unit_handler', { unitId: units[0]!.id }, units[0]!.name],
    ['volunteer', '道德文明使者（演示）', 'volunteer', { orgNodeId: community.id }, community.name],
    ['resident', '居民（演示）', 'resident', {}, '—'],
    ['integration', '12345热线接口（演示）', 'integration', { orgNodeId: district.id }, district.name],
  ];
  const accounts: DemoAccount[] = [];
  for (const [username, displayName, role, scope, scopeName] of plan) {
    const password = opts.password ?? randomBytes(9).toString('base64url');
    const user = await createUser(
      db,
      { username, displayName, password, homeCode: district.code, isDemo: true, phone: '13800000000' },
      { actorId: null, ip: 'demo-seed' },
    );
    if (role !== 'resident') await grantRole(db, null, user.id, { role, ...scope }, 'demo-seed');
    accounts.push({ username, password, role, displayName, scope: scopeName });
  }
  await seedGridWorkers(db, district.code, grid.id);
  await seedResidents(db, district.code, opts.cipher);
  await seedDemoInspections(db, opts.cipher);
  await seedDemoSupervision(db, district.code);
  await seedVisits(db, district.code);
  await seedDemoCareDevices(db, district.code, opts.cipher);
  await seedDemoCare(db, community.code, opts.cipher);
  await seedDemoCareRoster(db, community.code);
  await raiseDemoCareAlerts(db, community.code, opts.cipher);
  await seedDemoFiveStar(db, district.code, Number(districtDay(new Date()).slice(0, 4)));
  await seedDemoDirectory(db, district.code);
  await seedVolunteers(db, district.code, community.code);
  await writeAudit(db, {
    actorId: null,
    action: 'demo.seed',
    entity: 'district',
    entityId: district.code,
    scopeCode: district.code,
    after: { note: 'demo data' },
  });
  return accounts;
}

/** One synthetic grid worker per grid (no password: an administrator sets one to let them log in). */
async function seedGridWorkers(db: Db, districtCode: string, skipGridId: number): Promise<void> {
  const grids = await rows<{ id: number; code: string }>(
    db,
    sql`select id, code from org_nodes where level = 'grid' and code like ${`${districtCode}%`} and id <> ${skipGridId} order by code`,
  );
  const people = grids.map((g, i) => ({
    gridId: g.id,
    username: `gw${g.code.slice(6)}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 3) % GIVEN.length]}`,
    phone: `139${String(10_000_000 + i * 7919).slice(-8)}`,
  }));
  await db.execute(sql`
    with p as (select * from jsonb_to_recordset(${JSON.stringify(people)}::jsonb)
                 as x("gridId" int, username text, name text, phone text)),
         u as (insert into users (username, display_name, phone, home_code, is_demo)
               select username, name, phone, ${districtCode}, true from p returning id, username)
    insert into grants (user_id, role, org_node_id)
    select u.id, 'grid_worker', p."gridId" from u join p on p.username = u.username`);
}
