import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import {
  CELL,
  createTenant,
  createUserWith,
  freshDistrictSlot,
  loginAs,
  type Tenant,
  tenantLayer,
} from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { importBoundaries } from './commands/import-boundaries.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
});

const countUnder = async (code: string) =>
  (await one<{ n: number }>(db, sql`select count(*)::int as n from org_nodes where code like ${`${code}%`}`))!
    .n;

/** A fresh district admin and the layer of a district not yet imported. */
async function setup() {
  const t: Tenant = await createTenant(db);
  const admin = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
  return { t, cookie: await loginAs(app, admin) };
}

const post = (cookie: string, payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/org/import', headers: { cookie }, payload: payload as object });

describe('GeoJSON boundary import', () => {
  it('re-importing a layer updates the nodes in place, with an audit row per node', async () => {
    const { t, cookie } = await setup();
    const layer = tenantLayer(t.district.code, t.origin);
    // re-import the same layer with one grid renamed
    const grid = layer.features.find((f) => f.properties.code === t.grids[0]!.code)!;
    grid.properties.name = '改名后的网格';
    const res = await post(cookie, layer);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ created: 0, updated: 15 });
    const audit = await one<{ before: { name: string }; after: { name: string } }>(
      db,
      sql`select before, after from audit_log where entity = 'org_node' and entity_id = ${t.grids[0]!.code}
          and action = 'org.update' order by id desc limit 1`,
    );
    expect(audit!.before.name).toBe(t.grids[0]!.name);
    expect(audit!.after.name).toBe('改名后的网格');
  });

  it('reports a self-intersecting polygon with its feature and writes nothing', async () => {
    const { t, cookie } = await setup();
    const layer = tenantLayer(t.district.code, t.origin);
    const [x, y] = t.origin;
    const idx = layer.features.findIndex((f) => f.properties.code === t.grids[1]!.code);
    layer.features[idx]!.properties.name = '坏网格';
    layer.features[idx]!.geometry.coordinates = [
      [
        [x + CELL, y],
        [x + 2 * CELL, y + CELL],
        [x + 2 * CELL, y],
        [x + CELL, y + CELL],
        [x + CELL, y],
      ],
    ];
    const before = await countUnder(t.district.code);
    const res = await post(cookie, layer);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('GEOJSON_INVALID');
    expect(res.json().error.details).toContainEqual(
      expect.objectContaining({ feature: idx, code: t.grids[1]!.code, problem: 'invalid_polygon' }),
    );
    expect(await countUnder(t.district.code)).toBe(before);
    const renamed = await one(db, sql`select 1 from org_nodes where name = '坏网格'`);
    expect(renamed).toBeNull();
  });

  it('reports overlapping grids and a grid outside its community, each with the feature at fault', async () => {
    const { cookie } = await setup();
    const { code, origin } = await freshDistrictSlot(db);
    const layer = tenantLayer(code, origin);
    const [x, y] = origin;
    // grid 2 of community 1 slides halfway onto grid 1
    const g2 = layer.features.findIndex((f) => f.properties.code === `${code}001001002`);
    layer.features[g2]!.geometry.coordinates = [
      [
        [x + 0.5 * CELL, y],
        [x + 1.5 * CELL, y],
        [x + 1.5 * CELL, y + CELL],
        [x + 0.5 * CELL, y + CELL],
        [x + 0.5 * CELL, y],
      ],
    ];
    // grid 1 of community 2 pokes out of the district to the north
    const g3 = layer.features.findIndex((f) => f.properties.code === `${code}001002001`);
    layer.features[g3]!.geometry.coordinates = [
      [
        [x, y + CELL],
        [x + CELL, y + CELL],
        [x + CELL, y + 2.5 * CELL],
        [x, y + 2.5 * CELL],
        [x, y + CELL],
      ],
    ];
    // a new district is outside every admin's scope, so it goes through the command as the CLI calls it
    const err = await importBoundaries(db, layer, { actorId: null, scopes: null, ip: 'test' }).catch(
      (e) => e,
    );
    expect(err.code).toBe('GEOJSON_INVALID');
    expect(err.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          problem: 'overlaps',
          code: `${code}001001001`,
          detail: `overlaps ${code}001001002`,
        }),
        expect.objectContaining({ problem: 'outside_parent', code: `${code}001002001`, feature: g3 }),
      ]),
    );
    expect(await countUnder(code)).toBe(0);
    // and an admin of another district may not import it at all
    const res = await post(cookie, tenantLayer(code, origin));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0]).toMatchObject({ problem: 'outside_your_scope' });
  });

  it('reports an overlap with a grid already in the database', async () => {
    const { t, cookie } = await setup();
    const [x, y] = t.origin;
    const layer = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: `${t.communities[0]!.code}009`, name: '新网格' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [x + 0.2 * CELL, y + 0.2 * CELL],
                [x + 0.8 * CELL, y + 0.2 * CELL],
                [x + 0.8 * CELL, y + 0.8 * CELL],
                [x + 0.2 * CELL, y + 0.8 * CELL],
                [x + 0.2 * CELL, y + 0.2 * CELL],
              ],
            ],
          },
        },
      ],
    };
    const res = await post(cookie, layer);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      {
        feature: 0,
        code: `${t.communities[0]!.code}009`,
        problem: 'overlaps',
        detail: `overlaps ${t.grids[0]!.code}`,
        message: '与同级节点的边界重叠',
      },
    ]);
  });

  it('reports structural problems: bad code, unclosed ring, missing parent, duplicate code', async () => {
    const { t, cookie } = await setup();
    const ring = (dx: number) => [
      [t.origin[0] + dx, t.origin[1]],
      [t.origin[0] + dx + 0.001, t.origin[1]],
      [t.origin[0] + dx + 0.001, t.origin[1] + 0.001],
      [t.origin[0] + dx, t.origin[1]],
    ];
    const f = (code: string, coords: number[][]) => ({
      type: 'Feature',
      properties: { code, name: 'x' },
      geometry: { type: 'Polygon', coordinates: [coords] },
    });
    const unclosed = ring(0)
      .slice(0, 3)
      .concat([[t.origin[0], t.origin[1] + 0.002]]);
    const res = await post(cookie, {
      type: 'FeatureCollection',
      features: [
        f('12345', ring(0)),
        f(`${t.communities[0]!.code}010`, unclosed),
        f(`${t.district.code}777001001`, ring(0)),
        f(`${t.district.code}777001001`, ring(0)),
      ],
    });
    expect(res.statusCode).toBe(422);
    const problems = res
      .json()
      .error.details.map((d: { feature: number; problem: string }) => [d.feature, d.problem]);
    expect(problems).toEqual([
      [0, 'bad_code'],
      [1, 'bad_geometry'],
      [3, 'duplicate_code'],
    ]);
    const orphan = await post(cookie, {
      type: 'FeatureCollection',
      features: [f(`${t.district.code}777001001`, ring(0))],
    });
    expect(orphan.json().error.details).toContainEqual(
      expect.objectContaining({ feature: 0, problem: 'parent_missing' }),
    );
  });

  it('rejects a body that is not a FeatureCollection with 400', async () => {
    const { cookie } = await setup();
    const res = await post(cookie, { type: 'Feature' });
    expect(res.statusCode).toBe(400);
  });
});
