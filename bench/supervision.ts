/**
 * Scores, rankings and bulletins at scale: the real server (demo district 川汇区) on a database holding a year
 * of generated cases; the district's daily bulletin (issueBulletin, computed and stored once), a street's, the
 * weekly evaluation, and ranking tables through HTTP (GET /api/scores/rankings: a stored week and a live
 * window, each level), one request at a time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5462/postgres npx tsx bench/supervision.ts
 *   npx tsx bench/supervision.ts        # in-memory PGlite, 100,000 cases
 *
 * BENCH_CASES sets the number of cases (default 1,000,000 on PostgreSQL); BENCH_KEEP_DB=1 keeps the database.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { one } from '../server/src/infra/db.ts';
import { addDays } from '../server/src/modules/scores/weeks.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { timeBulletinsAndWeek } from './lib/bulletin-timings.ts';
import { generateCases } from './lib/case-data.ts';
import { type LoadRequest, runLoad } from './lib/http-load.ts';
import { failures, fmt, latencies, line, verdict } from './lib/report.ts';
import { closeRollups } from './lib/rollups-ready.ts';

const postgres = Boolean(process.env.DATABASE_URL);
const CASES = Number(process.env.BENCH_CASES ?? (postgres ? 1_000_000 : 100_000));
const DISTRICT = '411602';
const RANKING_P95_MS = 200;

console.log('Scores, rankings and bulletins at scale');
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  const held = (await one<{ n: number }>(db, sql`select count(*)::int as n from cases`))?.n ?? 0;
  if (held < CASES) await generateCases(db, { district: DISTRICT, total: CASES, log: console.log });
  // measure on closed rollups, as on a live system: right after generating, the server's sweep is still
  // closing them (31 days a pass) and every day it has not reached is computed from the cases
  const rs = await closeRollups(db);
  if (rs > 0) console.log(`  rollups closed through yesterday in ${fmt(rs, 0)} s`);
  const size = await one<{
    cases: number;
    grids: number;
    communities: number;
    streets: number;
    units: number;
  }>(
    db,
    sql`select (select count(*)::int from cases) as cases,
          (select count(*)::int from org_nodes where level = 'grid' and code like ${`${DISTRICT}%`}) as grids,
          (select count(*)::int from org_nodes where level = 'community' and code like ${`${DISTRICT}%`}) as communities,
          (select count(*)::int from org_nodes where level = 'street' and code like ${`${DISTRICT}%`}) as streets,
          (select count(*)::int from units) as units`,
  );
  const data = `${fmt(size!.cases)} cases, ${size!.streets} streets, ${size!.communities} communities, ${fmt(size!.grids)} grids, ${size!.units} units`;
  line('data', data);
  console.log(
    `load average (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const week = await timeBulletinsAndWeek(db, DISTRICT, data);

  const cookie = await bench.login('leader');
  const rank = async (label: string, paths: string[], count: number, warmup = 5) => {
    const requests: LoadRequest[] = paths.map((path) => ({ method: 'GET', path, headers: { cookie } }));
    const s = await runLoad({
      origin: bench.server.url,
      concurrency: 1,
      warmup: { count: warmup },
      measure: { count },
      requests,
    });
    line(
      label,
      `${latencies(s)}${failures(s)} — goal p95 < ${RANKING_P95_MS} ms: ${verdict(s.p95 < RANKING_P95_MS)} · ${data}`,
    );
  };
  for (const level of ['street', 'community', 'unit'] as const) {
    await rank(
      `ranking, stored week, ${level}`,
      [`/api/scores/rankings?level=${level}&org=${DISTRICT}&week=${week}`],
      50,
    );
  }
  for (const level of ['street', 'community', 'unit'] as const) {
    const weeks = [1, 2, 3, 4].map((k) => addDays(week, -7 * k));
    await rank(
      `ranking, live week (not evaluated), ${level}`,
      weeks.map((w) => `/api/scores/rankings?level=${level}&org=${DISTRICT}&from=${w}&to=${addDays(w, 6)}`),
      4,
      1,
    );
  }
} finally {
  await bench.stop();
}
