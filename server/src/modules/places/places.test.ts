import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let a: Tenant;
let b: Tenant;
let dispatcher: string;
let community: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  a = await createTenant(db);
  b = await createTenant(db);
  for (const t of [a, b]) {
    const p = gridCentre(t, 1);
    await db.execute(
      sql`insert into buildings (grid_id, name, address, geom)
          values (${t.grids[1]!.id}, '幸福小区3号楼', ${`人民路${t.district.code}号`}, st_setsrid(st_point(${p.lng}, ${p.lat}), 4326))`,
    );
  }
  dispatcher = await loginAs(
    app,
    await createUserWith(db, 'dispatcher', { orgNodeId: a.district.id }, a.district.code),
  );
  community = await loginAs(
    app,
    await createUserWith(db, 'community_staff', { orgNodeId: a.communities[1]!.id }, a.district.code),
  );
});

const search = (cookie: string, q: string) =>
  app.inject({
    url: `/api/places?q=${encodeURIComponent(q)}`,
    headers: { cookie, 'accept-language': 'zh-CN' },
  });

describe('address search for the intake', () => {
  it('finds a building by its address and a grid by its name, with the point to pin', async () => {
    const res = await search(dispatcher, '幸福小区');
    expect(res.statusCode).toBe(200);
    const hits = res.json().data;
    expect(hits).toHaveLength(1);
    const p = gridCentre(a, 1);
    expect(hits[0]).toMatchObject({
      kind: 'building',
      name: '幸福小区3号楼',
      address: `人民路${a.district.code}号`,
    });
    expect(hits[0].lng).toBeCloseTo(p.lng, 6);
    expect(hits[0].area).toContain(a.grids[1]!.name);
    const grid = (await search(dispatcher, a.grids[0]!.name)).json().data;
    expect(grid).toEqual([expect.objectContaining({ kind: 'grid', name: a.grids[0]!.name, address: null })]);
  });

  it('keeps to the caller’s areas: another district’s building and another community’s grids stay out', async () => {
    expect((await search(dispatcher, `人民路${b.district.code}号`)).json().data).toEqual([]);
    // community staff of a's second community: its own grids only
    const names = (await search(community, '网格')).json().data.map((h: { name: string }) => h.name);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names)
      expect(a.grids.filter((g) => g.code.startsWith(a.communities[1]!.code)).map((g) => g.name)).toContain(
        n,
      );
  });

  it('treats % and _ as text, and refuses an empty or long query in the caller’s language', async () => {
    expect((await search(dispatcher, '%')).json().data).toEqual([]);
    const empty = await search(dispatcher, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await search(dispatcher, 'x'.repeat(61))).statusCode).toBe(400);
  });
});
