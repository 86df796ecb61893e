/**
 * Intake at scale: POST /api/cases under sustained concurrent load (as the hotline dispatcher and as an
 * anonymous resident), what the database did per intake, and the same rows inserted straight through `pg`.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Db, one, rows } from '../../server/src/infra/db.ts';
import type { BenchServer } from './bench-server.ts';
import { profileCpu } from './cpu-profile.ts';
import { postgresCpuReader, processCpuMs } from './cpu-usage.ts';
import { type LoadSummary, runLoad } from './http-load.ts';
import { ioCounts, printIoCounts } from './index-reads.ts';
import { type IntakeSpec, intakeBody } from './intake-bodies.ts';
import { startFromGeneratedHistory } from './intake-leftovers.ts';
import { type GridOf, rawBatched, rawSingleRow } from './raw-insert.ts';
import { failures, fmt, latencies, line, verdict } from './report.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const WINDOW_S = Number(process.env.BENCH_INTAKE_S ?? 30);
// a server that has just started (or whose database has) reads its indexes from disk for a while: a longer
// warm-up measures the steady state rather than the first minute
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const RAW_WINDOW_S = 10;
const RAW_BATCH = 1_000;
const RAW_BATCH_TOTAL = 50_000;
/** Reports whose grid is resolved before the raw runs; the raw single-row run cycles through them. */
const RAW_POOL = 60_000;
/** Goals of the issue for intake. */
const GOAL_PER_S = 1_000;
const GOAL_P99_MS = 100;

/** Leaf categories a report can use without answering required questions. */
/** Leaf categories without required questions: what a generated report may use. */
export async function plainCategories(db: Db): Promise<string[]> {
  const found = await rows<{ code: string }>(
    db,
    sql`select code from categories c where parent_code is not null and active
          and not exists (select 1 from jsonb_array_elements(c.questions) q where (q ->> 'required')::boolean)
        order by code`,
  );
  return found.map((r) => r.code);
}

/** Whether pg_stat_statements can be used (preloaded and installable); installs it in the scratch database. */
async function statementStats(db: Db): Promise<boolean> {
  try {
    const preload = await one<{ v: string }>(
      db,
      sql`select current_setting('shared_preload_libraries') as v`,
    );
    if (!preload?.v.includes('pg_stat_statements')) return false;
    await db.execute(sql`create extension if not exists pg_stat_statements`);
    return true;
  } catch {
    return false;
  }
}

/** Prints what the database executed per created case since the last reset, largest total time first. */
async function printStatementProfile(db: Db, created: number): Promise<number> {
  const top = await rows<{
    calls: number;
    execMs: number;
    planMs: number;
    meanMs: number;
    meanPlanMs: number;
    blksRead: number;
    query: string;
  }>(
    db,
    sql`select calls, total_exec_time as "execMs", total_plan_time as "planMs", mean_exec_time as "meanMs",
          mean_plan_time as "meanPlanMs", shared_blks_read::float8 as "blksRead",
          regexp_replace(query, '\\s+', ' ', 'g') as query
        from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
        order by total_exec_time desc`,
  );
  const sum = (f: (t: (typeof top)[number]) => number) => top.reduce((n, t) => n + f(t), 0);
  const calls = sum((t) => t.calls);
  const exec = sum((t) => t.execMs);
  const plan = sum((t) => t.planMs);
  line(
    'db',
    `per created case: ${fmt(calls / created, 1)} statements (incl. BEGIN/COMMIT), ${fmt(exec / created, 2)} ms executing` +
      (plan > 0 ? `, ${fmt(plan / created, 2)} ms planning` : ' (planning not tracked)') +
      ' (pg_stat_statements); by execution time:',
  );
  for (const t of top.slice(0, 10)) {
    line(
      'db',
      `  ${fmt(t.calls / created, 2).padStart(5)}×  exec ${fmt(t.meanMs, 3).padStart(6)}  plan ${fmt(t.meanPlanMs, 3).padStart(5)} ms  ${fmt((100 * t.execMs) / exec, 0).padStart(3)}%  ${t.query.slice(0, 90)}`,
    );
  }
  // a statement's blocks include those of the triggers it fired; the sweeps' statements are listed as well
  const read = sum((t) => t.blksRead);
  line('db', `blocks read outside shared buffers: ${fmt(read / created, 2)} per created case; by statement:`);
  for (const t of [...top].sort((a, b) => b.blksRead - a.blksRead).slice(0, 6)) {
    if (t.blksRead <= 0) break;
    line(
      'db',
      `  ${fmt(t.blksRead / created, 3).padStart(7)} read per case  ${fmt(t.calls / created, 3).padStart(6)}×  ${t.query.slice(0, 90)}`,
    );
  }
  return calls / created;
}

