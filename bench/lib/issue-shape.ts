/**
 * Grows the demo district to the shape issue 10 states its performance goal at: 150 communities, 3,000 grids
 * and 200 responsible units (the demo tree has 60, 336 and 13). Synthetic communities are added under the 8
 * streets (round robin), each a block of square grids east of the demo lattice, so the point-to-grid lookup
 * (`st_intersects(geom, point)` on level 'grid') places a point in them like in any demo grid; synthetic units
 * list one top-level category each, so the case generator (case-picks.ts) spreads each category's cases over
 * every unit that lists it. Set-based SQL; idempotent (a second call adds nothing).
 */
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../server/src/infra/db.ts';

/** The target shape; defaults are the issue's. */
export interface IssueShape {
  communities: number;
  grids: number;
  units: number;
}

export const ISSUE_SHAPE: IssueShape = { communities: 150, grids: 3000, units: 200 };

// a synthetic community is a block of COLS × ROWS grids of SIDE degrees (≈ 300 m); blocks 10 to a row
const SIDE = 0.003;
const COLS = 6;
const ROWS = 5;

/** What the district holds after growing it. */
export interface ShapeCounts {
  streets: number;
  communities: number;
  grids: number;
  units: number;
  seconds: number;
}

export async function growToIssueShape(
  db: Db,
  district: string,
  shape: IssueShape = ISSUE_SHAPE,
): Promise<ShapeCounts> {
  const t0 = performance.now();
  const d = await one<{ id: number; communities: number; grids: number; x: number; y: number }>(
    db,
    sql`select n.id,
          (select count(*)::int from org_nodes c where c.level = 'community' and c.code like ${`${district}%`}) as communities,
          (select count(*)::int from org_nodes g where g.level = 'grid' and g.code like ${`${district}%`}) as grids,
          (select st_xmax(st_extent(g.geom)) from org_nodes g where g.level = 'grid' and g.code like ${`${district}%`}) as x,
          (select st_ymax(st_extent(g.geom)) from org_nodes g where g.level = 'grid' and g.code like ${`${district}%`}) as y
        from org_nodes n where n.code = ${district}`,
  );
  if (!d) throw new Error(`district ${district} not found`);
  const addCommunities = Math.max(0, shape.communities - d.communities);
  const addGrids = Math.max(0, shape.grids - d.grids);
  if (addGrids > addCommunities * COLS * ROWS)
    throw new Error(`${addGrids} grids do not fit in ${addCommunities} blocks of ${COLS * ROWS}`);
  if (addCommunities > 0) {
    // communities 5xx of each street, round robin over the streets; block k sits east of the demo lattice
    await db.execute(sql`insert into org_nodes (code, parent_id, level, kind, name, name_en, geom)
      select s.code || (500 + (k / ns)::int)::text, s.id, 'community', 'community', '基准社区' || (k + 1),
        'Bench community ' || (k + 1),
        st_multi(st_makeenvelope(${d.x}::float8 + 0.01 + (k % 10) * ${sql.raw(String(COLS * SIDE + SIDE))},
          ${d.y}::float8 - (k / 10) * ${sql.raw(String(ROWS * SIDE + SIDE))} - ${sql.raw(String(ROWS * SIDE))},
          ${d.x}::float8 + 0.01 + (k % 10) * ${sql.raw(String(COLS * SIDE + SIDE))} + ${sql.raw(String(COLS * SIDE))},
          ${d.y}::float8 - (k / 10) * ${sql.raw(String(ROWS * SIDE + SIDE))}, 4326))
      from generate_series(0, ${addCommunities - 1}::int) k
      cross join lateral (select count(*)::int as ns from org_nodes where level = 'street' and code like ${`${district}%`}) c
      join lateral (select code, id from org_nodes where level = 'street' and code like ${`${district}%`}
        order by code offset (k % c.ns) limit 1) s on true`);
    // the grids of each new community: its share of the missing grids, filling its block row by row
    await db.execute(sql`insert into org_nodes (code, parent_id, level, name, name_en, geom)
      select c.code || lpad((g + 1)::text, 3, '0'), c.id, 'grid', c.name || '网格' || (g + 1),
        c.name_en || ' grid ' || (g + 1),
        st_multi(st_makeenvelope(st_xmin(c.geom) + (g % ${sql.raw(String(COLS))}) * ${sql.raw(String(SIDE))}, st_ymax(c.geom) - (g / ${sql.raw(String(COLS))} + 1) * ${sql.raw(String(SIDE))},
          st_xmin(c.geom) + (g % ${sql.raw(String(COLS))} + 1) * ${sql.raw(String(SIDE))}, st_ymax(c.geom) - (g / ${sql.raw(String(COLS))}) * ${sql.raw(String(SIDE))}, 4326))
      from (select n.*, row_number() over (order by n.id) - 1 as k from org_nodes n
            where n.level = 'community' and n.name like '基准社区%' and n.code like ${`${district}%`}) c
      cross join lateral generate_series(0, (${Math.floor(addGrids / Math.max(1, addCommunities))}
        + case when c.k < ${addGrids % Math.max(1, addCommunities)} then 1 else 0 end)::int - 1) g`);
  }
  const units = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from units u join org_nodes n on n.id = u.district_id where n.code = ${district}`,
  );
  const addUnits = Math.max(0, shape.units - (units?.n ?? 0));
  if (addUnits > 0) {
    // mostly property companies (物业), some departments; each lists one top-level category, cycling
    await db.execute(sql`insert into units (district_id, code, name, name_en, type)
      select ${d.id}, 'BU' || lpad(u::text, 3, '0'), '基准责任单位' || u, 'Bench unit ' || u,
        case when u % 4 = 0 then 'department' else 'property_company' end
      from generate_series(1, ${addUnits}) u`);
    await db.execute(sql`insert into unit_categories (unit_id, category_code)
      select u.id, t.code from (select id, row_number() over (order by id) - 1 as k from units where code like 'BU%') u
      join (select code, row_number() over (order by code) - 1 as k, count(*) over () as n
            from categories where parent_code is null and active) t on t.k = u.k % t.n
      on conflict do nothing`);
  }
  await db.execute(sql`analyze org_nodes`);
  const n = await one<{ streets: number; communities: number; grids: number; units: number }>(
    db,
    sql`select count(*) filter (where level = 'street')::int as streets,
          count(*) filter (where level = 'community')::int as communities,
          count(*) filter (where level = 'grid')::int as grids,
          (select count(*)::int from units where district_id = ${d.id}) as units
        from org_nodes where code like ${`${district}%`}`,
  );
  return { ...n!, seconds: (performance.now() - t0) / 1000 };
}
