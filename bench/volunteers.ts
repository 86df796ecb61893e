/**
 * Volunteers at scale (issue 13), on the database directly:
 * - the leaderboard of a street for a year at BENCH_VOLUNTEERS volunteers (default 100,000) and
 *   BENCH_RECORDS activity records (default 5,000,000 verified sign-ups, each paid by a ledger row), goal p95 < 100 ms;
 * - 1,000 concurrent sign-ins to one activity (then the same 1,000 again at once): no lost or doubled record;
 * - 100 concurrent redemptions against one balance: never overdrawn, the ledger sums to the balance.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5443/vol_bench npx tsx bench/volunteers.ts
 *
 * The data is generated with generate_series in SQL; a database that already holds it is reused.
 */
import { sql } from 'drizzle-orm';
import { one, openPostgres, rows } from '../server/src/infra/db.ts';
import type { Actor } from '../server/src/modules/auth/actor.ts';
import { seal } from '../server/src/modules/personal-data/fields.ts';
import { testCipher } from '../server/src/modules/personal-data/test-fixtures.ts';
import { leaderboard, monthPeriod } from '../server/src/modules/volunteers/board-queries.ts';
import { checkInOut } from '../server/src/modules/volunteers/commands/check-in-out.ts';
import { postPoints } from '../server/src/modules/volunteers/commands/post-points.ts';
import { redeem } from '../server/src/modules/volunteers/commands/redeem.ts';
import { createTenant } from '../server/test/factories.ts';
import { openBenchDatabase } from './lib/database.ts';
import { fmt, line, verdict } from './lib/report.ts';

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 100_000);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 5_000_000);
const BATCH = 500_000;
const P95_MS = 100;

const { database, engine } = await openBenchDatabase();
const db = database.db;
console.log('Volunteers at scale: leaderboard, concurrent sign-ins, concurrent redemptions');
console.log(`engine: ${engine}`);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const actor = (id: string): Actor => ({
  userId: id,
  username: 'bench',
  displayName: 'bench',
  locale: 'zh-CN',
  sessionId: 'bench',
  sessionKind: 'cookie',
  grants: [],
});

