/**
 * A year of daily inspections in a district, set-based: each street's 晨查 walks the same `points` inspection
 * points every day (spread over the street's grids, each with its responsible leader and unit), answering the
 * `items` items of a bench checklist (point type P98); about one answer in twenty fails and goes onto the
 * rectification list (整改清单) with its leader, unit and a three-day deadline; rows older than three weeks are
 * struck off after a passed re-check. Stops and inspections carry their pass/fail counts as the submit
 * command writes them. Rows carry no case (a failed item's case is the case generator's business).
 * Idempotent per district: a second call with inspections of P98 already there adds nothing.
 */
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../server/src/infra/db.ts';

export interface GeneratedInspections {
  inspections: number;
  answers: number;
  rectifications: number;
  open: number;
  seconds: number;
}

export async function generateInspections(
  db: Db,
  opts: { district: string; days: number; points: number; items: number; leader: string },
): Promise<GeneratedInspections> {
  const t0 = performance.now();
  const d = (await one<{ id: number }>(db, sql`select id from org_nodes where code = ${opts.district}`))!;
  const have = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from inspection_points p join inspection_point_types t on t.id = p.point_type_id
        where t.code = 'P98' and p.district_id = ${d.id}`,
  );
  if (!have?.n) {
    await db.execute(sql`insert into inspection_point_types (code, name_zh, name_en, sort)
      values ('P98', '基准点位', 'Bench point', 98) on conflict (code) do nothing`);
    await db.execute(sql`insert into checklist_versions (point_type_id, version)
      select id, 1 from inspection_point_types where code = 'P98' on conflict do nothing`);
    // items file under the leaf categories in turn, so the bulletin's worst items and categories vary
    await db.execute(sql`insert into checklist_items (version_id, sort, text_zh, text_en, category_code)
      select v.id, i, '基准检查项' || i, 'Bench item ' || i, c.code
      from checklist_versions v join inspection_point_types t on t.id = v.point_type_id
      cross join generate_series(1, ${opts.items}::int) i
      join (select code, row_number() over (order by code) as k, count(*) over () as n from categories
            where parent_code is not null and active) c on c.k = 1 + (i * 7) % c.n
      where t.code = 'P98' on conflict do nothing`);
    // `points` points per street on grids spread over the street, units spread over the district's units
    await db.execute(sql`insert into inspection_points (district_id, grid_id, org_code, point_type_id, name, location,
        leader_id, unit_id)
      select ${d.id}, g.id, g.code, (select id from inspection_point_types where code = 'P98'), '基准点位' || g.code,
        st_pointonsurface(g.geom), ${opts.leader}::uuid,
        (select u.id from units u where u.district_id = ${d.id} order by u.id
          offset (g.rn * 37 + g.sk) % (select count(*) from units where district_id = ${d.id}) limit 1)
      from (select g.*, row_number() over (partition by substr(g.code, 1, 9) order by g.code) as rn,
              count(*) over (partition by substr(g.code, 1, 9)) as ng, dense_rank() over (order by substr(g.code, 1, 9)) as sk
            from org_nodes g where g.level = 'grid' and g.code like ${`${opts.district}%`} and g.geom is not null) g
      where g.rn % greatest(1, g.ng / ${opts.points}::int) = 0 and g.rn / greatest(1, g.ng / ${opts.points}::int) <= ${opts.points}::int`);
  }
  const done = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from inspections where district_id = ${d.id} and title like '基准晨查%'`,
  );
  if (!done?.n) {
    // one submitted 晨查 per street per day; the title carries the street code the stops are joined on
    await db.execute(sql`insert into inspections (district_id, kind, title, planned_on, planned_time, leader_id,
        created_by, state, started_at, submitted_at, points_visited, items_answered)
      select ${d.id}, 'morning_inspection', '基准晨查 ' || s.code || ' ' || to_char(day, 'YYYY-MM-DD'), day::date,
        '06:00', ${opts.leader}::uuid, ${opts.leader}::uuid, 'submitted', day + interval '6 hours',
        day + interval '7 hours 30 minutes', ${opts.points}::int, ${opts.points * opts.items}::int
      from generate_series(current_date - ${opts.days}::int, current_date - 1, interval '1 day') day
      cross join org_nodes s where s.level = 'street' and s.code like ${`${opts.district}%`}`);
    await db.execute(sql`insert into inspection_stops (inspection_id, point_id, seq, checklist_version_id, org_code, visited_at)
      select i.id, p.id, row_number() over (partition by i.id order by p.org_code), v.id, p.org_code,
        i.started_at + (row_number() over (partition by i.id order by p.org_code)) * interval '4 minutes'
      from inspections i
      join inspection_points p on p.district_id = i.district_id and substr(p.org_code, 1, 9) = substr(i.title, 6, 9)
      join inspection_point_types t on t.id = p.point_type_id and t.code = 'P98'
      join checklist_versions v on v.point_type_id = t.id and v.version = 1
      where i.district_id = ${d.id} and i.title like '基准晨查%'`);
    await db.execute(sql`insert into inspection_answers (stop_id, item_id, result, answered_at)
      select s.id, it.id, case when (hashtext(s.id::text || '-' || it.sort) & 1023) < 51 then 'fail' else 'pass' end,
        s.visited_at
      from inspection_stops s join inspections i on i.id = s.inspection_id
      join checklist_items it on it.version_id = s.checklist_version_id
      where i.district_id = ${d.id} and i.title like '基准晨查%'`);
    await db.execute(sql`update inspection_stops s set items_passed = a.passed, items_failed = a.failed,
        score = round(100.0 * a.passed / greatest(1, a.passed + a.failed), 2)
      from (select a.stop_id, count(*) filter (where a.result = 'pass')::int as passed,
              count(*) filter (where a.result = 'fail')::int as failed
            from inspection_answers a join inspection_stops s on s.id = a.stop_id
            join inspections i on i.id = s.inspection_id
            where i.district_id = ${d.id} and i.title like '基准晨查%' group by a.stop_id) a
      where a.stop_id = s.id`);
    await db.execute(sql`update inspections i set items_passed = s.passed, items_failed = s.failed,
        score = round(100.0 * s.passed / greatest(1, s.passed + s.failed), 2)
      from (select inspection_id, sum(items_passed)::int as passed, sum(items_failed)::int as failed
            from inspection_stops group by inspection_id) s
      where s.inspection_id = i.id and i.district_id = ${d.id} and i.title like '基准晨查%'`);
    await db.execute(sql`insert into rectifications (district_id, inspection_id, answer_id, point_id, item_id, org_code,
        origin, description, category_code, leader_id, unit_id, deadline_on, recheck_at, recheck_passed,
        struck_off_at, created_at)
      select ${d.id}, i.id, a.id, p.id, a.item_id, p.org_code, 'morning_inspection', p.name || '：' || it.text_zh,
        it.category_code, p.leader_id, p.unit_id, i.planned_on + 3,
        case when i.planned_on < current_date - 21 then i.submitted_at + interval '4 days' end,
        case when i.planned_on < current_date - 21 then true end,
        case when i.planned_on < current_date - 21 then i.submitted_at + interval '4 days' end, i.submitted_at
      from inspection_answers a join inspection_stops s on s.id = a.stop_id join inspections i on i.id = s.inspection_id
      join inspection_points p on p.id = s.point_id join checklist_items it on it.id = a.item_id
      where a.result = 'fail' and i.district_id = ${d.id} and i.title like '基准晨查%'`);
    await db.execute(sql`analyze inspections`);
    await db.execute(sql`analyze inspection_stops`);
    await db.execute(sql`analyze inspection_answers`);
    await db.execute(sql`analyze rectifications`);
  }
  const n = await one<{ inspections: number; answers: number; rectifications: number; open: number }>(
    db,
    sql`select (select count(*)::int from inspections where district_id = ${d.id}) as inspections,
          (select count(*)::int from inspection_answers a join inspection_stops s on s.id = a.stop_id
            join inspections i on i.id = s.inspection_id where i.district_id = ${d.id}) as answers,
          (select count(*)::int from rectifications where district_id = ${d.id}) as rectifications,
          (select count(*)::int from rectifications where district_id = ${d.id} and struck_off_at is null) as open`,
  );
  return { ...n!, seconds: (performance.now() - t0) / 1000 };
}
