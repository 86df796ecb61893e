import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseWorld, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { CELL, createTenant, createUserWith, loginAs } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
});

/** A tenant with the case-loop users and a district administrator of it. */
async function world() {
  const w = await caseWorld(app, db);
  const admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
  );
  return { ...w, admin };
}

const patch = (cookie: string, id: number, payload: object, lang = 'zh-CN') =>
  app.inject({
    method: 'PATCH',
    url: `/api/org/nodes/${id}`,
    headers: { cookie, 'accept-language': lang },
    payload,
  });

const post = (cookie: string, url: string, payload: object, lang = 'zh-CN') =>
  app.inject({ method: 'POST', url, headers: { cookie, 'accept-language': lang }, payload });

const nodeRow = (id: number) =>
  one<{ name: string; nameEn: string | null; validFrom: string; validTo: string | null; wkt: string }>(
    db,
    sql`select name, name_en as "nameEn", to_char(valid_from, 'YYYY-MM-DD') as "validFrom",
          to_char(valid_to, 'YYYY-MM-DD') as "validTo", st_astext(geom) as wkt from org_nodes where id = ${id}`,
  );

const lastAudit = (code: string) =>
  one<{ actorId: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
    db,
    sql`select actor_id as "actorId", before, after from audit_log
        where entity = 'org_node' and entity_id = ${code} and action = 'org.update' order by id desc limit 1`,
  );

const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

const layer = (...features: { code?: string; geometry: object }[]) => ({
  type: 'FeatureCollection',
  features: features.map((f) => ({
    type: 'Feature',
    properties: f.code ? { code: f.code } : {},
    geometry: f.geometry,
  })),
});

