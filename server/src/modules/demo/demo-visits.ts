import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';
import { rebuildQuarters } from '../visits/commands/count-quarter.ts';
import { FAR_METRES, householdPoint } from '../visits/location.ts';

/** Needs heard on demo visits and settled on the spot, with what was done. */
const RESOLVED = [
  ['咨询高龄补贴申请材料', '当场讲解了所需材料和办理地点'],
  ['家里老人想办理助老餐', '已登记，社区食堂下周起送餐'],
  ['询问医保缴费时间', '告知了缴费截止日期和线上缴费方式'],
  ['反映楼道杂物堆放', '已联系楼栋长当场清理'],
] as const;

/**
 * Six weeks of door-to-door visits in the demo district: each grid's worker has visited a little over half
 * of the grid's households (in person mostly, some by phone), checking in near the building, one in 40 from
 * too far away; one visit in 12 heard a need settled on the spot. Written in SQL from the households, so it
 * takes a moment for the ~33,000 households. Needs that become cases are left to people trying the demo:
 * they go through the intake like every case.
 */
export async function seedVisits(db: Db, districtCode: string): Promise<void> {
  await db.execute(sql`
    with workers as (
      select distinct on (g.org_node_id) g.org_node_id as grid_id, g.user_id
      from grants g join org_nodes n on n.id = g.org_node_id
      where g.role = 'grid_worker' and n.code like ${`${districtCode}%`}
      order by g.org_node_id, g.id),
    picked as (
      select h.id as household_id, n.code, w.user_id, ${householdPoint(sql`h`)} as pt,
        (h.id * 2654435761::bigint) % 1000 as r
      from households h join org_nodes n on n.id = h.grid_id join workers w on w.grid_id = h.grid_id
      where n.code like ${`${districtCode}%`}),
    placed as (
      select household_id, code, user_id, r,
        st_x(pt) + case when r % 40 = 0 then 0.004 else ((r % 7) - 3) * 0.0002 end as lng,
        st_y(pt) + ((r % 5) - 2) * 0.0002 as lat, pt
      from picked where r < 560)
    insert into visits (household_id, org_code, visitor_id, kind, visited_at, checkin_lng, checkin_lat,
      distance_m, far, notes, is_demo)
    select household_id, code, user_id, case when r % 9 = 0 then 'phone' else 'home' end,
      now() - make_interval(days => (r % 42)::int, hours => (r % 8)::int),
      case when r % 9 = 0 then null else lng end, case when r % 9 = 0 then null else lat end,
      case when r % 9 = 0 then null
        else round(st_distance(st_setsrid(st_point(lng, lat), 4326)::geography, pt::geography))::int end,
      r % 9 <> 0 and st_distance(st_setsrid(st_point(lng, lat), 4326)::geography, pt::geography) > ${FAR_METRES},
      case when r % 3 = 0 then '家中情况正常' end, true
    from placed`);
  const pairs = JSON.stringify(RESOLVED.map(([d, r]) => ({ d, r })));
  await db.execute(sql`
    with heard as (select jsonb_array_elements(${pairs}::jsonb) as e),
    need as (select row_number() over () - 1 as k, e->>'d' as d, e->>'r' as r from heard)
    insert into visit_needs (visit_id, household_id, org_code, description, outcome, resolution, replied_at,
      replied_by, created_at)
    select v.id, v.household_id, v.org_code, n.d, 'resolved', n.r, v.visited_at, v.visitor_id, v.visited_at
    from visits v join need n on n.k = v.id % ${RESOLVED.length}
    where v.is_demo and v.id % 12 = 0 and v.org_code like ${`${districtCode}%`}`);
  await rebuildQuarters(db, districtCode);
}