/** Resolves the grid of the first RAW_POOL reports of a spec in one set-based query (not timed). */
async function resolveGrids(url: string, spec: IntakeSpec): Promise<GridOf> {
  const lng: number[] = [];
  const lat: number[] = [];
  for (let i = 0; i < RAW_POOL; i++) {
    const b = intakeBody(spec, i);
    lng.push(b.location.lng);
    lat.push(b.location.lat);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string; id: number | null; code: string | null }>(
      `select p.n, g.id, g.code from unnest($1::float8[], $2::float8[]) with ordinality as p(lng, lat, n)
       left join lateral (select id, code from org_nodes
         where level = 'grid' and st_intersects(geom, st_setsrid(st_point(p.lng, p.lat), 4326))
         order by code limit 1) g on true`,
      [lng, lat],
    );
    const grids = new Array<{ id: number; code: string } | null>(RAW_POOL).fill(null);
    for (const row of r.rows) {
      if (row.id !== null && row.code !== null) grids[Number(row.n) - 1] = { id: row.id, code: row.code };
    }
    return (n) => grids[n % RAW_POOL] ?? null;
  } finally {
    await client.end();
  }
}

/**
 * The last id the cases' sequence gave out, so the difference of two readings counts the cases created between
 * them — max(id) would not, once earlier runs' reports (the highest ids) have been removed.
 */
async function lastCaseId(db: Db): Promise<number> {
  const r = await one<{ id: number | null }>(
    db,
    sql`select greatest((select max(id) from cases),
          pg_sequence_last_value(pg_get_serial_sequence('cases', 'id')::regclass))::int as id`,
  );
  return r?.id ?? 0;
}

/**
 * CPU time per created case of the server process (this one) and of PostgreSQL while fn runs, so the cost of
 * an intake can be told apart from other work on a shared machine.
 */
async function cpuPerCase<T>(
  db: Db,
  pgCpu: (() => number) | null,
  fn: () => Promise<T>,
): Promise<{ result: T; nodeMs: number; pgMs: number | null }> {
  const id0 = await lastCaseId(db);
  const node0 = processCpuMs();
  const pg0 = pgCpu?.() ?? 0;
  const result = await fn();
  const node1 = processCpuMs();
  const pg1 = pgCpu?.() ?? 0;
  const created = Math.max(1, (await lastCaseId(db)) - id0);
  return { result, nodeMs: (node1 - node0) / created, pgMs: pgCpu ? (pg1 - pg0) / created : null };
}

/** Prints where the CPU of one case went and what two cores would sustain at that cost. */
function printCpu(nodeMs: number, pgMs: number | null, clientMs: number | null, what: string): void {
  const own = nodeMs + (pgMs ?? 0);
  line(
    'cpu',
    `per case: ${what} ${fmt(nodeMs, 2)} ms, ` +
      (pgMs === null
        ? 'database not a local process (PGlite runs inside the server process)'
        : `PostgreSQL ${fmt(pgMs, 2)} ms`) +
      `${clientMs === null ? '' : `, load generator ${fmt(clientMs, 2)} ms`}` +
      (pgMs === null ? '' : ` → ceiling ≈ ${fmt(2000 / own)}/s with 2 cores for the two alone`),
  );
}

/** One sustained intake run; prints its line (and the CPU per case) and returns the figures. */
async function intakeRun(
  bench: BenchServer,
  label: string,
  spec: IntakeSpec,
  pgCpu: (() => number) | null,
): Promise<LoadSummary> {
  const db = bench.server.database.db;
  const {
    result: s,
    nodeMs,
    pgMs,
  } = await cpuPerCase(db, pgCpu, () =>
    runLoad({
      origin: bench.server.url,
      concurrency: CLIENTS,
      warmup: { ms: WARMUP_S * 1000 },
      measure: { ms: WINDOW_S * 1000 },
      intake: spec,
    }),
  );
  line(
    'intake',
    `${label.padEnd(34)} ${fmt(s.perSecond).padStart(5)} cases/s  ${latencies(s)}  n=${fmt(s.count)}${failures(s)}`,
  );
  printCpu(nodeMs, pgMs, s.clientCpuMs, 'server process');
  return s;
}

/**
 * Runs the intake measurements: dispatcher (hotline) with a database profile, anonymous resident, then the raw
 * `pg` baselines (PostgreSQL only). Returns the goal lines.
 */
