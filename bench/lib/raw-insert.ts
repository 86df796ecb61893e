/**
 * The baseline for intake: the same case rows (and their 'report' event) inserted straight through `pg`,
 * without HTTP, validation, permission checks, lookups or notifications.
 */
import pg from 'pg';
import { type IntakeSpec, intakeBody } from './intake-bodies.ts';
import { percentile } from './measure.ts';

/** The grid (id and code) each report of a run falls in, resolved once before timing; null outside. */
export type GridOf = (n: number) => { id: number; code: string } | null;

/** Throughput and latency of a raw insert run. */
export interface RawSummary {
  rows: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const COLUMNS = `tracking_code, source, category_code, urgency, state, description, answers, address, location,
  grid_id, org_code, reporter_id, reported_at, stage, stage_started_at, stage_deadline_at`;

/**
 * Column values of the n-th case as the intake command stores it (one working hour to accept, in wall time).
 * Tracking codes come from the run and the number, not from the random production generator, whose 10^9
 * codes a month collide by the birthday paradox once tens of thousands are taken (see PERFORMANCE.md).
 */
function values(
  spec: IntakeSpec,
  n: number,
  grid: { id: number; code: string } | null,
  district: string,
  reporter: string | null,
) {
  const now = new Date();
  const b = intakeBody(spec, n);
  return [
    `RB-${spec.run}-${n}`,
    b.source,
    b.categoryCode,
    b.description,
    b.address,
    b.location.lng,
    b.location.lat,
    grid?.id ?? null,
    grid?.code ?? district,
    reporter,
    now,
    new Date(now.getTime() + 3_600_000),
  ] as const;
}

/**
 * Single-row: `concurrency` connections, each inserting one case and its event per statement (a CTE, one
 * round trip, autocommit) as fast as it can, for `ms` after a one-second warm-up.
 */
export async function rawSingleRow(
  url: string,
  opts: {
    spec: IntakeSpec;
    gridOf: GridOf;
    district: string;
    reporter: string | null;
    concurrency: number;
    ms: number;
  },
): Promise<RawSummary> {
  const pool = new pg.Pool({ connectionString: url, max: opts.concurrency });
  const text = `with c as (
      insert into cases (${COLUMNS})
      values ($1, $2, $3, 'normal', 'reported', $4, '{}'::jsonb, $5, st_setsrid(st_point($6, $7), 4326),
        $8, $9, $10, $11, 'accept', $11, $12)
      returning id)
    insert into case_events (case_id, actor_id, actor_role, action, from_state, to_state, data)
    select c.id, $10, $2, 'report', null, 'reported', $13::jsonb from c`;
  const latencies: number[] = [];
  let n = 0;
  const start = performance.now();
  const warmEnd = start + 1000;
  const end = warmEnd + opts.ms;
  try {
    const client = async () => {
      for (;;) {
        const t0 = performance.now();
        if (t0 >= end) return;
        const i = n++;
        const v = values(opts.spec, i, opts.gridOf(i), opts.district, opts.reporter);
        await pool.query(text, [...v, JSON.stringify({ source: opts.spec.source, triage: !opts.gridOf(i) })]);
        if (t0 >= warmEnd) latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, client));
  } finally {
    await pool.end();
  }
  return summarise(latencies.length, (performance.now() - warmEnd) / 1000, latencies);
}

/**
 * Batched: one connection inserting `batch` cases and their events per statement (arrays unnested in a
 * CTE), `total` rows in all.
 */
export async function rawBatched(
  url: string,
  opts: {
    spec: IntakeSpec;
    gridOf: GridOf;
    district: string;
    reporter: string | null;
    batch: number;
    total: number;
  },
): Promise<RawSummary> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const text = `with r as (
      select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[],
        $8::int[], $9::text[], $10::uuid[], $11::timestamptz[], $12::timestamptz[])
        as r(code, source, category, description, address, lng, lat, grid_id, org_code, reporter, at, deadline)),
    c as (
      insert into cases (${COLUMNS})
      select code, source, category, 'normal', 'reported', description, '{}'::jsonb, address,
        st_setsrid(st_point(lng, lat), 4326), grid_id, org_code, reporter, at, 'accept', at, deadline from r
      returning id, source, reporter_id, grid_id)
    insert into case_events (case_id, actor_id, actor_role, action, from_state, to_state, data)
    select c.id, c.reporter_id, c.source, 'report', null, 'reported',
      jsonb_build_object('source', c.source, 'triage', c.grid_id is null) from c`;
  const latencies: number[] = [];
  const start = performance.now();
  try {
    for (let lo = 0; lo < opts.total; lo += opts.batch) {
      const cols: unknown[][] = Array.from({ length: 12 }, () => []);
      for (let i = lo; i < Math.min(opts.total, lo + opts.batch); i++) {
        const row = values(opts.spec, i, opts.gridOf(i), opts.district, opts.reporter);
        row.forEach((v, k) => {
          cols[k]!.push(v);
        });
      }
      const t0 = performance.now();
      await client.query(text, cols);
      latencies.push(performance.now() - t0);
    }
  } finally {
    await client.end();
  }
  return summarise(opts.total, (performance.now() - start) / 1000, latencies);
}

/** Rows per second over the wall time and the latency percentiles of one raw run. */
function summarise(rows: number, wallSeconds: number, latencies: number[]): RawSummary {
  return {
    rows,
    perSecond: rows / wallSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