// one district of 2 streets × 2 communities × 2 grids; every volunteer lives in one of its eight grids
const marker = await one<{ code: string }>(
  db,
  sql`select value->>'code' as code from settings where key = 'bench.volunteers'`,
);
let code = marker?.code ?? null;
const g0 = performance.now();
if (!code) {
  const t = await createTenant(db);
  code = t.district.code;
  const name = seal(testCipher(), '张志愿');
  await db.execute(
    sql`insert into users (username, display_name, home_code) values ('bench_organiser', 'bench', ${code})`,
  );
  // one building per grid with a house per household (the archive's shape), one volunteer per household
  await db.execute(sql`
    insert into buildings (grid_id, name, address, geom)
    select id, '基准楼', '基准路' || code, st_pointonsurface(geom) from org_nodes where level = 'grid' and code like ${`${code}%`}`);
  await db.execute(sql`
    insert into houses (building_id, unit, room)
    select b.id, '1', k::text from buildings b join org_nodes g on g.id = b.grid_id,
      generate_series(1, ${Math.ceil(VOLUNTEERS / 8)}) k
    where g.code like ${`${code}%`}`);
  await db.execute(sql`
    insert into households (grid_id, house_id)
    select b.grid_id, h.id from houses h join buildings b on b.id = h.building_id join org_nodes g on g.id = b.grid_id
    where g.code like ${`${code}%`}`);
  await db.execute(sql`
    insert into persons (household_id, grid_id, name_enc, gender)
    select h.id, h.grid_id, ${name}, 'F' from households h join org_nodes g on g.id = h.grid_id
    where g.code like ${`${code}%`} limit ${VOLUNTEERS}`);
  await db.execute(sql`
    insert into volunteers (person_id, org_code, category_code, stage)
    select p.id, substr(g.code, 1, 12), 'civility', 'active' from persons p join org_nodes g on g.id = p.grid_id
    where g.code like ${`${code}%`}`);
  // activities of each community, 100 sign-ups each, over the last twelve months
  const perActivity = 100;
  await db.execute(sql`
    insert into volunteer_activities (org_code, organiser_id, title, type_code, place, geom, starts_at, ends_at, capacity, signed_up)
    select c.code, (select id from users where username = 'bench_organiser'), '基准活动', 'service', '广场',
      st_pointonsurface(c.geom), now() - make_interval(days => (k % 360)::int), now() - make_interval(days => (k % 360)::int) + interval '2 hours',
      ${perActivity}, ${perActivity}
    from org_nodes c, generate_series(0, ${Math.ceil(RECORDS / perActivity / 4) - 1}) k
    where c.level = 'community' and c.code like ${`${code}%`}`);
  await db.execute(
    sql`create table bench_v as select row_number() over (order by id) - 1 as k, id, org_code from volunteers`,
  );
  await db.execute(
    sql`create table bench_a as select row_number() over (order by id) - 1 as k, id, org_code, starts_at from volunteer_activities`,
  );
  const nv = VOLUNTEERS;
  const na = (await one<{ n: number }>(db, sql`select count(*)::int as n from bench_a`))!.n;
  for (let start = 0; start < RECORDS; start += BATCH) {
    const end = Math.min(RECORDS, start + BATCH);
    // record i: activity i / 100, volunteer spread over the whole district (unique per activity)
    await db.execute(sql`
      with r as (select i, a.id as activity_id, a.starts_at, v.id as volunteer_id, v.org_code
                 from generate_series(${start}::bigint, ${end - 1}::bigint) i
                 join bench_a a on a.k = (i / 100) % ${na}
                 join bench_v v on v.k = ((i / 100) * 7919 + (i % 100) * 1009) % ${nv}),
      s as (insert into volunteer_signups (activity_id, volunteer_id, signed_in_at, signed_out_at, hours, verified_at)
            select activity_id, volunteer_id, starts_at, starts_at + interval '2 hours', 2, starts_at + interval '3 hours'
            from r on conflict do nothing returning activity_id, volunteer_id, verified_at)
      insert into volunteer_points (volunteer_id, org_code, delta, balance, reason, activity_id, hours, created_at)
      select s.volunteer_id, v.org_code, 20, 20, 'service', s.activity_id, 2, s.verified_at
      from s join volunteers v on v.id = s.volunteer_id`);
    process.stdout.write(`  generated ${fmt(end)} records\r`);
  }
  await db.execute(sql`
    insert into volunteer_points_monthly (volunteer_id, month, org_code, points, hours)
    select volunteer_id, date_trunc('month', created_at at time zone 'Asia/Shanghai')::date, org_code, sum(delta), sum(hours)
    from volunteer_points group by 1, 2, 3`);
  await db.execute(sql`
    insert into volunteer_points_yearly (volunteer_id, year, org_code, points, hours)
    select volunteer_id, extract(year from month)::int, org_code, sum(points), sum(hours)
    from volunteer_points_monthly group by 1, 2, 3`);
  await db.execute(sql`drop table bench_v`);
  await db.execute(sql`drop table bench_a`);
  await db.execute(sql`analyze`);
  await db.execute(
    sql`insert into settings (key, value) values ('bench.volunteers', ${JSON.stringify({ code })}::jsonb)`,
  );
}
const size = await one<{ v: number; s: number; p: number; m: number }>(
  db,
  sql`select (select count(*)::int from volunteers) as v, (select count(*)::int from volunteer_signups) as s,
        (select count(*)::int from volunteer_points) as p, (select count(*)::int from volunteer_points_monthly) as m`,
);
line(
  'data',
  `${fmt(size!.v)} volunteers, ${fmt(size!.s)} activity records (sign-ups), ${fmt(size!.p)} ledger rows, ` +
    `${fmt(size!.m)} monthly rows; ready in ${fmt((performance.now() - g0) / 1000)} s`,
);

// the leaderboard of each street for the last twelve months, one request at a time
const streets = [`${code}001`, `${code}002`];
const now = new Date();
// this year so far (the default period of the console and the phone)
const period = monthPeriod(undefined, undefined, now);
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const s = performance.now();
  const lines = await leaderboard(db, streets[i % 2]!, period, 50);
  times.push(performance.now() - s);
  if (lines.length !== 50) throw new Error(`leaderboard: ${lines.length} lines`);
}
const p95 = pct(times, 0.95);
line(
  'board',
  `street leaderboard (this year, top 50, ${fmt(size!.v / 2)} volunteers a street): p50 ${fmt(pct(times, 0.5), 1)} ` +
    `p95 ${fmt(p95, 1)} max ${fmt(Math.max(...times), 1)} ms over 200 requests — goal p95 < ${P95_MS} ms: ${verdict(p95 < P95_MS)}`,
);

