/**
 * Point-to-grid lookup benchmark: times the production `locatePoint()` (GiST-indexed ST_Intersects plus the
 * joins up to the district) at 300, 3,000 and 30,000 grids, against a naive scan that tests every grid polygon.
 *
 *   npx tsx bench/point-to-grid.ts                                    # in-memory PGlite
 *   DATABASE_URL=postgres://user@127.0.0.1:5432/bench npx tsx bench/point-to-grid.ts
 *
 * The naive scan is the very same `locatePoint()` call inside a transaction that drops every org_nodes index
 * except the primary key and is rolled back afterwards: same engine, same SQL, same joins to the district, but
 * a sequential scan that tests every grid polygon, so the ratio isolates what the spatial index buys. An
 * in-process JavaScript loop over all polygons is printed as a second, reference baseline.
 *
 * BENCH_SIZES=300,3000 limits the sizes (multiples of 300); BENCH_PLANS=1 prints the full query plans.
 */
import { loadavg } from 'node:os';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../server/src/infra/db.ts';
import { locatePoint } from '../server/src/modules/org/queries.ts';
import { openBenchDatabase } from './lib/database.ts';
import { percentile, type Summary, seededRandom, summarize, timeOps } from './lib/measure.ts';

/** Grid counts to measure; each is generated in its own district and its own patch of the map. */
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [300, 3_000, 30_000];
/** Goal from the brief: median lookup under 1 ms at the largest size. */
const GOAL_P50_MS = 1;

const INDEXED = { warmup: 200, count: 2_000 };
// The naive scans get a time budget per size instead of a fixed count, so the whole run stays within a few
// minutes on 2 cores even when a sequential scan over 30,000 polygons is slow (PGlite runs as WASM).
const NAIVE = { warmup: 5, count: 1_000, budgetMs: 8_000, minCount: 30 };
const JS_LOOP = { warmup: 20, count: 2_000, budgetMs: 4_000, minCount: 30 };

// Layout: a grid is one CELL square (≈ 340 m × 440 m at 40°N, a typical urban grid); a community is a block
// of 6 × 5 grids, a street a block of 5 × 2 communities (30 × 10 cells), a district a near-square array of
// streets. Coordinates are computed from integer cell indices in SQL and in JS alike, so neighbouring grids
// share edges exactly and every query point's expected grid is known without asking the database.
const CELL = 0.004;
const GRID_COLS = 6;
const GRIDS_PER_COMMUNITY = 30;
const COMMUNITY_COLS = 5;
const COMMUNITIES_PER_STREET = 10;
const STREET_W = GRID_COLS * COMMUNITY_COLS;
const STREET_H = (GRIDS_PER_COMMUNITY / GRID_COLS) * (COMMUNITIES_PER_STREET / COMMUNITY_COLS);
const GRIDS_PER_STREET = GRIDS_PER_COMMUNITY * COMMUNITIES_PER_STREET;

/** One generated district: its code, where it lies and how its streets are arranged. */
interface Area {
  grids: number;
  code: string;
  lng0: number;
  lat0: number;
  streets: number;
  streetCols: number;
}

/** A query point and the code of the grid that must contain it. */
interface Probe {
  lng: number;
  lat: number;
  code: string;
}

const pad3 = (n: number) => String(n).padStart(3, '0');

/**
 * The district for the i-th size. Codes 99000x are unassigned in GB/T 2260 and cannot collide with the demo
 * district 411602; areas start 2.5° apart in longitude around 80°E, far from the demo's 114.6°E, so no two
 * sizes overlap and nothing generated here can capture a point of real data in a shared PostgreSQL database.
 */
function areaFor(grids: number, i: number): Area {
  const streets = Math.ceil(grids / GRIDS_PER_STREET);
  if (streets * GRIDS_PER_STREET !== grids)
    throw new Error(`size ${grids} is not a multiple of ${GRIDS_PER_STREET}`);
  // Streets are 3:1 blocks, so about sqrt(streets / 3) columns of them make a near-square district.
  const streetCols = Math.max(1, Math.round(Math.sqrt(streets / 3)));
  return { grids, code: `99000${i + 1}`, lng0: 80 + 2.5 * i, lat0: 40, streets, streetCols };
}

