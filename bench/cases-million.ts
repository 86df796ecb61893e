/**
 * Cases at scale: the real server (startServer, demo district 川汇区) on a database holding a year of cases,
 * measured through HTTP on 127.0.0.1 — intake (POST /api/cases), a filtered list page (GET /api/cases) and
 * one street's monthly KPIs (GET /api/cases/kpis) — and intake compared with inserting the same rows
 * straight through `pg`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:54330/bench npx tsx bench/cases-million.ts
 *   npx tsx bench/cases-million.ts              # in-memory PGlite, 100,000 cases by default
 *
 * With DATABASE_URL the bench creates a scratch database next to the named one and drops it at the end.
 * BENCH_CASES sets the number of generated cases (default 1,000,000 on PostgreSQL), BENCH_CLIENTS the
 * intake clients (default 32), BENCH_INTAKE_S the measured intake window (default 30 s),
 * BENCH_CPU_PROF=1 samples the server's CPU during the first intake run.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { one, rows } from '../server/src/infra/db.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { generateCases } from './lib/case-data.ts';
import { measureIntake } from './lib/cases-intake.ts';
import { measureReads } from './lib/cases-reads.ts';
import { fmt, line } from './lib/report.ts';

const t0 = performance.now();
const postgres = Boolean(process.env.DATABASE_URL);
const CASES = Number(process.env.BENCH_CASES ?? (postgres ? 1_000_000 : 100_000));
const DISTRICT = '411602';

console.log('Cases at scale: generated cases + the real server over HTTP (intake, list page, street KPIs)');
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  console.log(
    `load average at start (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`server with the demo district started in ${fmt((performance.now() - t0) / 1000, 1)} s`);

  const gen = await generateCases(db, { district: DISTRICT, total: CASES, log: console.log });
  const size = await one<{ cases: number; events: number; total: number }>(
    db,
    sql`select pg_total_relation_size('cases') / 1048576 as cases, pg_total_relation_size('case_events') / 1048576
          as events, pg_database_size(current_database()) / 1048576 as total`,
  );
  const states = await rows<{ state: string; n: number }>(
    db,
    sql`select state, count(*)::int as n from cases group by state order by n desc`,
  );
  line(
    'data',
    `${fmt(gen.cases)} cases + ${fmt(gen.events)} events in ${fmt(gen.seconds, 0)} s; cases ${fmt(size?.cases ?? 0)} MB,` +
      ` events ${fmt(size?.events ?? 0)} MB, database ${fmt(size?.total ?? 0)} MB (tables with indexes)`,
  );
  line('states', states.map((s) => `${s.state} ${((100 * s.n) / gen.cases).toFixed(1)}%`).join(', '));

  const reads = await measureReads(bench, { district: DISTRICT });
  const intake = await measureIntake(bench, { district: DISTRICT });

  console.log('');
  console.log('goals (2-core machine):');
  for (const g of [...intake.goals, ...reads.goals]) console.log(`  ${g}`);
} finally {
  await bench.stop();
}
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; total run time ${fmt((performance.now() - t0) / 1000, 0)} s`,
);