// 1,000 volunteers sign in at once to one activity at its place, then all of them scan again at once
const c1 = `${code}001001`;
const place = (await one<{ id: number; lng: number; lat: number }>(
  db,
  sql`insert into volunteer_activities (org_code, organiser_id, title, type_code, place, geom, starts_at, ends_at, capacity)
      select code, (select id from users where username = 'bench_organiser'), '并发签到', 'service', '广场',
        st_pointonsurface(geom), now() - interval '1 hour', now() + interval '3 hours', 1000
      from org_nodes where code = ${c1}
      returning id, st_x(geom) as lng, st_y(geom) as lat`,
))!;
const ids = await rows<{ id: number }>(
  db,
  sql`select id from volunteers where org_code = ${c1} order by id limit 1000`,
);
// 1,000 transactions at once wait for a connection longer than the server's 5 s: a pool that lets them queue
const wide = await openPostgres(process.env.DATABASE_URL!, 20, { connectTimeoutMs: 300_000 });
const signIn = async () => {
  const t = performance.now();
  const out = await Promise.allSettled(ids.map((v) => checkInOut(wide.db, place, v.id, place, 300)));
  return { ms: performance.now() - t, ok: out.filter((o) => o.status === 'fulfilled').length };
};
const first = await signIn();
const again = await signIn();
const rec = await one<{ rows: number; signedIn: number; counter: number }>(
  db,
  sql`select count(*)::int as rows, count(signed_in_at)::int as "signedIn",
        (select signed_up from volunteer_activities where id = ${place.id}) as counter
      from volunteer_signups where activity_id = ${place.id}`,
);
const exact = rec!.rows === 1000 && rec!.signedIn === 1000 && rec!.counter === 1000;
line(
  'sign-in',
  `1,000 concurrent sign-ins: ${first.ok} accepted in ${fmt(first.ms)} ms; the same 1,000 again at once: ` +
    `${again.ok} answered as already signed in in ${fmt(again.ms)} ms; ${rec!.rows} records, ${rec!.signedIn} signed in, ` +
    `counter ${rec!.counter} — no lost or doubled record: ${verdict(exact)}`,
);

// 100 redemptions at once against one balance of 1,000 points, goods at 30 points: at most 33 can pass
// a new volunteer (a new person of a household) whose ledger holds one row of 1,000 points
const buyer = (await one<{ id: number }>(
  db,
  sql`with p as (insert into persons (household_id, grid_id, name_enc, gender)
                 select household_id, grid_id, name_enc, gender from persons limit 1 returning id)
      insert into volunteers (person_id, org_code, category_code, stage)
      select id, ${c1}, 'civility', 'active' from p returning id`,
))!.id;
await db.transaction((tx) => postPoints(tx, { volunteerId: buyer, delta: 1000, reason: 'adjustment' }));
const goods = (await one<{ id: number }>(
  db,
  sql`insert into volunteer_goods (org_code, name, points, stock) values (${c1}, '基准商品', 30, 1000) returning id`,
))!.id;
const organiser = (await one<{ id: string }>(
  db,
  sql`select id from users where username = 'bench_organiser'`,
))!.id;
const t1 = performance.now();
const tries = await Promise.allSettled(
  Array.from({ length: 100 }, () =>
    redeem(
      db,
      actor(organiser),
      { volunteerId: buyer, goods: { id: goods, orgCode: c1 }, quantity: 1 },
      'bench',
    ),
  ),
);
const ms = performance.now() - t1;
const state = await one<{ balance: number; sum: number; stock: number }>(
  db,
  sql`select (select points from volunteers where id = ${buyer}) as balance,
        (select sum(delta)::int from volunteer_points where volunteer_id = ${buyer}) as sum,
        (select stock from volunteer_goods where id = ${goods}) as stock`,
);
const passed = tries.filter((x) => x.status === 'fulfilled').length;
const sound =
  passed === 33 && state!.balance === 10 && state!.sum === state!.balance && state!.stock === 1000 - passed;
line(
  'redeem',
  `100 concurrent redemptions of 30 points against 1,000: ${passed} passed, ${100 - passed} refused in ${fmt(ms)} ms; ` +
    `balance ${state!.balance} = ledger sum ${state!.sum}, stock ${state!.stock} — never overdrawn: ${verdict(sound)}`,
);
await wide.close();
await database.close();