/** A MultiPolygon rectangle of w × h cells whose south-west cell index is (ix, iy), in SQL. */
function envelope(a: Area, ix: SQL, iy: SQL, w: number, h: number): SQL {
  const x = (i: SQL) => sql`${a.lng0}::float8 + (${i}) * ${CELL}::float8`;
  const y = (i: SQL) => sql`${a.lat0}::float8 + (${i}) * ${CELL}::float8`;
  return sql`st_multi(st_makeenvelope(${x(ix)}, ${y(iy)}, ${x(sql`${ix} + ${w}::int`)}, ${y(sql`${iy} + ${h}::int`)}, 4326))`;
}

/** Deletes a previous run's nodes of this district (children first, for the parent_id foreign key). */
async function clearArea(db: Db, a: Area): Promise<void> {
  for (const len of [15, 12, 9, 6]) {
    await db.execute(
      sql`delete from org_nodes where code like ${`${a.code}%`} and length(code) = ${len}::int`,
    );
  }
}

/** Inserts the district, its streets, communities and grids with set-based SQL. */
async function generateArea(db: Db, a: Area): Promise<void> {
  const sc = sql`${a.streetCols}::int`;
  const streetRows = Math.ceil(a.streets / a.streetCols);
  const label = `Bench ${a.grids}`;
  await db.execute(
    sql`insert into org_nodes (code, level, name, geom)
        values (${a.code}, 'district', ${label}, ${envelope(a, sql`0`, sql`0`, a.streetCols * STREET_W, streetRows * STREET_H)})`,
  );
  await db.execute(
    sql`insert into org_nodes (code, parent_id, level, kind, name, geom)
        select d.code || lpad((k.s + 1)::text, 3, '0'), d.id, 'street', 'street', ${label} || ' street ' || (k.s + 1),
          ${envelope(a, sql`k.sx * ${STREET_W}::int`, sql`k.sy * ${STREET_H}::int`, STREET_W, STREET_H)}
        from (select s, s % ${sc} as sx, s / ${sc} as sy from generate_series(0, ${a.streets - 1}::int) s) k
        join org_nodes d on d.code = ${a.code}`,
  );
  const cw = GRID_COLS;
  const ch = GRIDS_PER_COMMUNITY / GRID_COLS;
  await db.execute(
    sql`insert into org_nodes (code, parent_id, level, kind, name, geom)
        select st.code || lpad((k.c + 1)::text, 3, '0'), st.id, 'community', 'community',
          ${label} || ' community ' || (k.s + 1) || '-' || (k.c + 1),
          ${envelope(a, sql`k.ix`, sql`k.iy`, cw, ch)}
        from (select s, c,
                (s % ${sc}) * ${STREET_W}::int + (c % ${COMMUNITY_COLS}::int) * ${cw}::int as ix,
                (s / ${sc}) * ${STREET_H}::int + (c / ${COMMUNITY_COLS}::int) * ${ch}::int as iy
              from generate_series(0, ${a.streets - 1}::int) s,
                   generate_series(0, ${COMMUNITIES_PER_STREET - 1}::int) c) k
        join org_nodes st on st.code = ${a.code} || lpad((k.s + 1)::text, 3, '0')`,
  );
  await db.execute(
    sql`insert into org_nodes (code, parent_id, level, name, geom)
        select cm.code || lpad((k.g + 1)::text, 3, '0'), cm.id, 'grid',
          ${label} || ' grid ' || (k.s + 1) || '-' || (k.c + 1) || '-' || (k.g + 1),
          ${envelope(a, sql`k.ix`, sql`k.iy`, 1, 1)}
        from (select s, c, g,
                (s % ${sc}) * ${STREET_W}::int + (c % ${COMMUNITY_COLS}::int) * ${cw}::int + g % ${cw}::int as ix,
                (s / ${sc}) * ${STREET_H}::int + (c / ${COMMUNITY_COLS}::int) * ${ch}::int + g / ${cw}::int as iy
              from generate_series(0, ${a.streets - 1}::int) s,
                   generate_series(0, ${COMMUNITIES_PER_STREET - 1}::int) c,
                   generate_series(0, ${GRIDS_PER_COMMUNITY - 1}::int) g) k
        join org_nodes cm on cm.code = ${a.code} || lpad((k.s + 1)::text, 3, '0') || lpad((k.c + 1)::text, 3, '0')`,
  );
}