describe('org node rename and validity', () => {
  it('renames a node in both languages, with an audit row of the names before and after', async () => {
    const w = await world();
    const grid = w.t.grids[0]!;
    const res = await patch(w.admin, grid.id, { name: ' 新华网格 ', nameEn: 'Xinhua Grid' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ name: '新华网格', nameEn: 'Xinhua Grid' });
    const tree = await app.inject({ method: 'GET', url: '/api/org/tree', headers: { cookie: w.admin } });
    expect(tree.json().data).toContainEqual(
      expect.objectContaining({ code: grid.code, name: '新华网格', nameEn: 'Xinhua Grid' }),
    );
    const audit = await lastAudit(grid.code);
    expect(audit!.before).toEqual({ name: grid.name, nameEn: null });
    expect(audit!.after).toEqual({ name: '新华网格', nameEn: 'Xinhua Grid' });
  });

  it('fails with 403 for a dispatcher and 404 for the administrator of another district', async () => {
    const w = await world();
    const other = await createTenant(db);
    const otherAdmin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: other.district.id }, other.district.code),
    );
    expect((await patch(w.dispatcher, w.t.grids[0]!.id, { name: '改名' })).statusCode).toBe(403);
    expect((await patch(otherAdmin, w.t.grids[0]!.id, { name: '改名' })).statusCode).toBe(404);
    const preview = await post(otherAdmin, `/api/org/nodes/${w.t.grids[0]!.id}/boundary/preview`, layer());
    expect(preview.statusCode).toBe(404);
    expect((await nodeRow(w.t.grids[0]!.id))!.name).toBe(w.t.grids[0]!.name);
  });

  it('refuses an end before the start in the caller language and changes nothing', async () => {
    const w = await world();
    const grid = w.t.grids[0]!;
    const before = await nodeRow(grid.id);
    const zh = await patch(w.admin, grid.id, { validFrom: '2026-03-01', validTo: '2026-02-01' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([{ field: 'validTo', message: '结束日期须晚于开始日期' }]);
    const en = await patch(w.admin, grid.id, { name: '新名', validTo: before!.validFrom }, 'en-US');
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details[0].message).toBe('The end date must be after the start date');
    const bad = await patch(w.admin, grid.id, { validTo: '2026-13-45' });
    expect(bad.statusCode).toBe(400);
    expect(await nodeRow(grid.id)).toEqual(before);
  });

  it('refuses to end a community while its grids stay in force', async () => {
    const w = await world();
    const res = await patch(w.admin, w.t.communities[0]!.id, { validTo: '2099-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'validTo' });
    expect(res.json().error.details[0].message).toContain('2 个节点');
  });

  it('an ended grid takes no new report, while its earlier case keeps the grid it was filed under', async () => {
    const w = await world();
    const grid = w.t.grids[0]!;
    const filed = await report(app, w, w.resident);
    expect(filed.json().data.gridId).toBe(grid.id);
    await db.execute(sql`update org_nodes set valid_from = current_date - 30 where id = ${grid.id}`);
    const res = await patch(w.admin, grid.id, { validTo: new Date().toISOString().slice(0, 10) });
    expect(res.statusCode).toBe(200);
    const later = await report(app, w, w.resident);
    expect(later.json().data.gridId).not.toBe(grid.id);
    const kept = await one<{ gridId: number; orgCode: string }>(
      db,
      sql`select grid_id as "gridId", org_code as "orgCode" from cases where id = ${filed.json().data.id}`,
    );
    expect(kept).toEqual({ gridId: grid.id, orgCode: grid.code });
  });
});

describe('boundary re-import with preview', () => {
  /** Grid 0 takes the western half of grid 1, with one open case, one closed case and a household there. */
  async function borderMove() {
    const w = await world();
    const [x, y] = w.t.origin;
    const [g0, g1] = [w.t.grids[0]!, w.t.grids[1]!];
    const at = { lng: x + 1.25 * CELL, lat: y + 0.5 * CELL };
    const open = (await report(app, w, w.resident, { location: at })).json().data;
    const closed = (await report(app, w, w.resident, { location: at })).json().data;
    await db.execute(sql`update cases set state = 'closed' where id = ${closed.id}`);
    const b = await one<{ id: number }>(
      db,
      sql`insert into buildings (grid_id, name, address, geom)
          values (${g1.id}, '1号楼', ${`边界楼${g1.code}`}, st_setsrid(st_point(${at.lng}, ${y + 0.25 * CELL}), 4326))
          returning id`,
    );
    const h = await one<{ id: number }>(
      db,
      sql`insert into houses (building_id, unit, floor, room) values (${b!.id}, '1', 1, '101') returning id`,
    );
    await db.execute(
      sql`insert into households (grid_id, house_id, legacy_address) values (${g1.id}, ${h!.id}, '边界楼101')`,
    );
    const file = layer(
      { code: g0.code, geometry: rect(x, y, x + 1.5 * CELL, y + CELL) },
      { code: g1.code, geometry: rect(x + 1.5 * CELL, y, x + 2 * CELL, y + CELL) },
    );
    return { w, g0, g1, at, open, file };
  }

  it('previews both outlines, the area change and what would fall in another grid, writing nothing', async () => {
    const { w, g0, g1, file } = await borderMove();
    const before = await nodeRow(g0.id);
    const res = await post(w.admin, `/api/org/nodes/${g0.id}/boundary/preview`, file);
    expect(res.statusCode).toBe(200);
    const p = res.json().data;
    expect(p.problems).toEqual([]);
    expect(p.inOtherGrid).toEqual({ cases: 1, buildings: 1, households: 1 });
    const [c0, c1] = p.features;
    expect(c0).toMatchObject({
      code: g0.code,
      isNew: false,
      cases: { out: 0, in: 1 },
      households: { out: 0, in: 1 },
    });
    expect(c1).toMatchObject({ code: g1.code, cases: { out: 1, in: 0 }, buildings: { out: 1, in: 0 } });
    expect(c0.newAreaM2 / c0.oldAreaM2).toBeCloseTo(1.5, 2);
    expect(c0.oldGeometry.type).toBe('MultiPolygon');
    expect(c0.newGeometry.coordinates[0][0]).toHaveLength(5);
    expect(await nodeRow(g0.id)).toEqual(before);
    expect(await lastAudit(g0.code)).toBeNull();
  });

  it('applies the previewed boundary: existing cases keep their grid, new reports follow the new line', async () => {
    const { w, g0, g1, at, open, file } = await borderMove();
    const res = await post(w.admin, `/api/org/nodes/${g0.id}/boundary`, file);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ created: 0, updated: 2 });
    const kept = await one(
      db,
      sql`select grid_id as "gridId", org_code as "orgCode" from cases where id = ${open.id}`,
    );
    expect(kept).toEqual({ gridId: g1.id, orgCode: g1.code });
    const fresh = (await report(app, w, w.resident, { location: at })).json().data;
    expect(fresh.gridId).toBe(g0.id);
    // the names and dates the file left out are the nodes' own
    expect(await nodeRow(g0.id)).toMatchObject({ name: g0.name });
    const audit = await lastAudit(g1.code);
    expect(audit!.before.geomMd5).not.toEqual(audit!.after.geomMd5);
    expect(audit!.after).toMatchObject({ name: g1.name });
  });

  it('downloads a node outline at full precision that re-imports as it is, with its names and dates', async () => {
    const w = await world();
    const g0 = w.t.grids[0]!;
    // an outline with more decimals than the map shows, as surveyed boundaries have
    await db.execute(sql`update org_nodes set geom = st_multi(st_setsrid(st_buffer(geom, -0.0000001234567, 'join=mitre'), 4326)),
      valid_to = '2099-01-01' where id = ${g0.id}`);
    const res = await app.inject({
      method: 'GET',
      url: `/api/org/nodes/${g0.id}/boundary`,
      headers: { cookie: w.admin },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`${g0.code}.geojson`);
    const file = res.json();
    expect(file.features[0].properties).toMatchObject({
      code: g0.code,
      name: g0.name,
      valid_to: '2099-01-01',
    });
    const before = await nodeRow(g0.id);
    const preview = await post(w.admin, `/api/org/nodes/${g0.id}/boundary/preview`, file);
    expect(preview.json().data.problems).toEqual([]);
    expect(preview.json().data.features[0].newAreaM2).toBe(preview.json().data.features[0].oldAreaM2);
    expect((await post(w.admin, `/api/org/nodes/${g0.id}/boundary`, file)).statusCode).toBe(200);
    expect(await nodeRow(g0.id)).toEqual(before);
  });

  it('shows an overlap with a sibling in the preview and refuses it on apply, in the caller language', async () => {
    const w = await world();
    const [x, y] = w.t.origin;
    const g0 = w.t.grids[0]!;
    const alone = layer({ geometry: rect(x, y, x + 1.5 * CELL, y + CELL) });
    const res = await post(w.admin, `/api/org/nodes/${g0.id}/boundary/preview`, alone);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.problems).toEqual([
      expect.objectContaining({ code: g0.code, problem: 'overlaps', message: '与同级节点的边界重叠' }),
    ]);
    const before = await nodeRow(g0.id);
    const apply = await post(w.admin, `/api/org/nodes/${g0.id}/boundary`, alone, 'en-US');
    expect(apply.statusCode).toBe(422);
    expect(apply.json().error.details[0]).toMatchObject({
      problem: 'overlaps',
      message: 'overlaps a sibling node',
    });
    expect(await nodeRow(g0.id)).toEqual(before);
  });

  it('refuses a self-crossing outline and a file without the node, writing nothing', async () => {
    const w = await world();
    const [x, y] = w.t.origin;
    const g0 = w.t.grids[0]!;
    const bow = {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + CELL, y + CELL],
          [x + CELL, y],
          [x, y + CELL],
          [x, y],
        ],
      ],
    };
    const crossing = await post(w.admin, `/api/org/nodes/${g0.id}/boundary`, layer({ geometry: bow }));
    expect(crossing.statusCode).toBe(422);
    expect(crossing.json().error.details[0]).toMatchObject({ problem: 'invalid_polygon' });
    const elsewhere = layer({
      code: w.t.grids[1]!.code,
      geometry: rect(x + CELL, y, x + 2 * CELL, y + CELL),
    });
    const missing = await post(w.admin, `/api/org/nodes/${g0.id}/boundary/preview`, elsewhere);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details[0]).toMatchObject({ problem: 'node_missing' });
    const notAFile = await post(w.admin, `/api/org/nodes/${g0.id}/boundary/preview`, { type: 'Feature' });
    expect(notAFile.statusCode).toBe(400);
    const audits = await rows(
      db,
      sql`select 1 from audit_log where entity_id = ${g0.code} and action = 'org.update'`,
    );
    expect(audits).toEqual([]);
  });
});
