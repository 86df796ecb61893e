/**
 * Finding any case at scale (issue 14): the dispatcher's search — words of the description or address
 * (token index, migration 0070), a whole tracking code, the caller's phone — through HTTP on the real server,
 * one request at a time, on a database of generated cases with closed ones among them.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:54330/bench npx tsx bench/case-search.ts
 *   npx tsx bench/case-search.ts              # in-memory PGlite, 100,000 cases by default
 *
 * BENCH_CASES sets the number of cases (default 1,000,000 on PostgreSQL); BENCH_KEEP_DB=1 reuses the kept
 * database of cases-million.ts. Besides the generator's texts, 1 % of the cases get a sentence from a list of
 * rarer complaints, so searches range from words in every tenth case to words in a few dozen and words in none.
 */
import { sql } from 'drizzle-orm';
import { one, rows } from '../server/src/infra/db.ts';
import { startBenchServer } from './lib/bench-server.ts';
import { generateCases } from './lib/case-data.ts';
import { type LoadRequest, runLoad } from './lib/http-load.ts';
import { failures, fmt, latencies, line, verdict } from './lib/report.ts';

const postgres = Boolean(process.env.DATABASE_URL);
const CASES = Number(process.env.BENCH_CASES ?? (postgres ? 1_000_000 : 100_000));
const DISTRICT = '411602';
const P95_MS = 50;
const RARE = [
  '井盖松动哐当响',
  '广场舞音响扰民',
  '共享单车堵塞盲道',
  '楼道堆放电动车充电',
  '护栏倒伏',
  '下水道返味',
  '流浪犬伤人',
  '违规搭建彩钢棚',
];

const t0 = performance.now();
console.log('Finding any case: dispatcher search through HTTP (words, tracking code, phone)');
const bench = await startBenchServer();
try {
  const db = bench.server.database.db;
  console.log(`engine: ${bench.engine}`);
  const held = (await one<{ n: number }>(db, sql`select count(*)::int as n from cases`))?.n ?? 0;
  if (held < CASES) {
    const gen = await generateCases(db, { district: DISTRICT, total: CASES, log: console.log });
    line('data', `${fmt(gen.cases)} cases generated in ${fmt(gen.seconds, 0)} s`);
    const s0 = performance.now();
    await db.execute(
      sql`update cases set description = description || '，' || (array[${sql.join(
        RARE.map((w) => sql`${w}`),
        sql`, `,
      )}]::text[])[1 + (id % ${RARE.length})]
          where id % 100 = 7`,
    );
    await db.execute(sql`vacuum analyze cases`);
    line('data', `1 % of the cases given a rarer sentence in ${fmt((performance.now() - s0) / 1000, 0)} s`);
  }
  const size = await one<{ index: number; n: number; closed: number }>(
    db,
    sql`select pg_relation_size('cases_search_tokens') / 1048576 as index, count(*)::int as n,
          count(*) filter (where state = 'closed')::int as closed from cases`,
  );
  line(
    'data',
    `${fmt(size?.n ?? 0)} cases (${fmt(size?.closed ?? 0)} closed); token index ${fmt(size?.index ?? 0)} MB`,
  );

  const cookie = await bench.login('dispatcher');
  const codes = await rows<{ code: string }>(
    db,
    sql`select tracking_code as code from cases where state = 'closed' and id % 997 = 3 limit 40`,
  );
  const grid = await one<{ name: string }>(
    db,
    sql`select name from org_nodes where level = 'grid' and code like ${`${DISTRICT}%`} order by code offset 100 limit 1`,
  );
  const q = (text: string) => `/api/cases?q=${encodeURIComponent(text)}&limit=50`;
  const variants: [string, string[]][] = [
    ['frequent word (路灯)', [q('路灯')]],
    ['phrase of the generator', [q('影响通行'), q('拍照取证')]],
    ['rare word (≈0.1 %)', RARE.map((w) => q(w.slice(0, 4)))],
    ['two rare words', [q('井盖 哐当'), q('彩钢 搭建'), q('盲道 单车')]],
    ['no case has it', [q('核污染'), q('飞碟降落'), q('熊猫出没')]],
    ['address words (grid name)', [q(grid?.name ?? '附近')]],
    ['rare word + closed + period', RARE.map((w) => `${q(w.slice(0, 4))}&state=closed&from=2020-01-01`)],
    ['whole tracking code (closed)', codes.map((c) => q(c.code))],
    ['caller phone (exact)', ['/api/cases?phone=13912345678&limit=50']],
  ];
  console.log('');
  console.log(
    'search GET /api/cases as the district dispatcher, one client, 60 requests each after warm-up, ms:',
  );
  const all: string[] = [];
  let worst = 0;
  for (const [label, paths] of variants) {
    all.push(...paths);
    const requests: LoadRequest[] = paths.map((path) => ({ method: 'GET', path, headers: { cookie } }));
    const s = await runLoad({
      origin: bench.server.url,
      concurrency: 1,
      warmup: { count: Math.min(20, paths.length * 2) },
      measure: { count: 60 },
      requests,
    });
    worst = Math.max(worst, s.p95);
    line('search', `${label.padEnd(30)} ${latencies(s)}  n=${s.count}${failures(s)}`);
  }
  const mixed = await runLoad({
    origin: bench.server.url,
    concurrency: 1,
    warmup: { count: 20 },
    measure: { count: 400 },
    requests: all.map((path) => ({ method: 'GET', path, headers: { cookie } })),
  });
  line(
    'search',
    `${'all of the above, mixed'.padEnd(30)} ${latencies(mixed)}  n=${mixed.count}${failures(mixed)}`,
  );
  console.log('');
  console.log(
    `goal: search p95 < ${P95_MS} ms at ${fmt(size?.n ?? 0)} cases: ${verdict(mixed.p95 < P95_MS)} (mixed p95 ${fmt(mixed.p95, 1)} ms; worst kind p95 ${fmt(worst, 1)} ms)`,
  );
  console.log(`total run time ${fmt((performance.now() - t0) / 1000, 0)} s`);
} finally {
  await bench.stop();
}