export async function measureIntake(
  bench: BenchServer,
  opts: { district: string },
): Promise<{ goals: string[] }> {
  const db = bench.server.database.db;
  const categories = await plainCategories(db);
  const cookie = await bench.login('dispatcher');
  const stats = await statementStats(db);
  const pgCpu = await postgresCpuReader(db);
  const run = Date.now().toString(36);
  const hotline: IntakeSpec = { seed: 1, run: `h${run}`, source: 'hotline', categories, cookie };
  const resident: IntakeSpec = { seed: 2, run: `r${run}`, source: 'resident', categories, cookie: null };

  console.log('');
  console.log(
    `intake POST /api/cases (JSON, no photos, Idempotency-Key, ${categories.length} categories, points in the district box),` +
      ` ${CLIENTS} keep-alive clients, ${WARMUP_S} s warm-up + ${WINDOW_S} s measured:`,
  );
  await startFromGeneratedHistory(db);
  const before = await lastCaseId(db);
  const io0 = await ioCounts(db);
  if (stats) await db.execute(sql`select pg_stat_statements_reset()`);
  const first = async () => intakeRun(bench, 'hotline, as the dispatcher', hotline, pgCpu);
  let asDispatcher: LoadSummary;
  if (process.env.BENCH_CPU_PROF) {
    const file = `/tmp/cases-intake-${process.pid}.cpuprofile`;
    const p = await profileCpu(file, first);
    asDispatcher = p.result;
    line(
      'cpu',
      `server process CPU profile: ${file}; busy ${fmt(100 - (100 * p.idleMs) / p.totalMs, 0)}% of ${fmt(p.totalMs / 1000, 1)} s; top self time:`,
    );
    for (const h of p.hot.slice(0, 15))
      line('cpu', `  ${fmt(100 * h.share, 1).padStart(5)}%  ${h.name}  ${h.where}`);
  } else {
    asDispatcher = await first();
  }
  const created = (await lastCaseId(db)) - before;
  const perIntake = stats ? await printStatementProfile(db, created) : null;
  if (!stats) line('db', 'no per-statement profile: pg_stat_statements is not preloaded (or this is PGlite)');
  await new Promise((r) => setTimeout(r, 1_500)); // the backends' statistics reach the views within a second
  printIoCounts(io0, await ioCounts(db), created);
  // the resident's profile too: the two channels cost differently (a session, its area, a follower)
  const beforeResident = await lastCaseId(db);
  if (stats) await db.execute(sql`select pg_stat_statements_reset()`);
  const asResident = await intakeRun(bench, 'resident, anonymous', resident, pgCpu);
  if (stats) await printStatementProfile(db, (await lastCaseId(db)) - beforeResident);

  const goals = [
    `(a) intake ≥ ${fmt(GOAL_PER_S)} cases/s with p99 < ${GOAL_P99_MS} ms: ${verdict(
      asDispatcher.perSecond >= GOAL_PER_S && asDispatcher.p99 < GOAL_P99_MS && asDispatcher.failed === 0,
    )} as the dispatcher (${fmt(asDispatcher.perSecond)}/s, p99 ${fmt(asDispatcher.p99, 1)} ms), ${verdict(
      asResident.perSecond >= GOAL_PER_S && asResident.p99 < GOAL_P99_MS && asResident.failed === 0,
    )} as a resident (${fmt(asResident.perSecond)}/s, p99 ${fmt(asResident.p99, 1)} ms)${
      perIntake === null ? '' : `; ${fmt(perIntake, 1)} statements per intake`
    }`,
  ];

  const url = process.env.DATABASE_URL && (await scratchUrl(db));
  if (!url) {
    line('raw', 'raw pg inserts: PostgreSQL only (set DATABASE_URL)');
    return { goals };
  }
  const rawSpec: IntakeSpec = { ...hotline, seed: 3, run: `p${run}` };
  const gridOf = await resolveGrids(url, rawSpec);
  const reporter =
    (await one<{ id: string }>(db, sql`select id from users where username = 'dispatcher'`))?.id ?? null;
  const common = { spec: rawSpec, gridOf, district: opts.district, reporter };
  console.log('');
  console.log(`the same rows (case + its 'report' event, grid resolved beforehand) straight through pg:`);
  const {
    result: single,
    nodeMs,
    pgMs,
  } = await cpuPerCase(db, pgCpu, () =>
    rawSingleRow(url, { ...common, concurrency: CLIENTS, ms: RAW_WINDOW_S * 1000 }),
  );
  line(
    'raw',
    `${`single-row, ${CLIENTS} connections`.padEnd(34)} ${fmt(single.perSecond).padStart(5)} cases/s  p50 ${fmt(single.p50, 1)}  p99 ${fmt(single.p99, 1)} ms  n=${fmt(single.rows)}  (1 statement per case, autocommit, ${RAW_WINDOW_S} s)`,
  );
  printCpu(nodeMs, pgMs, null, 'pg client');
  const batched = await rawBatched(url, {
    ...common,
    spec: { ...rawSpec, run: `b${run}` },
    batch: RAW_BATCH,
    total: RAW_BATCH_TOTAL,
  });
  line(
    'raw',
    `${`batched, ${fmt(RAW_BATCH)} per statement`.padEnd(34)} ${fmt(batched.perSecond).padStart(5)} cases/s  p50 ${fmt(batched.p50, 1)}  p99 ${fmt(batched.p99, 1)} ms per statement  n=${fmt(batched.rows)}  (1 connection)`,
  );
  line(
    'ratio',
    `HTTP intake (dispatcher) ÷ raw: ${fmt((100 * asDispatcher.perSecond) / single.perSecond, 0)}% of single-row, ${fmt((100 * asDispatcher.perSecond) / batched.perSecond, 1)}% of batched`,
  );
  return { goals };
}

/** The URL of the database the server runs on (the scratch database), from DATABASE_URL and its name. */
async function scratchUrl(db: Db): Promise<string | null> {
  const name = (await one<{ db: string }>(db, sql`select current_database() as db`))?.db;
  if (!name || !process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