/** n random points inside the area's grids (uniform over its area), each with the code it must resolve to. */
function probes(a: Area, n: number, rnd: () => number): Probe[] {
  const out: Probe[] = [];
  const ch = GRIDS_PER_COMMUNITY / GRID_COLS;
  for (let k = 0; k < n; k++) {
    const s = Math.floor(rnd() * a.streets);
    const c = Math.floor(rnd() * COMMUNITIES_PER_STREET);
    const g = Math.floor(rnd() * GRIDS_PER_COMMUNITY);
    const ix = (s % a.streetCols) * STREET_W + (c % COMMUNITY_COLS) * GRID_COLS + (g % GRID_COLS);
    const iy =
      Math.floor(s / a.streetCols) * STREET_H +
      Math.floor(c / COMMUNITY_COLS) * ch +
      Math.floor(g / GRID_COLS);
    // Stay 1% of a cell away from the edges: a point on a shared edge belongs to two grids, which the
    // production query resolves by code but which would make the expected answer ambiguous here.
    const u = 0.01 + 0.98 * rnd();
    const v = 0.01 + 0.98 * rnd();
    out.push({
      lng: a.lng0 + (ix + u) * CELL,
      lat: a.lat0 + (iy + v) * CELL,
      code: `${a.code}${pad3(s + 1)}${pad3(c + 1)}${pad3(g + 1)}`,
    });
  }
  return out;
}

/** Looks up one probe with the production query and fails loudly on a wrong or missing answer. */
async function lookup(db: Db, p: Probe): Promise<void> {
  const hit = await locatePoint(db, p.lng, p.lat);
  if (hit?.grid.code !== p.code) {
    throw new Error(
      `locatePoint(${p.lng}, ${p.lat}) gave ${hit?.grid.code ?? 'nothing'}, expected ${p.code}`,
    );
  }
}

/**
 * A Db that runs every query under `explain` (a prefix such as EXPLAIN or EXPLAIN (ANALYZE)) and collects the
 * plan lines, so the plan of `locatePoint()` itself can be read without copying its SQL here.
 */
function explaining(db: Db, plan: string[], explain: SQL): Db {
  return {
    async execute<T>(query: SQL) {
      const r = await rows<Record<string, string>>(db, sql`${explain} ${query}`);
      plan.push(...r.map((row) => Object.values(row)[0] ?? ''));
      return { rows: [] as T[] };
    },
    transaction: (fn) => db.transaction((tx) => fn(explaining(tx, plan, explain))),
  };
}

