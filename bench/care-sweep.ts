/**
 * The care sweep at scale (issue 12, docs/care.md), on PostgreSQL:
 * - one sweep over BENCH_WATCHED watched persons (default 50,000), of whom BENCH_DUE (default 10: 50,000 elders
 *   at ~1.5 alerts a week make ~7 a minute) are due: the pass that reads them all and raises their alerts
 *   through the intake, then a pass with nothing due (the every-minute cost); both over the whole database
 *   (no area filter), so run it on a database of its own;
 * - the simulated week (bench/../server/src/modules/care/simulation.ts) with BENCH_SIM_PERSONS persons
 *   (default 5,000) and ticks of BENCH_TICK minutes (default 15), two sweeping processes on two pools, every
 *   tick compared with the model: the counts are printed.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5441/postgres npx tsx bench/care-sweep.ts
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { type Db, one, openPostgres } from '../server/src/infra/db.ts';
import { loadGrants } from '../server/src/modules/auth/actor.ts';
import { sweepCare } from '../server/src/modules/care/care-sweep.ts';
import { simulate } from '../server/src/modules/care/simulation.ts';
import { seedCategories } from '../server/src/modules/categories/seed-categories.ts';
import { cipherFromConfig } from '../server/src/modules/personal-data/cipher.ts';
import { seal } from '../server/src/modules/personal-data/fields.ts';
import { createTenant, createUserWith, type Tenant } from '../server/test/factories.ts';
import { openBenchDatabase } from './lib/database.ts';
import { fmt, line } from './lib/report.ts';

const WATCHED = Number(process.env.BENCH_WATCHED ?? 50_000);
const DUE = Number(process.env.BENCH_DUE ?? 10);
const SIM = Number(process.env.BENCH_SIM_PERSONS ?? 5_000);
const TICK = Number(process.env.BENCH_TICK ?? 15);
const cipher = cipherFromConfig({ secretKey: 'bench-secret-key-that-is-long-enough-0000' } as never);

/**
 * `n` watched persons spread over the tenant's grids, one household each and three to a building (buildings at
 * random points of their grid, as elders living alone are spread over a district: a care alert's intake looks
 * for earlier cases at its place, so a grid's whole watch in one building would make every alert read all the
 * earlier ones), written in five set-based statements; `lastSeen` gives each one's last sighting (SQL over
 * the ordinal `k`).
 */
async function bulkWatched(
  db: Db,
  t: Tenant,
  by: string,
  n: number,
  lastSeen: string,
  from: Date,
): Promise<void> {
  const name = seal(cipher, '测试老人');
  const buildings = Math.ceil(n / 3);
  await db.execute(sql`
    with g as (
      select id, code, geom, row_number() over (order by code) - 1 as gi, count(*) over () as gm
      from org_nodes where code like ${`${t.district.code}%`} and level = 'grid'),
    b as (
      insert into buildings (grid_id, name, address, geom)
      select g.id, '关爱楼', '关爱路' || g.code || '-' || j || '-' || floor(random() * 1e9)::int,
        st_setsrid(st_makepoint(
          st_xmin(g.geom) + (0.05 + 0.9 * random()) * (st_xmax(g.geom) - st_xmin(g.geom)),
          st_ymin(g.geom) + (0.05 + 0.9 * random()) * (st_ymax(g.geom) - st_ymin(g.geom))), 4326)
      from generate_series(0, ${buildings - 1}) j join g on g.gi = j % g.gm returning id, grid_id),
    bs as (select id, grid_id, row_number() over (order by id) - 1 as i, count(*) over () as m from b),
    ho as (
      insert into houses (building_id, unit, floor, room)
      select bs.id, '1', 1, k::text from generate_series(0, ${n - 1}) k join bs on bs.i = k % bs.m
      returning id, building_id),
    hh as (
      insert into households (grid_id, house_id, address_enc)
      select bs.grid_id, ho.id, ${name} from ho join bs on bs.id = ho.building_id returning id, grid_id),
    p as (
      insert into persons (household_id, grid_id, name_enc, gender, birth_date, relation)
      select id, grid_id, ${name}, 'F', '1940-01-01', 'head' from hh returning id)
    insert into care_watched (person_id, consent_by, consent_basis, consent_at, consent_recorded_by, enrolled_by,
      watch_from, last_seen_at)
    select id, 'self', '基准测试', ${from}, ${by}, ${by}, ${from},
      ${sql.raw(lastSeen)} from (select id, row_number() over (order by id) as k from p) x`);
}

