/**
 * Open311 for FixMyStreet at scale (issue 16): on a database of a year of cases, through the real server over
 * HTTP on 127.0.0.1, the two reads a FixMyStreet body repeats —
 * - its fallback polling: one `GET requests.xml?service_request_id=…` listing 20,000 ids it sent, and
 * - its updates fetch: `GET servicerequestupdates.xml` for a window (one day, and its usual two hours).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5467/postgres npx tsx bench/open311-fms.ts
 *   npx tsx bench/open311-fms.ts        # in-memory PGlite, 100,000 cases by default
 *
 * BENCH_CASES sets the number of generated cases (default 1,000,000 on PostgreSQL), BENCH_IDS the length of
 * the id list (default 20,000), BENCH_RUNS the timed repetitions of each read (default 5).
 */
import { loadavg } from 'node:os';
import { CASE_TRANSITIONS, SYSTEM_EVENTS } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../server/src/infra/db.ts';
import { findRequestsByIds } from '../server/src/modules/open311/queries.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { generateCases } from './lib/case-data.ts';
import { percentile, seededRandom } from './lib/measure.ts';
import { fmt, line } from './lib/report.ts';

const postgres = Boolean(process.env.DATABASE_URL);
const CASES = Number(process.env.BENCH_CASES ?? (postgres ? 1_000_000 : 100_000));
const IDS = Number(process.env.BENCH_IDS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DISTRICT = '411602';

/** Times a GET RUNS times after one warm-up; returns the median and worst milliseconds and the last answer. */
async function timed(url: string): Promise<{ p50: number; max: number; bytes: number; body: string }> {
  let body = '';
  const ms: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const res = await fetch(url);
    body = await res.text();
    if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 300)}`);
    if (i > 0) ms.push(performance.now() - t);
  }
  return { p50: percentile(ms, 50), max: Math.max(...ms), bytes: Buffer.byteLength(body), body };
}

const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1;

/**
 * The generator (bench/lib/case-data.ts) writes every step with the column's default, internal; the feed reads
 * public steps only. In this scratch database the steps the shared table calls public are marked so, once,
 * with the append-only trigger held for the one statement (the role is the cluster's superuser).
 */
async function markPublicSteps(db: Db): Promise<void> {
  if (await one(db, sql`select 1 from case_events where public limit 1`)) return;
  const actions = [...CASE_TRANSITIONS, ...SYSTEM_EVENTS]
    .filter((t) => t.visibility === 'public')
    .map((t) => t.action);
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table case_events disable trigger case_events_append_only`);
    await tx.execute(
      sql`update case_events set public = true where action = any(${`{${actions.join(',')}}`}::text[])`,
    );
    await tx.execute(sql`alter table case_events enable trigger case_events_append_only`);
  });
  line('prepare', `public steps marked by the shared table in ${fmt((performance.now() - t0) / 1000)} s`);
}

console.log('Open311 for FixMyStreet at scale: a 20,000-id requests lookup and the updates window');
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const held = (await one<{ n: number }>(db, sql`select count(*)::int as n from cases`))?.n ?? 0;
  const gen =
    held >= CASES
      ? { cases: held, events: 0, seconds: 0 }
      : await generateCases(db, { district: DISTRICT, total: CASES, log: console.log });
  const events = (await one<{ n: number }>(db, sql`select count(*)::int as n from case_events`))?.n ?? 0;
  line('data', `${fmt(gen.cases)} cases, ${fmt(events)} events`);
  await markPublicSteps(db);
  await db.execute(sql`analyze`);

  // the ids a body sent: a seeded sample of all cases (internal ones are simply not found, as for FixMyStreet)
  const all = await rows<{ id: number }>(db, sql`select id from cases order by id`);
  const random = seededRandom(16);
  const picked = new Set<number>();
  while (picked.size < Math.min(IDS, all.length)) picked.add(all[Math.floor(random() * all.length)]!.id);
  const base = `${bench.server.url}/open311/v2`;
  const idUrl = `${base}/requests.xml?service_request_id=${[...picked].join(',')}`;
  const lookup = await timed(idUrl);
  // the same lookup without HTTP and XML: the database's share of the time
  const t = performance.now();
  await findRequestsByIds(db, [...picked]);
  const sqlMs = performance.now() - t;
  line(
    'ids',
    `${fmt(picked.size)} ids in one GET requests.xml (request line ${fmt(idUrl.length / 1024)} KB): ` +
      `${fmt(count(lookup.body, 'request'))} requests, ${fmt(lookup.bytes / 1024)} KB; ` +
      `p50 ${fmt(lookup.p50)} ms, max ${fmt(lookup.max)} ms (${RUNS} runs, ${fmt(gen.cases)} cases); query alone ${fmt(sqlMs)} ms`,
  );

  // the busiest recent day of public steps, and two hours of it (FixMyStreet's default window)
  const day = await one<{ d: Date }>(
    db,
    sql`select date_trunc('day', at) as d from case_events where public group by 1 order by count(*) desc limit 1`,
  );
  if (!day) throw new Error('no public steps generated');
  const from = day.d;
  for (const [label, hours] of [
    ['one day', 24],
    ['two hours', 2],
  ] as const) {
    const to = new Date(from.getTime() + hours * 3_600_000 - 1000);
    const q = new URLSearchParams({ start_date: from.toISOString(), end_date: to.toISOString() });
    const feed = await timed(`${base}/servicerequestupdates.xml?${q}`);
    line(
      'updates',
      `${label} window (${from.toISOString().slice(0, 10)}): ${fmt(count(feed.body, 'request_update'))} updates, ` +
        `${fmt(feed.bytes / 1024)} KB; p50 ${fmt(feed.p50)} ms, max ${fmt(feed.max)} ms (${RUNS} runs, ${fmt(gen.cases)} cases)`,
    );
  }
} finally {
  await bench.stop();
}
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
