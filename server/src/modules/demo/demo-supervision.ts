import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { issueBulletin } from '../bulletins/commands/issue-bulletin.ts';
import { previousWorkday } from '../bulletins/schedule.ts';
import { loadCalendar } from '../calendar/load-calendar.ts';
import { districtDay } from '../case-reports/period.ts';
import { evaluateWeek } from '../scores/commands/evaluate-week.ts';
import { addDays, lastEndedWeek } from '../scores/weeks.ts';

const DEMO_CASES = 4_000;
const DAYS = 35;
const WEEKS = 4;

/**
 * Five weeks of case history for the demo district, so that a newcomer sees scores, flags and bulletins: cases
 * of the last 35 days in every grid, written in their final state with the counters the workflow writes
 * (like the benchmarks' generator), each street keeping its own quality so the rankings differ. Then the last
 * four weeks are evaluated (一周一评比, oldest first, so the two-week black-flag rule has a week before it) and
 * bulletins issued: the district's and the first street's daily ones of the last five working days, weekly
 * ones of the last three weeks and the last month's review. These rows are history: a new case is still
 * opened only through the intake.
 */
export async function seedDemoSupervision(db: Db, district: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.42)`);
    await tx.execute(
      sql`with grids as (
            select g.id, g.code, st_x(st_centroid(g.geom)) as x, st_y(st_centroid(g.geom)) as y,
              (row_number() over (order by g.code) - 1)::int as k,
              -- a street's quality: the share of its cases handled on time and to the reporter's liking
              0.5 + 0.45 * ((abs(hashtext(left(g.code, 9))) % 1000) / 1000.0) as q
            from org_nodes g where g.level = 'grid' and g.code like ${`${district}%`} and g.geom is not null),
          cats as (
            select c.code, c.name_zh, (row_number() over (order by c.code) - 1)::int as k,
              (select uc.unit_id from unit_categories uc join units u on u.id = uc.unit_id
               where u.is_demo and uc.category_code = left(c.code, 2) order by uc.unit_id limit 1) as unit_id
            from categories c where c.parent_code is not null),
          s as (
            select n, floor(random() * (select count(*) from grids))::int as gk,
              floor(random() * (select count(*) from cats))::int as ck, random() * ${DAYS} as age,
              random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as rx, random() as ry
            from generate_series(1, ${DEMO_CASES}) n),
          a as (
            select s.*, g.id as grid_id, g.code as org_code, g.x + (s.rx - 0.5) * 0.004 as lng,
              g.y + (s.ry - 0.5) * 0.004 as lat, g.q, c.code as category_code, c.name_zh,
              coalesce(c.unit_id, (select min(id) from units where is_demo)) as unit_id,
              ${now.toISOString()}::timestamptz - s.age * interval '1 day' as rep
            from s join grids g on g.k = s.gk join cats c on c.k = s.ck),
          t as (
            select a.*, a.rep + interval '40 minutes' as disp, a.rep + interval '2 days' as due,
              a.rep + case when a.r1 < a.q then interval '1 day' * (0.2 + a.r2 * 1.6) else interval '1 day' * (2.2 + a.r2 * 2) end as dispo
            from a),
          f as (
            select t.*, t.dispo + interval '3 hours' + case when t.r4 < 0.1 then interval '1 day' else interval '0' end as clo
            from t)
          insert into cases (tracking_code, source, category_code, urgency, state, description, address, location,
            grid_id, org_code, unit_id, first_unit_id, reported_at, filed_at, dispatched_at, disposed_at, closed_at,
            rated_at, rating, deadline_at, stage, stage_started_at, stage_deadline_at, c_valid, c_intime_dispatch,
            c_accurate_dispatch, c_disposed, c_intime_dispose, c_checked, c_rework, c_intime_close, handling_minutes,
            check_passed)
          select 'DM' || to_char(f.rep at time zone 'UTC', 'YYMMDD') || '-' || lpad(f.n::text, 5, '0'),
            case when f.r5 < f.q then 'grid_patrol' else 'resident' end, f.category_code, 'normal',
            case when f.clo < now() then 'closed' when f.dispo < now() then 'pending_check' else 'dispatched' end,
            '演示案件：' || f.name_zh, null, st_setsrid(st_makepoint(f.lng, f.lat), 4326), f.grid_id, f.org_code,
            f.unit_id, f.unit_id, f.rep, f.rep + interval '20 minutes', f.disp,
            case when f.dispo < now() then f.dispo end, case when f.clo < now() then f.clo end,
            case when f.clo < now() and f.r3 < 0.7 then f.clo + interval '2 hours' end,
            case when f.clo < now() and f.r3 < 0.7 then
              case when f.r3 < f.q * 0.7 then 'satisfied' when f.r3 < 0.6 then 'basic' else 'dissatisfied' end end,
            f.due,
            case when f.clo < now() then null when f.dispo < now() then 'check' else 'dispose' end,
            case when f.clo < now() then null when f.dispo < now() then f.dispo else f.disp end,
            case when f.clo < now() then null when f.dispo < now() then f.dispo + interval '4 hours' else f.due end,
            1, 1, case when f.clo < now() then 1 end, case when f.dispo < now() then 1 else 0 end,
            case when f.dispo < now() then case when f.dispo <= f.due then 1 else 0 end end,
            case when f.clo < now() then 1 else 0 end, case when f.clo < now() and f.r4 < 0.1 then 1 else 0 end,
            case when f.clo < now() then case when f.clo <= f.due then 1 else 0 end end,
            case when f.clo < now() then (extract(epoch from f.clo - f.rep) / 60 / 3)::int end,
            f.clo < now()
          from f`,
    );
  });
  const lastWeek = lastEndedWeek(now);
  for (let k = WEEKS - 1; k >= 0; k--) await evaluateWeek(db, district, addDays(lastWeek, -7 * k), now);
  const street = `${district}001`;
  const calendar = await loadCalendar(db);
  const isWorkday = (d: string) => calendar.isWorkday(d);
  let day = districtDay(now);
  for (let i = 0; i < 5; i++) {
    const from = previousWorkday(day, isWorkday);
    for (const org of [district, street]) {
      await issueBulletin(db, { org, kind: 'daily', from, to: addDays(day, -1) }, now);
    }
    day = from;
  }
  for (let k = 2; k >= 0; k--) {
    const from = addDays(lastWeek, -7 * k);
    for (const org of [district, street]) {
      await issueBulletin(db, { org, kind: 'weekly', from, to: addDays(from, 6) }, now);
    }
  }
  const first = `${districtDay(now).slice(0, 8)}01`;
  const monthEnd = addDays(first, -1);
  await issueBulletin(
    db,
    { org: district, kind: 'monthly', from: `${monthEnd.slice(0, 8)}01`, to: monthEnd },
    now,
  );
  const n = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from bulletins where district_code = ${district}`,
  );
  if (!n?.n) throw new Error('demo bulletins were not issued');
}
