/**
 * Reads on a streaming replica: the leader dashboard's figures (district KPIs, per-street table, trend) under
 * concurrent intake on the primary, first with every read on the primary, then with DATABASE_READ_URL set,
 * on the same data. Needs a primary and a `pg_basebackup -R` standby of it (.ci/replica.sh):
 *
 *   DATABASE_URL=postgres://civicgrid:civicgrid-ci@127.0.0.1:5446/civicgrid_test \
 *   DATABASE_READ_URL=postgres://civicgrid:civicgrid-ci@127.0.0.1:5447/civicgrid_test npx tsx bench/replica-reads.ts
 *
 * The data lives in a scratch database on the primary (the standby replays it like any other); the read URL's
 * database name is replaced by the scratch one. BENCH_CASES (default 100,000), BENCH_WINDOW_S (default 20).
 * On one machine both servers share its cores: the figures show correctness and contention, not scale-out.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/infra/config.ts';
import { one } from '../server/src/infra/db.ts';
import { raisedLimitEnv } from '../server/src/infra/limit-config.ts';
import { startServer } from '../server/src/server.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { generateCases } from './lib/case-data.ts';
import { plainCategories } from './lib/cases-intake.ts';
import { type LoadRequest, runLoad } from './lib/http-load.ts';
import { failures, fmt, latencies, line } from './lib/report.ts';

const readUrl = process.env.DATABASE_READ_URL;
if (!process.env.DATABASE_URL || !readUrl) {
  console.error('bench/replica-reads.ts needs DATABASE_URL and DATABASE_READ_URL (a standby of it)');
  process.exit(2);
}
// the first server reads the primary only; the second gets the replica explicitly
delete process.env.DATABASE_READ_URL;
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 20);
const CLIENTS = 4;
const DISTRICT = '411602';

console.log('Dashboard reads on a streaming replica, under concurrent intake on the primary');
const bench = await startBenchServer();
const servers: { shutdown(): Promise<void> }[] = [];
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  await generateCases(db, { district: DISTRICT, total: CASES, log: console.log });
  const size = await one<{ cases: number; mb: number }>(
    db,
    sql`select (select count(*)::int from cases) as cases, pg_database_size(current_database()) / 1048576 as mb`,
  );
  console.log(`data: ${fmt(size!.cases)} cases, ${fmt(size!.mb)} MB`);

  const scratchRead = new URL(readUrl);
  scratchRead.pathname = new URL(bench.databaseUrl!).pathname;
  const replicaConfig = loadConfig({
    ...raisedLimitEnv(),
    ...process.env,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: bench.databaseUrl!,
    DATABASE_READ_URL: scratchRead.toString(),
    SECRET_KEY: bench.secretKey,
    WEB_DIST: '/nonexistent',
  });
  const withReplica = await startServer(replicaConfig, { demo: false, logger: false });
  servers.push(withReplica);

  const streets = await db.execute<{ code: string }>(
    sql`select code from org_nodes where level = 'street' and code like ${`${DISTRICT}%`} order by code`,
  );
  // the previous full month in the district (UTC+8), as the leader's monthly dashboard shows it
  const local = new Date(Date.now() + 8 * 3_600_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const month = {
    from: day(new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1))),
    to: day(new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 0))),
  };
  const period = `from=${month.from}&to=${month.to}`;
  const dashboardPaths = [
    `/api/cases/kpis?org=${DISTRICT}&${period}`,
    `/api/cases/stats/nodes?level=street&under=${DISTRICT}&${period}`,
    `/api/cases/stats/trend?org=${DISTRICT}&${period}`,
    ...streets.rows.map((s) => `/api/cases/kpis?org=${s.code}&${period}`),
  ];
  const categories = await plainCategories(db);
  console.log(
    `dashboard: ${dashboardPaths.length} GETs cycled (district KPIs, street table, trend, each street's KPIs, ${month.from}..${month.to}), ` +
      `${CLIENTS} clients as the leader; intake: ${CLIENTS} clients as the dispatcher; ${WINDOW_S} s measured`,
  );

  for (const [label, origin] of [
    ['primary only', bench.server.url],
    ['with the replica', withReplica.url],
  ] as const) {
    const leader = await bench.login('leader');
    const dispatcher = await bench.login('dispatcher');
    const requests: LoadRequest[] = dashboardPaths.map((path) => ({
      method: 'GET',
      path,
      headers: { cookie: leader },
    }));
    const plan = { origin, concurrency: CLIENTS, warmup: { ms: 3_000 }, measure: { ms: WINDOW_S * 1000 } };
    const run = `${label[0]}${Date.now().toString(36)}`;
    const [reads, intake] = await Promise.all([
      runLoad({ ...plan, requests }),
      runLoad({
        ...plan,
        intake: { seed: 7, run, source: 'hotline', categories, cookie: dispatcher },
      }),
    ]);
    line(
      'dashboard',
      `${label.padEnd(18)} ${fmt(reads.perSecond).padStart(5)} req/s  ${latencies(reads)}  n=${fmt(reads.count)}${failures(reads)}`,
    );
    line(
      'intake',
      `${label.padEnd(18)} ${fmt(intake.perSecond).padStart(5)} cases/s ${latencies(intake)}  n=${fmt(intake.count)}${failures(intake)}`,
    );
  }
  const reads = withReplica.database.reads!;
  const c = reads.counters;
  console.log(
    `replica: ${reads.state().state}, lag ${reads.state().lagMs ?? '?'} ms; statements on the replica ${fmt(c.replica)}, ` +
      `on the primary for want of it: ${Object.entries(c.fallback)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
  );
} finally {
  for (const s of servers) await s.shutdown();
  await bench.stop();
}
