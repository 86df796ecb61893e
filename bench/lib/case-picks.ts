import { sql } from 'drizzle-orm';
import { type Db, one } from '../../server/src/infra/db.ts';

/**
 * Lookup tables the generator joins: the demo grids with their boxes and grid worker, and the leaf
 * categories with the units that usually own them and a wall-clock approximation of their disposal limit.
 * Real tables (not temporary ones) because the pool may run each statement on another connection.
 */
export async function createPickTables(
  db: Db,
  district: string,
): Promise<{ grids: number; categories: number }> {
  await db.execute(sql`drop table if exists bench_grid_pick, bench_category_pick, bench_unit_pick`);
  await db.execute(
    sql`create table bench_grid_pick as
        select (row_number() over (order by g.code) - 1)::int as k, g.id, g.code, g.name,
          st_xmin(g.geom) as x0, st_ymin(g.geom) as y0,
          st_xmax(g.geom) - st_xmin(g.geom) as w, st_ymax(g.geom) - st_ymin(g.geom) as h,
          (select gr.user_id from grants gr where gr.role = 'grid_worker' and gr.org_node_id = g.id
           order by gr.id limit 1) as worker
        from org_nodes g where g.level = 'grid' and g.code like ${`${district}%`} and g.geom is not null`,
  );
  await db.execute(
    sql`create table bench_unit_pick as
        select (row_number() over (order by u.id) - 1)::int as k, u.id
        from units u join org_nodes d on d.id = u.district_id where d.code = ${district}`,
  );
  // The owners are the units listing the exact sub-category, else those listing its top level, else one unit
  // chosen by code; a case goes to one of them by its grid (unit_ids[1 + grid % n]), so a district with many
  // units per category (bench/lib/issue-shape.ts) spreads the category's cases over all of them by area.
  // Limits in working time become wall-clock minutes: 8 working hours ≈ a calendar day, a working day ≈ 1.4.
  await db.execute(
    sql`create table bench_category_pick as
        select (row_number() over (order by c.code) - 1)::int as k, c.code, c.name_zh,
          coalesce(
            (select array_agg(uc.unit_id order by uc.unit_id) from unit_categories uc
             join bench_unit_pick up on up.id = uc.unit_id where uc.category_code = c.code),
            (select array_agg(uc.unit_id order by uc.unit_id) from unit_categories uc
             join bench_unit_pick up on up.id = uc.unit_id where uc.category_code = c.parent_code),
            array[(select up.id from bench_unit_pick up
             where up.k = abs(hashtext(c.code)) % (select count(*) from bench_unit_pick))]) as unit_ids,
          coalesce((c.limits -> 'normal' ->> 'value')::float8, 2)
            * case when c.limits -> 'normal' ->> 'unit' = 'hour' then 180 else 2016 end as limit_min
        from categories c where c.parent_code is not null and c.active`,
  );
  const n = await one<{ grids: number; categories: number; units: number }>(
    db,
    sql`select (select count(*) from bench_grid_pick)::int as grids,
          (select count(*) from bench_category_pick)::int as categories,
          (select count(*) from bench_unit_pick)::int as units`,
  );
  if (!n?.grids || !n.categories || !n.units)
    throw new Error(`demo district ${district} has no grids, categories or units to generate cases for`);
  return n;
}

/** Drops the generator's lookup tables. */
export async function dropPickTables(db: Db): Promise<void> {
  await db.execute(sql`drop table if exists bench_grid_pick, bench_category_pick, bench_unit_pick`);
}