/** The plan node that reads the grid rows (alias g), without its cost estimate; BENCH_PLANS=1 prints it all. */
async function gridScan(db: Db, p: Probe): Promise<string> {
  const plan: string[] = [];
  await locatePoint(explaining(db, plan, sql`explain`), p.lng, p.lat);
  if (process.env.BENCH_PLANS) console.log(plan.join('\n'));
  const line = plan.find((l) => / on org_nodes g\b/.test(l)) ?? plan.join(' / ');
  return line.replace(/\s*\(cost=.*$/, '').replace(/^[\s>-]+/, '');
}

/**
 * Drops every index of org_nodes but the primary key (unique ones through their constraint; cascade takes any
 * foreign key that leans on one with it). Only ever called inside a transaction that is rolled back.
 */
async function dropSecondaryIndexes(tx: Db): Promise<void> {
  const found = await rows<{ index: string; constraint: string | null }>(
    tx,
    sql`select ic.relname as index, con.conname as constraint
        from pg_index i join pg_class ic on ic.oid = i.indexrelid
        left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid
        where i.indrelid = 'org_nodes'::regclass and not i.indisprimary`,
  );
  for (const f of found) {
    await tx.execute(
      f.constraint
        ? sql`alter table org_nodes drop constraint ${sql.identifier(f.constraint)} cascade`
        : sql`drop index ${sql.identifier(f.index)}`,
    );
  }
}

/**
 * Median server-side planning and execution time of locatePoint() over the probes (EXPLAIN ANALYZE), to show
 * how much of a lookup is spent inside the engine and how much in the driver and the round trip.
 */
async function serverSide(db: Db, ps: Probe[]): Promise<{ planning: number; execution: number }> {
  const planning: number[] = [];
  const execution: number[] = [];
  for (const p of ps) {
    const plan: string[] = [];
    await locatePoint(explaining(db, plan, sql`explain (analyze)`), p.lng, p.lat);
    const ms = (label: string) =>
      Number(/([\d.]+) ms/.exec(plan.find((l) => l.startsWith(label)) ?? '')?.[1]);
    planning.push(ms('Planning Time'));
    execution.push(ms('Execution Time'));
  }
  return { planning: percentile(planning, 50), execution: percentile(execution, 50) };
}

const ROLLBACK = new Error('rollback');

/** Runs fn in a transaction that is always rolled back, returning fn's result. */
async function rolledBack<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let out: T | undefined;
  try {
    await db.transaction(async (tx) => {
      out = await fn(tx);
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return out as T;
}

type Ring = number[][];
type MultiPolygon = Ring[][];

/** Even-odd ray casting over every ring of a MultiPolygon (holes included). */
function contains(mp: MultiPolygon, x: number, y: number): boolean {
  let inside = false;
  for (const polygon of mp) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** Result line of one size. */
interface Row {
  grids: number;
  indexed: Summary;
  naive: Summary;
  jsLoop: Summary;
  indexedPlan: string;
  naivePlan: string;
  server: { planning: number; execution: number };
}

/** Measures one size: indexed lookups, the same lookups without the index, and the JS loop reference. */
async function measure(db: Db, a: Area): Promise<Row> {
  const rnd = seededRandom(20_240_000 + a.grids);
  const warm = probes(a, INDEXED.warmup, rnd);
  const timed = probes(a, INDEXED.count, rnd);

  const indexedPlan = await gridScan(db, timed[0]!);
  for (const p of warm) await lookup(db, p);
  const indexed = summarize(await timeOps((i) => lookup(db, timed[i]!), INDEXED));
  const server = await serverSide(db, timed.slice(0, 50));

  // Without the GiST index the planner would walk the unique code index in `order by code` order and stop at
  // the first containing grid; that is not a scan over all polygons. So every index on org_nodes except the
  // primary key (which the joins up to the district use, as in production) is dropped, leaving a sequential
  // scan that tests every grid polygon. DDL inside a transaction is visible to that transaction only, and the
  // rollback restores everything.
  const { naive, naivePlan } = await rolledBack(db, async (tx) => {
    await dropSecondaryIndexes(tx);
    // Give the scan its cheapest form on 2 cores, the single-process execution the indexed lookup also gets:
    // PostgreSQL's defaults would JIT-compile this high-cost plan on every call (~55 ms) and start parallel
    // workers, both of which made it slower here. PGlite has neither; the settings are harmless there.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    const plan = await gridScan(tx, timed[0]!);
    for (const p of warm.slice(0, NAIVE.warmup)) await lookup(tx, p);
    return { naive: summarize(await timeOps((i) => lookup(tx, timed[i]!), NAIVE)), naivePlan: plan };
  });

  // The reference baseline: every grid polygon loaded once into memory, then each lookup ray-casts all of them
  // (no bounding boxes, no early exit) and keeps the lowest code, as the SQL's `order by code limit 1` does.
  const polygons = (
    await rows<{ code: string; json: string }>(
      db,
      sql`select code, st_asgeojson(geom) as json from org_nodes
          where level = 'grid' and code like ${`${a.code}%`} order by code`,
    )
  ).map((r) => ({ code: r.code, coords: (JSON.parse(r.json) as { coordinates: MultiPolygon }).coordinates }));
  const scan = (p: Probe) => {
    let found: string | null = null;
    for (const g of polygons) if (contains(g.coords, p.lng, p.lat) && found === null) found = g.code;
    if (found !== p.code)
      throw new Error(`JS loop gave ${found ?? 'nothing'} for ${p.lng},${p.lat}, expected ${p.code}`);
  };
  for (const p of warm.slice(0, JS_LOOP.warmup)) scan(p);
  const jsLoop = summarize(await timeOps((i) => scan(timed[i]!), JS_LOOP));

  return { grids: a.grids, indexed, naive, jsLoop, indexedPlan, naivePlan, server };
}

const num = (n: number, width: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).padStart(width);

/** One method's figures as table cells: lookups/s, p50 ms, p99 ms, samples. */
const cells = (s: Summary) =>
  `${num(s.perSecond, 10)} ${num(s.p50, 8, 3)} ${num(s.p99, 8, 3)} ${num(s.count, 6)}`;

/** Round-trip time of `select 1` through the same driver: the floor under any single query. */
async function roundTrip(db: Db): Promise<Summary> {
  const ping = () => db.execute(sql`select 1`);
  for (let i = 0; i < 200; i++) await ping();
  return summarize(await timeOps(ping, { count: 2_000 }));
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Measures every size on its own data (generated, measured, then deleted) and prints the table. */
async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const { database, engine } = await openBenchDatabase();
  const db = database.db;
  const areas = SIZES.map(areaFor);
  try {
    console.log('Point-to-grid lookup: server/src/modules/org/queries.ts locatePoint(db, lng, lat)');
    console.log(`engine: ${engine}`);
    console.log(`load average at start (1/5/15 min): ${load()}`);
    const floor = await roundTrip(db);
    console.log(
      `round-trip floor (select 1): p50 ${floor.p50.toFixed(3)} ms, p99 ${floor.p99.toFixed(3)} ms`,
    );
    console.log('indexed = locatePoint() as in production (GiST index org_nodes_geom_gix)');
    console.log(
      'naive   = the same locatePoint() call in a rolled-back transaction that dropped every org_nodes index',
    );
    console.log(
      '          but the primary key: a sequential scan testing every grid polygon, with JIT and parallel workers',
    );
    console.log('          off (its fastest form here); ratio = indexed lookups/s ÷ naive lookups/s');
    console.log(
      'JS loop = reference: all grid polygons held in Node memory, each lookup ray-casts every one (no DB)',
    );
    console.log(
      'each size is generated alone (its district, streets, communities, grids), analysed, measured, deleted',
    );
    console.log('latencies in ms; n = timed lookups (after warm-up); one line per size\n');
    console.log(
      `${'grids'.padStart(6)} | ${'indexed/s'.padStart(10)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'n'.padStart(6)}` +
        ` | ${'naive/s'.padStart(10)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'n'.padStart(6)} | ${'ratio'.padStart(7)}` +
        ` | ${'JS loop/s'.padStart(10)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'n'.padStart(6)}`,
    );
    const results: Row[] = [];
    const setup: string[] = [];
    for (const a of areas) {
      const t0 = process.hrtime.bigint();
      await clearArea(db, a);
      await generateArea(db, a);
      // VACUUM drops the dead rows a previous size left behind, which a sequential scan would still read;
      // ANALYZE gives the planner this size's statistics.
      await db.execute(sql`vacuum analyze org_nodes`);
      setup.push(`${num(a.grids, 0)} in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
      const r = await measure(db, a);
      results.push(r);
      await clearArea(db, a);
      const ratio = r.indexed.perSecond / r.naive.perSecond;
      console.log(
        `${num(r.grids, 6)} | ${cells(r.indexed)} | ${cells(r.naive)} | ${num(ratio, 6, 1)}× | ${cells(r.jsLoop)}`,
      );
    }

    console.log(
      '\nplans (node reading the grids) and server-side time of the indexed lookup (EXPLAIN ANALYZE, median):',
    );
    for (const r of results) {
      console.log(
        `${num(r.grids, 6)}  indexed: ${r.indexedPlan}; planning ${r.server.planning.toFixed(3)} ms, ` +
          `execution ${r.server.execution.toFixed(3)} ms  ·  naive: ${r.naivePlan}`,
      );
    }
    console.log(`data generation (insert + vacuum analyze): ${setup.join(', ')}`);

    const largest = results[results.length - 1]!;
    const met = largest.indexed.p50 < GOAL_P50_MS;
    console.log(
      `\ngoal: p50 < ${GOAL_P50_MS} ms per lookup at ${num(largest.grids, 0)} grids — ` +
        `${met ? 'MET' : 'NOT MET'} (p50 ${largest.indexed.p50.toFixed(3)} ms, p99 ${largest.indexed.p99.toFixed(3)} ms)`,
    );
  } finally {
    await database.close();
  }
  console.log(
    `load average at end: ${load()}; total run time ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
  );
}

await main();
