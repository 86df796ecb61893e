import { randomBytes, randomInt } from 'node:crypto';
import type { Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Db, one, rows } from '../src/infra/db.ts';
import { importBoundaries } from '../src/modules/org/commands/import-boundaries.ts';
import { createUnit } from '../src/modules/units/commands/save-unit.ts';
import { createUser } from '../src/modules/users/commands/create-user.ts';
import { grantRole } from '../src/modules/users/commands/grant-role.ts';

/** Cell size of a test tenant's grids, in degrees. */
export const CELL = 0.01;

export interface TestNode {
  id: number;
  code: string;
  name: string;
}

/** A fresh district of its own: 2 streets × 2 communities × 2 grids on a 4 × 2 lattice of cells. */
export interface Tenant {
  district: TestNode;
  streets: TestNode[];
  communities: TestNode[];
  grids: TestNode[];
  origin: [number, number];
  unitId: number;
}

type Ring = [number, number][];
const square = (x0: number, y0: number, w: number, h: number): Ring => [
  [x0, y0],
  [x0 + w, y0],
  [x0 + w, y0 + h],
  [x0, y0 + h],
  [x0, y0],
];
const feature = (code: string, name: string, ring: Ring) => ({
  type: 'Feature' as const,
  properties: { code, name },
  geometry: { type: 'Polygon' as const, coordinates: [ring] },
});

/** The tenant layout as a GeoJSON boundary layer, for import tests to copy and break. */
export function tenantLayer(code: string, [x, y]: [number, number]) {
  const features = [feature(code, `测试区${code}`, square(x, y, 4 * CELL, 2 * CELL))];
  for (let s = 0; s < 2; s++) {
    const sc = `${code}00${s + 1}`;
    features.push(feature(sc, `测试街道${s + 1}`, square(x + 2 * s * CELL, y, 2 * CELL, 2 * CELL)));
    for (let c = 0; c < 2; c++) {
      const cc = `${sc}00${c + 1}`;
      features.push(
        feature(cc, `测试社区${s + 1}-${c + 1}`, square(x + 2 * s * CELL, y + c * CELL, 2 * CELL, CELL)),
      );
      for (let g = 0; g < 2; g++) {
        features.push(
          feature(
            `${cc}00${g + 1}`,
            `网格${s + 1}-${c + 1}-${g + 1}`,
            square(x + (2 * s + g) * CELL, y + c * CELL, CELL, CELL),
          ),
        );
      }
    }
  }
  return { type: 'FeatureCollection' as const, features };
}

/** A district code and an origin that no other tenant in this database uses. */
export async function freshDistrictSlot(db: Db): Promise<{ code: string; origin: [number, number] }> {
  for (;;) {
    const code = String(randomInt(800_000, 999_999));
    const origin: [number, number] = [randomInt(0, 4000) / 100 + 80, randomInt(0, 2000) / 100 + 25];
    const taken = await one(
      db,
      sql`select 1 from org_nodes where code = ${code} or st_intersects(geom,
            st_makeenvelope(${origin[0] - CELL}, ${origin[1] - CELL}, ${origin[0] + 5 * CELL}, ${origin[1] + 3 * CELL}, 4326))`,
    );
    if (!taken) return { code, origin };
  }
}

/** Imports a fresh tenant district and one unit in it. */
export async function createTenant(db: Db): Promise<Tenant> {
  const { code, origin } = await freshDistrictSlot(db);
  await importBoundaries(db, tenantLayer(code, origin), { actorId: null, scopes: null, ip: 'test' });
  const nodes = await rows<TestNode & { level: string }>(
    db,
    sql`select id, code, name, level from org_nodes where code like ${`${code}%`} order by code`,
  );
  const of = (level: string) =>
    nodes.filter((n) => n.level === level).map(({ id, code, name }) => ({ id, code, name }));
  const district = of('district')[0]!;
  const unit = await createUnit(
    db,
    district,
    { code: `U${code}`, name: `测试城管${code}`, type: 'department', categories: ['02'], streetIds: [] },
    { actorId: null, ip: 'test' },
  );
  return {
    district,
    streets: of('street'),
    communities: of('community'),
    grids: of('grid'),
    origin,
    unitId: unit.id,
  };
}

/** The centre of a tenant grid (index 0–7 in code order). */
export function gridCentre(t: Tenant, index: number): { lng: number; lat: number } {
  const s = Math.floor(index / 4);
  const c = Math.floor((index % 4) / 2);
  const g = index % 2;
  return { lng: t.origin[0] + (2 * s + g + 0.5) * CELL, lat: t.origin[1] + (c + 0.5) * CELL };
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

/** A user with one role grant (at an org node or unit), created through the real commands. */
export async function createUserWith(
  db: Db,
  role: Role,
  scope: { orgNodeId?: number; unitId?: number },
  homeCode: string,
): Promise<TestUser> {
  const username = `u_${randomBytes(6).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const user = await createUser(
    db,
    { username, displayName: `测试${role}`, password, homeCode },
    { actorId: null, ip: 'test' },
  );
  if (role !== 'resident') await grantRole(db, null, user.id, { role, ...scope });
  return { id: user.id, username, password };
}

/** Logs a user in through the API and returns the Cookie header to send. */
export async function loginAs(app: FastifyInstance, user: TestUser): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
  return `cg_session=${cookie.value}`;
}
