/**
 * Sighting ingest through the device API (issue 12): signed batches of 500 sightings sent over HTTP to the real
 * server on 127.0.0.1, several in flight, beside a raw `COPY` of the same rows into a copy of the table (same
 * columns, indexes and unique dedupe key) in the same run. Goal: ≥ 20,000 sightings/s on PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5442/postgres npx tsx bench/care-ingest.ts
 *
 * BENCH_SIGHTINGS sets the number of sightings (default 200,000), BENCH_CONCURRENCY the batches in flight
 * (default 8), BENCH_DEVICES the gates sending them in turn (default 8: a compound's gates share one reference
 * group), BENCH_REFS the person references sighted (default 2,000). The raw COPY needs `psql` on PATH.
 *
 * The server runs in this process, the load generator in a child process of its own (lib/device-load.ts), so
 * BENCH_PROFILE=1 profiles the server alone; the CPU time of server, PostgreSQL and load generator is printed
 * per 10,000 sightings. BENCH_KEEP_DB=1 (with BENCH_DB_NAME) keeps the seeded database between runs.
 */
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { one, rows } from '../server/src/infra/db.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { profileCpu } from './lib/cpu-profile.ts';
import { postgresCpuReader, processCpuMs } from './lib/cpu-usage.ts';
import { runDeviceLoad } from './lib/device-load.ts';
import { fmt, line, verdict } from './lib/report.ts';

