/** The read side at scale: case-list pages and street KPIs through HTTP, one request at a time. */
import { sql } from 'drizzle-orm';
import { rows } from '../../server/src/infra/db.ts';
import type { BenchServer } from './bench-server.ts';
import { type LoadRequest, type LoadSummary, runLoad } from './http-load.ts';
import { failures, fmt, latencies, line, verdict } from './report.ts';
import { closeRollups } from './rollups-ready.ts';

/** Goals of the issue for the read side, in ms. */
const LIST_P95_MS = 50;
const KPI_P95_MS = 100;

/** The previous full calendar month in the district (UTC+8) as YYYY-MM-DD bounds. */
function previousMonth(now = new Date()): { from: string; to: string } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(first), to: day(last) };
}

/** Sequential requests (one client): a short warm-up, then `count` measured ones. */
function sequential(origin: string, paths: string[], cookie: string, count: number): Promise<LoadSummary> {
  const requests: LoadRequest[] = paths.map((path) => ({ method: 'GET', path, headers: { cookie } }));
  return runLoad({
    origin,
    concurrency: 1,
    warmup: { count: Math.min(20, paths.length * 2) },
    measure: { count },
    requests,
  });
}

/**
 * Measures list pages (each filter on its own, then all structured filters mixed: the goal figure) and the
 * monthly KPIs of each street as the district dispatcher, who sees every case.
 */
export async function measureReads(
  bench: BenchServer,
  opts: { district: string },
): Promise<{ goals: string[] }> {
  const origin = bench.server.url;
  const db = bench.server.database.db;
  const cookie = await bench.login('dispatcher');
  const streets = (
    await rows<{ code: string }>(
      db,
      sql`select code from org_nodes where level = 'street' and code like ${`${opts.district}%`} order by code`,
    )
  ).map((r) => r.code);
  const grids = (
    await rows<{ code: string }>(
      db,
      sql`select code from org_nodes where level = 'grid' and code like ${`${opts.district}%`} order by code`,
    )
  ).map((r) => r.code);
  const month = previousMonth();
  const perStreet = (q: (s: string) => string) => streets.map(q);
  const everyNth = grids.filter((_, i) => i % 41 === 0);

  // a second page needs the cursor of the first
  const first = await fetch(`${origin}/api/cases?limit=50`, { headers: { cookie } });
  const nextCursor = ((await first.json()) as { nextCursor?: string }).nextCursor ?? '';

  const variants: [string, string[]][] = [
    ['newest 50 (no filter)', ['/api/cases?limit=50']],
    ['page 2 (cursor)', [`/api/cases?limit=50&cursor=${encodeURIComponent(nextCursor)}`]],
    ['street + state=dispatched', perStreet((s) => `/api/cases?org=${s}&state=dispatched&limit=50`)],
    [
      'street + category 01 + month',
      perStreet((s) => `/api/cases?org=${s}&category=01&from=${month.from}&to=${month.to}&limit=50`),
    ],
    ['overdue=true', ['/api/cases?overdue=true&limit=50']],
    ['street + light=red', perStreet((s) => `/api/cases?org=${s}&light=red&limit=50`)],
    ['one grid, newest', everyNth.map((g) => `/api/cases?org=${g}&limit=50`)],
    ['one grid, by deadline', everyNth.map((g) => `/api/cases?org=${g}&sort=deadline_at&order=asc&limit=50`)],
    [
      'closed in a month, 05.02',
      [`/api/cases?state=closed&category=05.02&from=${month.from}&to=${month.to}`],
    ],
  ];
  console.log('');
  console.log(
    `list pages GET /api/cases as the district dispatcher, one client, ms (month ${month.from}..${month.to}):`,
  );
  for (const [label, paths] of variants) {
    const s = await sequential(origin, paths, cookie, 60);
    line('list', `${label.padEnd(30)} ${latencies(s)}  n=${s.count}${failures(s)}`);
  }
  const mixed = await sequential(
    origin,
    variants.flatMap(([, p]) => p),
    cookie,
    400,
  );
  line(
    'list',
    `${'all of the above, mixed'.padEnd(30)} ${latencies(mixed)}  n=${mixed.count}${failures(mixed)}`,
  );
  const text = await sequential(
    origin,
    [`/api/cases?q=${encodeURIComponent('路灯')}&limit=50`, '/api/cases?q=CG26&limit=50'],
    cookie,
    20,
  );
  line(
    'list',
    `${'text search q= (not in the mix)'.padEnd(30)} ${latencies(text)}  n=${text.count}${failures(text)}`,
  );

  // the KPIs read the rollups, which a freshly generated database has yet to be given (rollups-ready.ts)
  const waited = await closeRollups(db);
  console.log('');
  console.log(
    `KPIs GET /api/cases/kpis?org=<street>&from=${month.from}&to=${month.to}, one client, ms` +
      (waited ? ` (rollups brought up to date first, ${fmt(waited, 1)} s):` : ':'),
  );
  const kpiPaths = perStreet((s) => `/api/cases/kpis?org=${s}&from=${month.from}&to=${month.to}`);
  const kpis = await sequential(origin, kpiPaths, cookie, 80);
  line(
    'kpis',
    `${`${streets.length} streets, cycled`.padEnd(30)} ${latencies(kpis)}  n=${kpis.count}${failures(kpis)}`,
  );
  const district = await sequential(
    origin,
    [`/api/cases/kpis?org=${opts.district}&from=${month.from}&to=${month.to}`],
    cookie,
    10,
  );
  line(
    'kpis',
    `${'whole district (reference)'.padEnd(30)} ${latencies(district)}  n=${district.count}${failures(district)}`,
  );

  const listOk = mixed.p95 < LIST_P95_MS && mixed.failed === 0;
  const kpiOk = kpis.p95 < KPI_P95_MS && kpis.failed === 0;
  return {
    goals: [
      `(b) filtered list page p95 < ${LIST_P95_MS} ms: ${verdict(listOk)} (mixed filters p95 ${fmt(mixed.p95, 1)} ms; text search p95 ${fmt(text.p95, 1)} ms, not in the goal mix)`,
      `(c) street monthly KPIs p95 < ${KPI_P95_MS} ms: ${verdict(kpiOk)} (p95 ${fmt(kpis.p95, 1)} ms)`,
    ],
  };
}