async function main() {
  const { database, engine } = await openBenchDatabase();
  const db = database.db;
  await seedCategories(db);
  line('engine', engine);
  line(
    'load',
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at start`,
  );

  // one sweep over WATCHED persons
  const t = await createTenant(db);
  const worker = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code);
  const now = new Date();
  const t0 = performance.now();
  await bulkWatched(
    db,
    t,
    worker.id,
    WATCHED,
    `case when k <= ${DUE} then now() - interval '25 hours' else now() - make_interval(mins => (k % 600)::int) end`,
    new Date(now.getTime() - 48 * 3_600_000),
  );
  await db.execute(sql`analyze care_watched`);
  line('data', `${fmt(WATCHED)} watched persons written in ${fmt(performance.now() - t0)} ms`);
  for (const label of ['sweep (due raised)', 'sweep (none due)']) {
    const s = performance.now();
    const r = await sweepCare(db, cipher, { now });
    line(
      label,
      `${fmt(performance.now() - s)} ms over ${fmt(WATCHED)} watched persons: ${r.raised} raised, ${r.escalated} escalated`,
    );
  }

  // the simulated week
  const sim = await createTenant(db);
  const gw = await createUserWith(db, 'grid_worker', { orgNodeId: sim.grids[0]!.id }, sim.grids[0]!.code);
  for (const c of sim.communities) await createUserWith(db, 'community_staff', { orgNodeId: c.id }, c.code);
  for (const st of sim.streets) await createUserWith(db, 'street_staff', { orgNodeId: st.id }, st.code);
  const start = new Date('2026-09-07T00:00:00Z');
  await bulkWatched(db, sim, gw.id, SIM, 'null', start);
  const ids = (
    await db.execute<{ id: number }>(
      sql`select w.person_id as id from care_watched w join persons p on p.id = w.person_id
        join org_nodes g on g.id = p.grid_id where g.code like ${`${sim.district.code}%`} order by 1`,
    )
  ).rows.map((r) => r.id);
  const second = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL) : null;
  const actor = {
    userId: gw.id,
    username: 'bench',
    displayName: 'bench',
    locale: 'zh-CN' as const,
    sessionId: 'bench',
    sessionKind: 'cookie' as const,
    grants: await loadGrants(db, gw.id),
  };
  const s = performance.now();
  const r = await simulate({
    db,
    db2: second?.db,
    cipher,
    actor,
    orgCode: sim.district.code,
    personIds: ids,
    start,
    days: 7,
    tickMinutes: TICK,
    seed: 7,
  });
  line(
    'simulated week',
    `${fmt(r.persons)} persons, ${fmt(r.ticks)} ticks of ${TICK} min, two sweeping processes: ${fmt(performance.now() - s)} ms`,
  );
  line(
    'counts',
    `${fmt(r.sightings)} sightings, ${fmt(r.lapses)} lapses, ${fmt(r.alerts)} alerts, ${fmt(r.escalationsExpected)} escalations due, ${fmt(r.escalationsFired)} fired, ${fmt(r.delivered)} delivered, ${r.mismatches.length} mismatches`,
  );
  const ms = r.phaseMs;
  line(
    'where',
    `sightings ${fmt(ms.sightings)} ms, events (commands) ${fmt(ms.events)} ms, two sweeps ${fmt(ms.sweeps)} ms, checks ${fmt(ms.checks)} ms; per tick ${fmt((ms.sightings + ms.events + ms.sweeps + ms.checks) / Math.max(r.ticks, 1))} ms`,
  );
  for (const m of r.mismatches.slice(0, 10)) line('mismatch', m);
  const cases = await one<{ n: number }>(db, sql`select count(*)::int as n from care_alerts`);
  line('alerts total', `${fmt(cases?.n ?? 0)} care alerts in the database`);
  line(
    'load',
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at end`,
  );
  await second?.close();
  await database.close();
}

void main();