const TOTAL = Number(process.env.BENCH_SIGHTINGS ?? 200_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 8);
const REFS = Number(process.env.BENCH_REFS ?? 2_000);
const BATCH = 500;
/** where BENCH_PROFILE=1 saves the profile (open it in Chrome DevTools): outside the checkout */
const PROFILE_FILE = path.join(tmpdir(), 'care-ingest.cpuprofile');
const GOAL = 20_000;
const COMMUNITY = '411602001001';
/** the reference group of this run (a kept database, BENCH_KEEP_DB=1, holds earlier runs' groups) */
const GROUP = `压测组${process.pid}`;

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL: the figure is about PostgreSQL');
console.log(
  `Care sighting ingest: ${fmt(TOTAL)} sightings in signed batches of ${BATCH}, ${CONCURRENCY} in flight`,
);
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const base = bench.server.url;
  const cookie = await bench.login('community');
  const devices: { id: number; key: string }[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const res = await fetch(`${base}/api/care-devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: base },
      body: JSON.stringify({ kind: 'gate', name: `压测门禁${i + 1}`, org: COMMUNITY, refGroup: GROUP }),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    devices.push(((await res.json()) as { data: { id: number; key: string } }).data);
  }
  // references for persons of the community, written directly (setup, not measured)
  await db.execute(
    sql`insert into care_person_refs (ref_group, community_code, ref, person_id)
        select ${GROUP}, ${COMMUNITY}, 'B' || row_number() over (order by p.id), p.id
        from persons p join org_nodes g on g.id = p.grid_id
        where g.code like ${`${COMMUNITY}%`} order by p.id limit ${REFS}`,
  );
  const refs = await rows<{ ref: string; personId: number }>(
    db,
    sql`select ref, person_id as "personId" from care_person_refs where ref_group = ${GROUP} order by id`,
  );
  line('prepare', `${DEVICES} gates, ${fmt(refs.length)} references in 富民社区`);

  // every sighting distinct: reference i at a time one second apart per round, all within the last days
  const t0 = Date.now() - 3 * 86_400_000;
  const batches: { device: { id: number; key: string }; body: string }[] = [];
  for (let b = 0; b * BATCH < TOTAL; b++) {
    const device = devices[b % DEVICES]!;
    const sightings = Array.from({ length: Math.min(BATCH, TOTAL - b * BATCH) }, (_, k) => {
      const n = b * BATCH + k;
      return {
        ref: refs[n % refs.length]!.ref,
        time: new Date(t0 + Math.floor(n / refs.length) * 1000).toISOString(),
      };
    });
    batches.push({ device, body: JSON.stringify({ sightings }) });
  }
  // the load generator runs in a child process of its own (bench/lib/device-load.ts): this process's event
  // loop and CPU profile are the server's alone
  const url = '/api/device/v1/sightings';
  let profile: Awaited<ReturnType<typeof profileCpu>> | null = null;
  // CPU time of each party while the batches are sent: where the two cores go, apart from other work
  const pgCpu = await postgresCpuReader(db);
  let serverCpu = 0;
  let pgCpuMs = 0;
  const load = await runDeviceLoad({
    base,
    path: url,
    batches,
    concurrency: CONCURRENCY,
    whileRunning: async (until) => {
      const [s0, p0] = [processCpuMs(), pgCpu?.() ?? 0];
      const done = async () => {
        if (!process.env.BENCH_PROFILE) return until;
        // BENCH_PROFILE=1: the server's CPU in this process, to see where a batch goes
        const p = await profileCpu(PROFILE_FILE, () => until);
        profile = p;
        return p.result;
      };
      const result = await done();
      [serverCpu, pgCpuMs] = [processCpuMs() - s0, (pgCpu?.() ?? 0) - p0];
      return result;
    },
  });
  if (profile) {
    const p = profile as Awaited<ReturnType<typeof profileCpu>>;
    line(
      'profile',
      `${PROFILE_FILE}: ${fmt(p.totalMs)} ms sampled, ${fmt(p.idleMs)} ms idle (waiting on PostgreSQL or the load)`,
    );
    for (const h of p.hot.slice(0, 15)) line('  hot', `${fmt(h.selfMs)} ms ${h.name} ${h.where}`);
  }
  if (load.firstFailure) line('failure', load.firstFailure);
  const { recorded, failed, seconds } = load;
  const per = (ms: number) => fmt((ms / Math.max(recorded, 1)) * 10_000);
  const cpuTotal = serverCpu + pgCpuMs + load.cpuMs;
  line(
    'cpu',
    `per 10,000 sightings: server ${per(serverCpu)} ms, PostgreSQL ${pgCpu ? `${per(pgCpuMs)} ms` : 'n/a'}, load generator ${per(load.cpuMs)} ms = ${per(cpuTotal)} ms; two idle cores would take at most ${fmt((2 * 1000 * recorded) / cpuTotal)} sightings/s`,
  );
  const rate = recorded / seconds;
  line(
    'HTTP ingest',
    `${fmt(recorded)} sightings recorded in ${fmt(seconds, 2)} s = ${fmt(rate)} sightings/s (${failed} batches failed) ${verdict(rate >= GOAL && failed === 0)} (goal ${fmt(GOAL)}/s)`,
  );

  // the same rows, raw: COPY into a table like care_sightings (its indexes and unique key), in one psql
  await db.execute(sql`drop table if exists bench_sightings_copy`);
  await db.execute(sql`create table bench_sightings_copy (like care_sightings including all)`);
  const name = (await one<{ db: string }>(db, sql`select current_database() as db`))!.db;
  const target = new URL(process.env.DATABASE_URL);
  target.pathname = `/${name}`;
  const personOf = new Map(refs.map((r) => [r.ref, r.personId]));
  const csv = batches
    .flatMap((b) =>
      (JSON.parse(b.body).sightings as { ref: string; time: string }[]).map((s) => {
        const personId = personOf.get(s.ref);
        return `${personId},${s.time},device,${b.device.id},d${b.device.id}:${s.ref}:${s.time}`;
      }),
    )
    .join('\n');
  const c0 = performance.now();
  const copy = spawnSync(
    'psql',
    [
      target.toString(),
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      '\\copy bench_sightings_copy (person_id, seen_at, source, device_id, dedupe_key) from stdin csv',
    ],
    { input: `${csv}\n`, encoding: 'utf8' },
  );
  const copySeconds = (performance.now() - c0) / 1000;
  if (copy.status !== 0) throw new Error(`psql: ${copy.stderr}`);
  const copied = (await one<{ n: number }>(db, sql`select count(*)::int as n from bench_sightings_copy`))!.n;
  line(
    'raw COPY',
    `${fmt(copied)} rows in ${fmt(copySeconds, 2)} s = ${fmt(copied / copySeconds)} rows/s (psql \\copy, same indexes)`,
  );
  line('ratio', `HTTP ingest reaches ${fmt((rate / (copied / copySeconds)) * 100)} % of raw COPY`);
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await bench.stop();
}
