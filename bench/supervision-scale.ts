/**
 * Scores, rankings, bulletins and the rectification list at the shape issue 10 states its goal at: the demo
 * district grown to 8 streets, 150 communities, 3,000 grids and 200 units (bench/lib/issue-shape.ts),
 * 1,000,000 cases over a year (bench/lib/case-data.ts) and a year of daily inspections, 8 streets × 20 points
 * × 20 items a day ≈ 1.2 million answers with their rectification rows (bench/lib/inspection-data.ts). Times,
 * through the real server: the district's daily bulletin (several days), the stored ranking tables (street,
 * community, unit) p95, the rectification list pages (by inspection, by street, by unit) p95, and the live
 * (not yet evaluated) week's ranking. One line per figure, with the data size.
 *
 *   # generate (resumable; nice it and the cluster, the machine is shared), then measure on the kept database
 *   BENCH_PARTS=generate BENCH_KEEP_DB=1 BENCH_DB_NAME=cg_bench_sup_scale DATABASE_URL=postgres://… \
 *     nice -n 10 npx tsx bench/supervision-scale.ts
 *   BENCH_PARTS=measure BENCH_KEEP_DB=1 BENCH_DB_NAME=cg_bench_sup_scale DATABASE_URL=postgres://… \
 *     npx tsx bench/supervision-scale.ts
 *
 * BENCH_CASES (default 1,000,000; 20,000 on PGlite), BENCH_DAYS of inspections (default 365), BENCH_PARTS
 * (generate, measure, or both by default), BENCH_LIVE=0 skips the live (not evaluated) rankings.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { one } from '../server/src/infra/db.ts';
import { districtDay } from '../server/src/modules/case-reports/period.ts';
import { addDays, mondayOf } from '../server/src/modules/scores/weeks.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { timeBulletinsAndWeek } from './lib/bulletin-timings.ts';
import { generateCases } from './lib/case-data.ts';
import { type LoadRequest, runLoad } from './lib/http-load.ts';
import { generateInspections } from './lib/inspection-data.ts';
import { growToIssueShape } from './lib/issue-shape.ts';
import { failures, fmt, latencies, line, verdict } from './lib/report.ts';
import { closeRollups } from './lib/rollups-ready.ts';

const postgres = Boolean(process.env.DATABASE_URL);
const CASES = Number(process.env.BENCH_CASES ?? (postgres ? 1_000_000 : 20_000));
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const PARTS = process.env.BENCH_PARTS ?? 'generate,measure';
const DISTRICT = '411602';
const RANKING_P95_MS = 200;
const LIST_P95_MS = 50;

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

console.log('Supervision at the issue-10 shape: bulletins, rankings, rectification list');
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  if (PARTS.includes('generate')) {
    console.log(load());
    const shape = await growToIssueShape(db, DISTRICT);
    line(
      'shape',
      `${shape.streets} streets, ${shape.communities} communities, ${fmt(shape.grids)} grids, ${shape.units} units (${fmt(shape.seconds, 1)} s)`,
    );
    const c = await generateCases(db, { district: DISTRICT, total: CASES, log: console.log });
    line('cases', `${fmt(c.cases)} generated in ${fmt(c.seconds, 0)} s`);
    const leader = await one<{ id: string }>(db, sql`select id from users where username = 'leader'`);
    const ins = await generateInspections(db, {
      district: DISTRICT,
      days: DAYS,
      points: 20,
      items: 20,
      leader: leader!.id,
    });
    line(
      'inspections',
      `${fmt(ins.inspections)} inspections, ${fmt(ins.answers)} answers, ${fmt(ins.rectifications)} rectification rows ` +
        `(${fmt(ins.open)} not struck off) in ${fmt(ins.seconds, 0)} s`,
    );
    // the rollups of every finished day, as the server's nightly sweep leaves them
    line('rollups', `closed through yesterday in ${fmt(await closeRollups(db), 0)} s`);
    await db.execute(sql`vacuum analyze`);
    console.log(load());
  }
  if (PARTS.includes('measure')) await measure();
} finally {
  await bench.stop();
}

async function measure(): Promise<void> {
  const db = bench.server.database.db;
  const size = await one<{
    cases: number;
    grids: number;
    communities: number;
    streets: number;
    units: number;
    inspections: number;
    answers: number;
    rect: number;
  }>(
    db,
    sql`select (select count(*)::int from cases) as cases,
          (select count(*)::int from org_nodes where level = 'grid' and code like ${`${DISTRICT}%`}) as grids,
          (select count(*)::int from org_nodes where level = 'community' and code like ${`${DISTRICT}%`}) as communities,
          (select count(*)::int from org_nodes where level = 'street' and code like ${`${DISTRICT}%`}) as streets,
          (select count(*)::int from units) as units,
          (select count(*)::int from inspections) as inspections,
          (select count(*)::int from inspection_answers) as answers,
          (select count(*)::int from rectifications) as rect`,
  );
  const s = size!;
  const data =
    `${fmt(s.cases)} cases, ${s.streets} streets, ${s.communities} communities, ${fmt(s.grids)} grids, ${s.units} units, ` +
    `${fmt(s.inspections)} inspections, ${fmt(s.answers)} answers, ${fmt(s.rect)} rectification rows`;
  line('data', data);
  const rs = await closeRollups(db);
  if (rs > 0) line('rollups', `closed through yesterday in ${fmt(rs, 0)} s (before measuring)`);
  const f0 = performance.now();
  for (let i = 0; i < 50; i++) await db.execute(sql`select 1`);
  line('floor', `select 1 × 50: ${fmt((performance.now() - f0) / 50, 2)} ms each; ${load()}`);

  const week = await timeBulletinsAndWeek(db, DISTRICT, data);
  console.log(load());

  const cookie = await bench.login('leader');
  const timed = async (label: string, paths: string[], count: number, goal: number, warmup = 5) => {
    const requests: LoadRequest[] = paths.map((path) => ({ method: 'GET', path, headers: { cookie } }));
    const r = await runLoad({
      origin: bench.server.url,
      concurrency: 1,
      warmup: { count: warmup },
      measure: { count },
      requests,
    });
    line(label, `${latencies(r)}${failures(r)} — goal p95 < ${goal} ms: ${verdict(r.p95 < goal)} · ${data}`);
  };
  for (const level of ['street', 'community', 'unit'] as const) {
    await timed(
      `ranking, stored week, ${level}`,
      [`/api/scores/rankings?level=${level}&org=${DISTRICT}&week=${week}`],
      100,
      RANKING_P95_MS,
    );
  }
  // rectification list pages (50 rows, earliest deadline first) as the district leader opens them
  const ids = await one<{ inspections: number[]; units: number[]; streets: string[] }>(
    db,
    sql`select (select array_agg(id order by id desc) from (select id from inspections order by id desc limit 20) i) as inspections,
          (select array_agg(unit_id) from (select unit_id from rectifications where unit_id is not null
             group by unit_id order by unit_id limit 20) u) as units,
          (select array_agg(code order by code) from org_nodes where level = 'street' and code like ${`${DISTRICT}%`}) as streets`,
  );
  const lists: [string, string[]][] = [
    ['by inspection', ids!.inspections.map((i) => `/api/rectifications?inspectionId=${i}&state=all`)],
    ['by street', ids!.streets.map((c) => `/api/rectifications?org=${c}&state=all`)],
    ['by street, not struck off', ids!.streets.map((c) => `/api/rectifications?org=${c}`)],
    ['by unit', ids!.units.map((u) => `/api/rectifications?unitId=${u}&state=all`)],
    ['district, not struck off', [`/api/rectifications?org=${DISTRICT}`]],
  ];
  for (const [label, paths] of lists)
    await timed(`rectification list page, ${label}`, paths, 200, LIST_P95_MS, 20);
  console.log(load());
  if (process.env.BENCH_LIVE !== '0') {
    for (const level of ['street', 'community', 'unit'] as const) {
      const weeks = [1, 2, 3, 4].map((k) => addDays(week, -7 * k));
      await timed(
        `ranking, live week (not evaluated), ${level}`,
        weeks.map((w) => `/api/scores/rankings?level=${level}&org=${DISTRICT}&from=${w}&to=${addDays(w, 6)}`),
        4,
        RANKING_P95_MS,
        1,
      );
    }
    // the week in progress (Monday to today): stored days plus today computed live from the cases
    const today = districtDay(new Date());
    const monday = mondayOf(today);
    for (const level of ['street', 'community', 'unit'] as const) {
      await timed(
        `ranking, current week to date (${monday}–${today}), ${level}`,
        [`/api/scores/rankings?level=${level}&org=${DISTRICT}&from=${monday}&to=${today}`],
        20,
        RANKING_P95_MS,
        2,
      );
    }
    console.log(load());
  }
}
