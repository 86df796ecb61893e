import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';

const CATEGORIES = [
  'civility',
  'environment',
  'traffic',
  'care',
  'mediation',
  'patrol',
  'culture',
  'lecture',
  'health',
  'five_elders',
];
const TITLES = [
  '文明劝导进路口',
  '清洁家园大扫除',
  '关爱空巢老人',
  '垃圾分类宣传',
  '平安夜巡',
  '理论政策宣讲',
];
const TYPES = ['civility', 'cleanup', 'care', 'service', 'service', 'lecture'];

/**
 * The demo district's volunteers (issue 13): about 2,000 ambassadors (道德文明使者) drawn from the adult
 * residents of the archive in the ten categories and every lifecycle stage, a team per community and per street,
 * ten activities per community over the last three months with verified hours paid through the ledger (one row
 * per attendance, balances and monthly totals summed from it), goods in each community's 爱心超市, an activity
 * under way today in 富民社区, and the demo `volunteer` account linked to an active volunteer there. The
 * seeds' 32,000 activities are scaled down to 600 so the demo starts quickly.
 */
export async function seedVolunteers(db: Db, districtCode: string, demoCommunityCode: string): Promise<void> {
  const like = `${districtCode}%`;
  await db.execute(sql`
    insert into volunteers (person_id, org_code, category_code, stage, is_demo)
    select p.id, substr(n.code, 1, 12),
      (${`{${CATEGORIES.join(',')}}`}::text[])[1 + (p.id % 10)],
      case when p.id % 20 = 0 then 'retired' when p.id % 10 = 1 then 'recommended' when p.id % 10 = 2 then 'selected'
        when p.id % 10 in (3, 4) then 'trained' else 'active' end,
      true
    from persons p join org_nodes n on n.id = p.grid_id
    where n.code like ${like} and p.status = 'resident' and p.birth_date < current_date - interval '18 years'
      and (p.id * 2654435761::bigint) % 1000 < 25`);
  await db.execute(sql`
    insert into volunteer_stage_events (volunteer_id, from_stage, to_stage, note, created_at)
    select id, null, stage, '演示数据', now() - interval '120 days' from volunteers where is_demo`);
  await db.execute(sql`
    insert into volunteer_teams (org_code, name, is_demo)
    select code, name || case when level = 'street' then '新时代文明实践志愿服务队' else '志愿服务队' end, true
    from org_nodes where code like ${like} and level in ('street', 'community')`);
  await db.execute(sql`
    insert into volunteer_team_members (team_id, volunteer_id)
    select t.id, v.id from volunteers v join volunteer_teams t on t.org_code = v.org_code
    where v.is_demo and v.stage <> 'retired'`);
  const organiser = sql`(select id from users where username = 'community')`;
  await db.execute(sql`
    insert into volunteer_activities (org_code, team_id, organiser_id, title, type_code, place, geom, starts_at,
      ends_at, capacity, is_demo)
    select n.code, t.id, ${organiser}, (${`{${TITLES.join(',')}}`}::text[])[1 + (k % 6)],
      (${`{${TYPES.join(',')}}`}::text[])[1 + (k % 6)], n.name || '党群服务中心门前', st_pointonsurface(n.geom),
      date_trunc('day', now()) - make_interval(days => 3 + k * 9) + interval '8 hours',
      date_trunc('day', now()) - make_interval(days => 3 + k * 9) + interval '8 hours' + make_interval(hours => 2 + k % 3),
      30, true
    from org_nodes n join volunteer_teams t on t.org_code = n.code, generate_series(0, 9) k
    where n.code like ${like} and n.level = 'community'`);
  // each active or trained volunteer attended some of their community's activities; hours verified
  await db.execute(sql`
    with picked as (
      select a.id as activity_id, v.id as volunteer_id, a.starts_at, a.ends_at,
        row_number() over (partition by a.id order by (v.id * 7 + a.id * 13) % 101) as n
      from volunteer_activities a join volunteers v on v.org_code = a.org_code
      where a.is_demo and v.stage in ('trained', 'active'))
    insert into volunteer_signups (activity_id, volunteer_id, signed_up_at, signed_in_at, in_distance_m,
      signed_out_at, out_distance_m, hours, verified_at, verified_by)
    select activity_id, volunteer_id, starts_at - interval '2 days', starts_at, 40, ends_at, 35,
      extract(epoch from ends_at - starts_at) / 3600, ends_at + interval '1 hour', ${organiser}
    from picked where n <= 12`);
  await db.execute(sql`
    update volunteer_activities a set signed_up = (select count(*) from volunteer_signups s where s.activity_id = a.id)
    where a.is_demo`);
  await db.execute(sql`
    with paid as (
      select s.volunteer_id, s.activity_id, s.hours, s.verified_at, v.org_code,
        round(s.hours * ty.coefficient * 10)::int as delta
      from volunteer_signups s join volunteers v on v.id = s.volunteer_id
        join volunteer_activities a on a.id = s.activity_id join volunteer_activity_types ty on ty.code = a.type_code
      where a.is_demo)
    insert into volunteer_points (volunteer_id, org_code, delta, balance, reason, activity_id, hours, created_at)
    select volunteer_id, org_code, delta,
      sum(delta) over (partition by volunteer_id order by verified_at, activity_id), 'service', activity_id, hours,
      verified_at
    from paid`);
  await db.execute(sql`
    update volunteers v set points = t.total
    from (select volunteer_id, sum(delta)::int as total from volunteer_points group by volunteer_id) t
    where t.volunteer_id = v.id and v.is_demo`);
  await db.execute(sql`
    insert into volunteer_points_monthly (volunteer_id, month, org_code, points, hours)
    select volunteer_id, date_trunc('month', created_at at time zone 'Asia/Shanghai')::date, org_code, sum(delta),
      sum(coalesce(hours, 0))
    from volunteer_points p where exists (select 1 from volunteers v where v.id = p.volunteer_id and v.is_demo)
    group by 1, 2, 3`);
  await db.execute(sql`
    insert into volunteer_points_yearly (volunteer_id, year, org_code, points, hours)
    select volunteer_id, extract(year from month)::int, org_code, sum(points), sum(hours)
    from volunteer_points_monthly m where exists (select 1 from volunteers v where v.id = m.volunteer_id and v.is_demo)
    group by 1, 2, 3`);
  await db.execute(sql`
    insert into volunteer_goods (org_code, name, points, stock, is_demo)
    select n.code, g.name, g.points, g.stock, true
    from org_nodes n, (values ('洗衣液', 60, 40), ('食用油 5L', 150, 20), ('大米 10kg', 200, 15)) g(name, points, stock)
    where n.code like ${like} and n.level = 'community'`);
  // the demo account: an active volunteer of its community, and an activity under way there today
  await db.execute(sql`
    update volunteers set user_id = (select id from users where username = 'volunteer')
    where id = (select id from volunteers where org_code = ${demoCommunityCode} and stage = 'active' and is_demo
                order by id limit 1)`);
  await db.execute(sql`
    insert into volunteer_activities (org_code, team_id, organiser_id, title, type_code, place, geom, starts_at,
      ends_at, capacity, is_demo)
    select n.code, (select id from volunteer_teams where org_code = n.code), ${organiser}, '周末文明劝导', 'civility',
      '富民社区广场', st_pointonsurface(n.geom), date_trunc('hour', now()) - interval '1 hour',
      date_trunc('hour', now()) + interval '5 hours', 20, true
    from org_nodes n where n.code = ${demoCommunityCode}`);
  // the grid each place lies in, as creating an activity in the console records it
  await db.execute(sql`
    update volunteer_activities a set grid_code = (select g.code from org_nodes g
      where g.level = 'grid' and st_intersects(g.geom, a.geom) order by g.code limit 1)
    where a.is_demo and a.grid_code is null`);
}
