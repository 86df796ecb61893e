/**
 * KPIs at scale from the daily rollups (docs/kpis.md "Rollups", docs/PERFORMANCE.md): the whole district's and
 * each street's monthly KPIs (caseKpis), the live ranking of the last week at each level (computeRanking) and
 * the district's daily bulletin (bulletinContent), called in-process on a database of generated cases, with the
 * same KPIs from the cases (no rollups) beside them. Prints the data size, p50/p95 and the ratio of each p95
 * against the same figure of a 1,000,000-case run (kept in BENCH_REF, default /var/tmp/civicgrid-kpi-rollups-1m.json).
 *
 *   BENCH_KEEP_DB=1 BENCH_DB_NAME=cg_bench_1m BENCH_CASES=1000000 DATABASE_URL=postgres://… npx tsx bench/kpi-rollups.ts
 *
 * Generation is resumable: run the same command again after an interruption and it goes on from the last chunk.
 * BENCH_YEARS spreads the cases over that many years (default 1; a city's 20,000,000 cases over 5).
 * BENCH_GENERATE_ONLY=1 stops after the generation (to generate at a low priority and measure in a second run);
 * BENCH_CHECK_RECURRENCE=1 compares the bulk load's recurrence record with the production function, case by case.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { one, rows } from '../server/src/infra/db.ts';
import { bulletinContent } from '../server/src/modules/bulletins/content.ts';
import { windowOf } from '../server/src/modules/case-reports/kpi-definitions.ts';
import { caseKpis, kpiTotals } from '../server/src/modules/case-reports/kpis.ts';
import { districtDay, periodOf } from '../server/src/modules/case-reports/period.ts';
import { computeRanking } from '../server/src/modules/scores/rankings.ts';
import { readScoreSettings } from '../server/src/modules/scores/settings.ts';
import { lastEndedWeek, weekPeriod } from '../server/src/modules/scores/weeks.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { checkRecurrence } from './lib/bulk-load.ts';
import { generateCases } from './lib/case-data.ts';
import { fmt, line } from './lib/report.ts';
import { closeRollups } from './lib/rollups-ready.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DISTRICT = '411602';
// BENCH_YEARS spreads the cases over that many years (default 1), as in bench/cases-million.ts
const YEARS = Number(process.env.BENCH_YEARS ?? 1);
const REF = process.env.BENCH_REF ?? '/var/tmp/civicgrid-kpi-rollups-1m.json';
const t0 = performance.now();

/** Times `n` sequential calls after 3 warm-up calls; p50 and p95 in ms. */
async function time(n: number, call: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await call(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await call(i);
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

console.log('KPIs from daily rollups: district and street months, live rankings, the daily bulletin');
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  await generateCases(db, { district: DISTRICT, total: CASES, years: YEARS, log: console.log });
  if (process.env.BENCH_CHECK_RECURRENCE) {
    // the bulk load's recurrence record against the production function, case by case (slow)
    const tc = performance.now();
    const c = await checkRecurrence(db);
    line(
      'check',
      `recurrence: ${fmt(c.recurred)} recorded of ${fmt(c.closed)} closed cases; ${fmt(c.wrong)} differ from ` +
        `case_recurred_at, ${fmt(c.stray)} on cases not closed (${fmt((performance.now() - tc) / 1000, 0)} s)`,
    );
  }
  // BENCH_GENERATE_ONLY=1: stop after the generation (run at low priority; measure in a second run)
  if (process.env.BENCH_GENERATE_ONLY) {
    await bench.stop();
    console.log(`generated; total run time ${fmt((performance.now() - t0) / 1000, 0)} s`);
    process.exit(0);
  }
  const tr = performance.now();
  let passes = 0;
  await closeRollups(db, () => passes++);
  const size = await one<{ cases: number; mb: number; rollups: number; rmb: number }>(
    db,
    sql`select (select count(*) from cases)::int as cases, pg_database_size(current_database()) / 1048576 as mb,
          (select count(*) from case_rollups)::int as rollups, pg_total_relation_size('case_rollups') / 1048576 as rmb`,
  );
  line(
    'data',
    `${fmt(size?.cases ?? 0)} cases, database ${fmt(size?.mb ?? 0)} MB; ${fmt(size?.rollups ?? 0)} rollup rows ` +
      `(${fmt(size?.rmb ?? 0)} MB), brought up to date in ${fmt((performance.now() - tr) / 1000, 1)} s (${passes} passes)`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const now = new Date();
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 10);
  const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 0)).toISOString().slice(0, 10);
  const month = periodOf(first, last);
  const streets = (
    await rows<{ code: string }>(
      db,
      sql`select code from org_nodes where level = 'street' and code like ${`${DISTRICT}%`}`,
    )
  ).map((r) => r.code);
  const settings = await readScoreSettings(db);
  const week = weekPeriod(lastEndedWeek(now));
  const today = districtDay(now);

  const figures: Record<string, number> = {};
  const ref: Record<string, number> = existsSync(REF) ? JSON.parse(readFileSync(REF, 'utf8')) : {};
  const report = (label: string, n: number, r: { p50: number; p95: number }) => {
    figures[label] = r.p95;
    const ratio = ref[label] && CASES !== 1_000_000 ? `  ×${(r.p95 / ref[label]!).toFixed(2)} of 1M` : '';
    line('kpis', `${label.padEnd(40)} p50 ${fmt(r.p50, 1)}  p95 ${fmt(r.p95, 1)} ms  n=${n}${ratio}`);
  };
  const w = windowOf(month, now);
  report('district month (rollups)', 30, await time(30, () => caseKpis(db, { org: DISTRICT }, month, now)));
  report(
    'street month (rollups)',
    48,
    await time(48, (i) => caseKpis(db, { org: streets[i % streets.length]! }, month, now)),
  );
  report(
    'district current month to date',
    30,
    await time(30, () => caseKpis(db, { org: DISTRICT }, periodOf(undefined, undefined, now), now)),
  );
  report(
    'district month counts (raw, reference)',
    5,
    await time(5, () => kpiTotals(db, { org: DISTRICT }, w, 'raw')),
  );
  report(
    'district month counts (rollups only)',
    30,
    await time(30, () => kpiTotals(db, { org: DISTRICT }, w, 'rollups')),
  );
  for (const level of ['street', 'community', 'unit'] as const)
    report(
      `ranking ${level}, last week (live)`,
      10,
      await time(10, () =>
        computeRanking(db, { level, org: DISTRICT, period: week, settings }, new Set(), now),
      ),
    );
  report(
    'daily bulletin, district (content)',
    5,
    await time(5, () => bulletinContent(db, { org: DISTRICT, kind: 'daily', from: today, to: today }, now)),
  );
  if (CASES === 1_000_000) writeFileSync(REF, JSON.stringify(figures, null, 2));
} finally {
  await bench.stop();
}
console.log(`total run time ${fmt((performance.now() - t0) / 1000, 0)} s`);
