/**
 * The rectification list (整改清单) at a year of daily inspections: 8 streets × 20 points × 20 items a day
 * (≈ 1.2 million answers), about one item in twenty failing onto the list, most rows struck off after their
 * re-check. Times `listRectifications` (server/src/modules/rectifications/queries.ts), the query behind
 * GET /api/rectifications, for a district leader, a street office and a unit, first page and filtered.
 *
 *   npx tsx bench/rectifications.ts                                   # PGlite, BENCH_DAYS=60 by default
 *   DATABASE_URL=postgres://… npx tsx bench/rectifications.ts        # PostgreSQL, a year (BENCH_DAYS=365)
 *
 * The synthetic district (code 990101) is generated with set-based SQL and removed at the end.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../server/src/infra/db.ts';
import { one } from '../server/src/infra/db.ts';
import type { Actor, ActorGrant } from '../server/src/modules/auth/actor.ts';
import { seedCategories } from '../server/src/modules/categories/seed-categories.ts';
import { seedChecklists } from '../server/src/modules/inspections/seed-checklists.ts';
import { listRectifications } from '../server/src/modules/rectifications/queries.ts';
import { openBenchDatabase } from './lib/database.ts';
import { percentile, timeOps } from './lib/measure.ts';
import { fmt, line } from './lib/report.ts';

const postgres = Boolean(process.env.DATABASE_URL);
const DAYS = Number(process.env.BENCH_DAYS ?? (postgres ? 365 : 60));
const STREETS = 8;
const POINTS = 20;
const ITEMS = 20;
const D = '990101';

const { database, engine } = await openBenchDatabase();
const db: Db = database.db;
console.log('Rectification list: listRectifications() on a year of daily inspections');
console.log(`engine: ${engine}`);
await seedCategories(db);
await seedChecklists(db);

async function generate(): Promise<void> {
  const t0 = performance.now();
  await db.execute(sql`delete from org_nodes where code like ${`${D}%`}`).catch(() => undefined);
  // the district, 8 streets, one community and one grid per point (geometry is not needed by the list)
  await db.execute(sql`insert into org_nodes (code, level, name) values (${D}, 'district', '基准区')`);
  await db.execute(sql`insert into org_nodes (code, parent_id, level, kind, name)
    select ${D} || lpad(s::text, 3, '0'), (select id from org_nodes where code = ${D}), 'street', 'street', '街道' || s
    from generate_series(1, ${STREETS}) s`);
  await db.execute(sql`insert into org_nodes (code, parent_id, level, kind, name)
    select p.code || '001', p.id, 'community', 'community', p.name || '社区' from org_nodes p
    where p.level = 'street' and p.code like ${`${D}%`}`);
  await db.execute(sql`insert into org_nodes (code, parent_id, level, name)
    select c.code || lpad(g::text, 3, '0'), c.id, 'grid', '网格' || g from org_nodes c, generate_series(1, ${POINTS}) g
    where c.level = 'community' and c.code like ${`${D}%`}`);
  const district = await one<{ id: number }>(db, sql`select id from org_nodes where code = ${D}`);
  await db.execute(sql`insert into units (district_id, code, name, type)
    select ${district!.id}, 'B' || ${D} || '-' || u, '基准单位' || u, 'department' from generate_series(1, 200) u`);
  // a point type with a 20-item checklist
  await db.execute(sql`insert into inspection_point_types (code, name_zh, name_en) values ('P99', '基准点位', 'Bench')
    on conflict (code) do nothing`);
  await db.execute(sql`insert into checklist_versions (point_type_id, version)
    select id, 1 from inspection_point_types where code = 'P99' on conflict do nothing`);
  await db.execute(sql`insert into checklist_items (version_id, sort, text_zh, category_code)
    select v.id, i, '基准检查项' || i, '01.03' from checklist_versions v join inspection_point_types t on t.id = v.point_type_id,
      generate_series(1, ${ITEMS}) i where t.code = 'P99' on conflict do nothing`);
  const leader = await one<{ id: string }>(
    db,
    sql`insert into users (username, display_name, home_code)
    values ('bench_leader_' || ${D}, '基准领导', ${D}) on conflict do nothing returning id`,
  );
  const leaderId =
    leader?.id ??
    (await one<{ id: string }>(db, sql`select id from users where username = 'bench_leader_' || ${D}`))!.id;
  await db.execute(sql`insert into inspection_points (district_id, grid_id, org_code, point_type_id, name, location, leader_id, unit_id)
    select ${district!.id}, g.id, g.code, (select id from inspection_point_types where code = 'P99'), '点位' || g.code,
      st_setsrid(st_point(80, 40), 4326), ${leaderId},
      (select min(id) from units where code like ${`B${D}-%`}) + (row_number() over (order by g.code))::int % 200
    from org_nodes g where g.level = 'grid' and g.code like ${`${D}%`}`);
  // one inspection per street per day, each walking the street's 20 points, all 20 items answered
  await db.execute(sql`insert into inspections (district_id, kind, title, planned_on, leader_id, created_by, state,
      started_at, submitted_at, items_answered, items_passed, items_failed)
    select ${district!.id}, 'morning_inspection', '晨查 ' || s || ' ' || d::date, d::date, ${leaderId}, ${leaderId},
      'submitted', d + interval '6 hours', d + interval '7 hours', ${POINTS * ITEMS}, 0, 0
    from generate_series(current_date - ${DAYS}::int, current_date - 1, interval '1 day') d, generate_series(1, ${STREETS}) s`);
  await db.execute(sql`insert into inspection_stops (inspection_id, point_id, seq, checklist_version_id, org_code, visited_at)
    select i.id, p.id, row_number() over (partition by i.id order by p.id), (select v.id from checklist_versions v
      join inspection_point_types t on t.id = v.point_type_id where t.code = 'P99'), p.org_code, i.started_at
    from inspections i join inspection_points p on p.district_id = i.district_id
      and substr(p.org_code, 7, 3) = lpad(substring(i.title from '晨查 ([0-9]+)'), 3, '0')
    where i.district_id = ${district!.id}`);
  await db.execute(sql`insert into inspection_answers (stop_id, item_id, result, answered_at)
    select s.id, it.id, case when (hashtext(s.id::text || '-' || it.sort) & 1023) < 51 then 'fail' else 'pass' end, s.visited_at
    from inspection_stops s join checklist_items it on it.version_id = s.checklist_version_id
    join inspections i on i.id = s.inspection_id where i.district_id = ${district!.id}`);
  // failed items onto the list; rows older than three weeks are struck off after their re-check
  await db.execute(sql`insert into rectifications (district_id, inspection_id, answer_id, point_id, item_id, org_code, origin,
      description, category_code, leader_id, unit_id, deadline_on, recheck_at, recheck_passed, struck_off_at, created_at)
    select ${district!.id}, i.id, a.id, p.id, a.item_id, p.org_code, 'morning_inspection', p.name || '：基准检查项',
      '01.03', p.leader_id, p.unit_id, i.planned_on + 3,
      case when i.planned_on < current_date - 21 then i.submitted_at + interval '4 days' end,
      case when i.planned_on < current_date - 21 then true end,
      case when i.planned_on < current_date - 21 then i.submitted_at + interval '4 days' end, i.submitted_at
    from inspection_answers a join inspection_stops s on s.id = a.stop_id join inspections i on i.id = s.inspection_id
      join inspection_points p on p.id = s.point_id
    where a.result = 'fail' and i.district_id = ${district!.id}`);
  await db.execute(sql`analyze`);
  const n = await one<{ answers: number; rows: number; open: number }>(
    db,
    sql`select (select count(*)::int from inspection_answers a join inspection_stops s on s.id = a.stop_id
              join inspections i on i.id = s.inspection_id where i.district_id = ${district!.id}) as answers,
            (select count(*)::int from rectifications where district_id = ${district!.id}) as rows,
            (select count(*)::int from rectifications where district_id = ${district!.id} and struck_off_at is null) as open`,
  );
  line(
    'data',
    `${DAYS} days × ${STREETS} streets × ${POINTS} points × ${ITEMS} items = ${fmt(n!.answers)} answers; ` +
      `${fmt(n!.rows)} rectification rows (${fmt(n!.open)} not struck off), 200 units; generated in ${fmt((performance.now() - t0) / 1000, 0)} s`,
  );
}

const grant = (role: ActorGrant['role'], scopeCode: string, unitId: number | null = null): ActorGrant => ({
  id: 0,
  role,
  orgNodeId: null,
  unitId,
  scopeCode,
  scopeLevel: null,
  scopeName: null,
  unitName: null,
});
const actor = (g: ActorGrant): Actor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'bench',
  displayName: 'bench',
  locale: 'zh-CN',
  sessionId: '00000000-0000-0000-0000-000000000000',
  sessionKind: 'cookie',
  grants: [g],
});

try {
  await generate();
  const unit = (await one<{ id: number }>(
    db,
    sql`select min(id) + 7 as id from units where code like ${`B${D}-%`}`,
  ))!.id;
  const inspection = (await one<{ id: number }>(
    db,
    sql`select max(i.id) as id from inspections i join org_nodes d on d.id = i.district_id where d.code = ${D}`,
  ))!.id;
  const cases: [string, Actor, Parameters<typeof listRectifications>[2]][] = [
    ['district leader, rows not struck off', actor(grant('leader', D)), {}],
    ['district leader, all rows (first page of the year)', actor(grant('leader', D)), { state: 'all' }],
    ['district leader, overdue', actor(grant('leader', D)), { state: 'overdue' }],
    ['street office, its street', actor(grant('street_staff', `${D}003`)), {}],
    ['district leader, by street', actor(grant('leader', D)), { orgCode: `${D}005`, state: 'all' }],
    ['district leader, by unit', actor(grant('leader', D)), { unitId: unit, state: 'all' }],
    ['unit handler, its rows', actor(grant('unit_handler', D, unit)), { state: 'all' }],
    [
      'district leader, one inspection',
      actor(grant('leader', D)),
      { inspectionId: inspection, state: 'all' },
    ],
  ];
  for (const [label, who, filters] of cases) {
    for (let i = 0; i < 20; i++) await listRectifications(db, who, filters, { limit: 50 });
    const t = await timeOps(() => listRectifications(db, who, filters, { limit: 50 }), { count: 200 });
    const page = await listRectifications(db, who, filters, { limit: 50 });
    line(
      'page of 50',
      `${label}: p50 ${fmt(percentile(t.samples, 50), 1)} ms, p95 ${fmt(percentile(t.samples, 95), 1)} ms ` +
        `(n = ${t.samples.length}, ${fmt(page.total)} matching rows)`,
    );
  }
} finally {
  await db.execute(
    sql`delete from rectifications where district_id in (select id from org_nodes where code = ${D})`,
  );
  await db.execute(
    sql`delete from inspections where district_id in (select id from org_nodes where code = ${D})`,
  );
  await db.execute(
    sql`delete from inspection_points where district_id in (select id from org_nodes where code = ${D})`,
  );
  await db.execute(sql`delete from units where code like ${`B${D}-%`}`);
  await db.execute(sql`delete from org_nodes where code like ${`${D}%`} and level = 'grid'`);
  await db.execute(sql`delete from org_nodes where code like ${`${D}%`} and level = 'community'`);
  await db.execute(sql`delete from org_nodes where code like ${`${D}%`} and level = 'street'`);
  await db.execute(sql`delete from org_nodes where code = ${D}`);
  await db.execute(sql`delete from users where username = 'bench_leader_' || ${D}`);
  // the bench's point type leaves the 26 of the 测评体系 as they were
  await db.execute(sql`delete from checklist_items where version_id in (select v.id from checklist_versions v
    join inspection_point_types t on t.id = v.point_type_id where t.code = 'P99')`);
  await db.execute(
    sql`delete from checklist_versions where point_type_id in (select id from inspection_point_types where code = 'P99')`,
  );
  await db.execute(sql`delete from inspection_point_types where code = 'P99'`);
  await database.close();
}
