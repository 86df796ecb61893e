/**
 * Visit coverage at scale: the real server (demo district 川汇区, ~33,600 households) on a database holding
 * BENCH_VISITS door-to-door visits (default 5,000,000 on PostgreSQL, 500,000 on PGlite) spread over five
 * quarters, measured through HTTP on 127.0.0.1: one community's coverage for the current quarter
 * (GET /api/visits/coverage, the goal: p95 < 200 ms), a street's and the district's.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5464/postgres npx tsx bench/visits-coverage.ts
 *
 * With DATABASE_URL the bench creates a scratch database next to the named one and drops it at the end.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { one, rows } from '../server/src/infra/db.ts';
import { rebuildQuarters } from '../server/src/modules/visits/commands/count-quarter.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { runLoad } from './lib/http-load.ts';
import { failures, fmt, latencies, line, verdict } from './lib/report.ts';

const t0 = performance.now();
const postgres = Boolean(process.env.DATABASE_URL);
const VISITS = Number(process.env.BENCH_VISITS ?? (postgres ? 5_000_000 : 500_000));
const BATCH = 500_000;
const COVERAGE_P95_MS = 200;
const DISTRICT = '411602';

console.log('Visit coverage at scale: generated visits + the real server over HTTP');
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  console.log(
    `load average at start (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  // visits of every household, by its grid's worker, over the last 450 days (five quarters), in batches
  const g0 = performance.now();
  const held = (await one<{ n: number }>(db, sql`select count(*)::int as n from visits`))!.n;
  // BENCH_KEEP_DB=1: a database kept from an earlier run already holds them
  if (held < VISITS) await generate();
  async function generate() {
    await db.execute(sql`create table bench_households as
    select row_number() over (order by h.id) - 1 as k, h.id, n.code,
      (select user_id from grants where org_node_id = n.id and role = 'grid_worker' limit 1) as visitor
    from households h join org_nodes n on n.id = h.grid_id`);
    const count = (await one<{ n: number }>(db, sql`select count(*)::int as n from bench_households`))!.n;
    for (let start = 0; start < VISITS; start += BATCH) {
      const end = Math.min(VISITS, start + BATCH);
      await db.execute(sql`insert into visits (household_id, org_code, visitor_id, kind, visited_at, distance_m, far)
      select b.id, b.code, b.visitor, case when i % 9 = 0 then 'phone' else 'home' end,
        now() - make_interval(days => (i * 7 % 450)::int, mins => (i % 600)::int), (i % 300)::int, i % 300 > 200
      from generate_series(${start}::bigint, ${end - 1}::bigint) i
      join bench_households b on b.k = (i * 2654435761) % ${count}`);
    }
    await db.execute(sql`drop table bench_households`);
    // written in bulk, so their quarter rows are built in bulk too (recording a visit keeps its own)
    await rebuildQuarters(db, DISTRICT);
    await db.execute(sql`vacuum analyze visits`);
    await db.execute(sql`vacuum analyze visit_quarters`);
  }
  const count = (await one<{ n: number }>(db, sql`select count(*)::int as n from households`))!.n;
  const size = await one<{ n: number; mb: number; rows: number; qmb: number }>(
    db,
    sql`select count(*)::int as n, pg_total_relation_size('visits') / 1048576 as mb,
          (select count(*)::int from visit_quarters) as rows, pg_total_relation_size('visit_quarters') / 1048576 as qmb
        from visits`,
  );
  line(
    'data',
    `${fmt(size!.n)} visits of ${fmt(count)} households in ${fmt((performance.now() - g0) / 1000, 0)} s;` +
      ` visits ${fmt(size!.mb)} MB with indexes; ${fmt(size!.rows)} household-quarter rows, ${fmt(size!.qmb)} MB`,
  );

  const cookie = await bench.login('admin');
  const codes = async (level: string) =>
    (
      await rows<{ code: string }>(
        db,
        sql`select code from org_nodes where level = ${level} and code like ${`${DISTRICT}%`} order by code`,
      )
    ).map((r) => r.code);
  const measure = async (label: string, org: string[], count: number) => {
    const s = await runLoad({
      origin: bench.server.url,
      concurrency: 1,
      warmup: { count: Math.min(10, org.length) },
      measure: { count },
      requests: org.map((o) => ({
        method: 'GET',
        path: `/api/visits/coverage?org=${o}`,
        headers: { cookie },
      })),
    });
    line(label, `${latencies(s)}  (${fmt(s.count)} requests over ${org.length} nodes)${failures(s)}`);
    return s;
  };
  const community = await measure('commun.', await codes('community'), 300);
  await measure('street', await codes('street'), 80);
  await measure('distr.', [DISTRICT], 20);
  const sample = await one<{ coverage: number }>(
    db,
    sql`select count(distinct household_id)::float / (select count(*) from households) as coverage
        from visits where visited_at >= date_trunc('quarter', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'`,
  );
  line('cover', `district coverage this quarter ${(100 * (sample?.coverage ?? 0)).toFixed(1)}%`);
  console.log('');
  console.log('goals (2-core machine):');
  console.log(
    `  a quarter's coverage per community p95 < ${COVERAGE_P95_MS} ms at ${fmt(size!.n)} visits: ` +
      `${fmt(community.p95, 1)} ms ${verdict(community.p95 < COVERAGE_P95_MS && !community.failed)}`,
  );
} finally {
  await bench.stop();
}
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; total run time ${fmt((performance.now() - t0) / 1000, 0)} s`,
);
