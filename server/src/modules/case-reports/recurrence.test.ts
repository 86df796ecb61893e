import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import { indexCondition, indexUseOf, planOf } from '../../../test/plans.ts';
import { type Db, one } from '../../infra/db.ts';
import { caseKpis } from './kpis.ts';
import { periodOf } from './period.ts';
import { expectCellsOncePerProbe, insertCase, insertSpreadCases } from './test-fixtures.ts';

let db: Db;
let t: Tenant;
const at = (day: string) => `2024-06-${day}T10:00:00+08:00`;
// 1e-4° of latitude ≈ 11 m; the test categories keep the default duplicate radius of 50 m
const near = (lngLat: [number, number], metres: number): [number, number] => [
  lngLat[0],
  lngLat[1] + metres / 111_000,
];

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const a: [number, number] = [t.origin[0] + 0.002, t.origin[1] + 0.002];
  const b: [number, number] = [t.origin[0] + 0.006, t.origin[1] + 0.004];
  const c: [number, number] = [t.origin[0] + 0.004, t.origin[1] + 0.008];
  const closed = { state: 'closed', reportedAt: at('01'), closedAt: at('03') };
  // A: reported again 20 m away ten days after closing → recurred
  await insertCase(db, t, { ...closed, lngLat: a });
  await insertCase(db, t, { reportedAt: at('13'), lngLat: near(a, 20) });
  // B: the same category again, but 200 m away; and another category at the very spot → not recurred
  await insertCase(db, t, { ...closed, lngLat: b });
  await insertCase(db, t, { reportedAt: at('10'), lngLat: near(b, 200) });
  await insertCase(db, t, { reportedAt: at('10'), lngLat: b, category: '99.02' });
  // C: the same spot 40 days later (past the 30 days), and a rejected report within them → not recurred
  await insertCase(db, t, { ...closed, lngLat: c });
  await insertCase(db, t, { reportedAt: '2024-07-13T10:00:00+08:00', lngLat: c });
  await insertCase(db, t, { reportedAt: at('05'), lngLat: c, state: 'rejected' });
});

describe('复发率', () => {
  it('counts a closed case whose problem was reported again nearby within 30 days, and no other', async () => {
    const k = await caseKpis(
      db,
      { org: t.district.code },
      periodOf('2024-06-01', '2024-06-30'),
      new Date('2024-08-01T00:00:00Z'),
    );
    expect(k.rates.recurrenceRate).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
  });

  it('records the earliest report after a closing, whatever order the reports arrive in', async () => {
    const spot: [number, number] = [t.origin[0] + 0.009, t.origin[1] + 0.001];
    const closing = await insertCase(db, t, { state: 'closed', reportedAt: at('01'), closedAt: at('03') });
    await db.execute(
      sql`update cases set location = st_setsrid(st_makepoint(${spot[0]}::float8, ${spot[1]}::float8), 4326)
          where id = ${closing.id}`,
    );
    const recurred = async () =>
      (
        await one<{ at: string | null }>(
          db,
          sql`select recurred_at::text as at from cases where id = ${closing.id}`,
        )
      )?.at ?? null;
    // a later report first, then an earlier one (an import), then a later one again: the earliest stays
    await insertCase(db, t, { reportedAt: at('20'), lngLat: near(spot, 10) });
    expect(Date.parse((await recurred())!)).toBe(Date.parse(at('20')));
    await insertCase(db, t, { reportedAt: at('08'), lngLat: near(spot, 10) });
    expect(Date.parse((await recurred())!)).toBe(Date.parse(at('08')));
    await insertCase(db, t, { reportedAt: at('12'), lngLat: near(spot, 10) });
    expect(Date.parse((await recurred())!)).toBe(Date.parse(at('08')));
  });
});

/** The closings a report at the tenant's origin in February 2024 makes recur, as the insert trigger asks. */
const newReportProbe = (tenant: Tenant) =>
  sql`select * from recurrence_closings(
        st_setsrid(st_point(${tenant.origin[0]}::float8, ${tenant.origin[1]}::float8), 4326), '99.01',
        timestamptz '2024-02-15 10:00+08')`;

/**
 * The closings' index takes the category, one cell and the window as its condition, and no filter computes the
 * cells again for each entry (migration 0166: an `= any(cells)` the planner may leave as such a filter).
 */
function expectNewReportProbe(plan: string): void {
  expect(indexCondition(plan, 'cases_recurrence_span_cell_closed'), plan).toMatch(
    /Index Cond: \(\(recurrence_span\(closed_at\) = "\*VALUES\*"\.column1\) AND \(category_code = .*\+ 100000\) = cell\.n\) AND \(closed_at < .*closed_at >= /,
  );
  expectCellsOncePerProbe(plan);
}

describe('the place cells on a young table (migration 0166)', () => {
  // before the spread cases of the next block: a young district's table, a few cases of a category a month, is
  // where the planner left 0165's `= any(cells)` as a filter evaluating place_cells per entry
  it('are computed once a probe, not once an entry', async () => {
    expectCellsOncePerProbe(await planOf(db, newReportProbe(t)));
  });
});

describe('the place cells (migration 0165)', () => {
  beforeAll(async () => {
    await insertSpreadCases(db, await createTenant(db), 6000, '2023-07-01T10:00:00+08:00');
  });

  it('list every cell a point within the radius can lie in, and few of them', async () => {
    // points at 0–100 % of the radius in 16 directions, around centres at several latitudes and on cell edges
    const centres: [number, number][] = [
      [t.origin[0] + 0.0011, t.origin[1] + 0.0013],
      [114.65, 33.624],
      [114.002, 33.998],
      [-73.99, 40.71],
      [151.2, -33.87],
      [20.0, 69.65],
    ];
    const found = await one<{ missed: number; most: number }>(
      db,
      sql`with c as (select st_setsrid(st_point(x, y), 4326) as loc, r
                     from unnest(${`{${centres.map((c) => c[0]).join(',')}}`}::float8[],
                                 ${`{${centres.map((c) => c[1]).join(',')}}`}::float8[]) as u(x, y),
                          unnest(array[0, 50, 500]) as r),
              p as (select c.loc, c.r, st_project(c.loc::geography, c.r * f, radians(a))::geometry as at
                    from c, generate_series(0, 337.5, 22.5) a, unnest(array[0, 0.5, 0.999]) f)
          select count(*) filter (where not place_cell(st_setsrid(p.at, 4326)) = any(place_cells(p.loc, p.r)))::int as missed,
            (select max(cardinality(place_cells(loc, 50))) from c)::int as most
          from p`,
    );
    expect(found).toEqual({ missed: 0, most: 4 });
  });

  // The index condition must hold the category, the cells and the time window (migration 0165): otherwise the
  // probe reads every case of the category, or every category's cases near the point, from the table.
  it('is what a new report’s probe reads: the closings’ index on the category, the cells and the time', async () => {
    expectNewReportProbe(await planOf(db, newReportProbe(t)));
  });

  it('is what a closing’s probe reads: the reports’ index, entries of the category only', async () => {
    // B (beforeAll) closed on the 3rd; another category's report at the very spot 7 days later is in B's cell
    // but must not be an entry of the probe. EXPLAIN cannot show a SQL function called in a select list: count
    // what it read.
    const b = sql`st_setsrid(st_point(${t.origin[0] + 0.006}::float8, ${t.origin[1] + 0.004}::float8), 4326)`;
    const use = await indexUseOf(
      db,
      sql`select case_recurred_at(0, ${b}, '99.01', ${at('03')}::timestamptz)`,
      ['cases_recurrence_span_cell', 'cases_category'],
    );
    const inCells = (category: string) =>
      one<{ n: number }>(
        db,
        sql`select count(*)::int as n from cases where category_code = ${category} and state <> 'rejected'
              and location is not null and place_cell(location) = any(place_cells(${b}, 50))
              and reported_at > ${at('03')}::timestamptz and reported_at <= ${at('03')}::timestamptz + interval '30 days'`,
      );
    expect((await inCells('99.02'))?.n).toBe(1);
    expect(use.cases_category).toEqual({ scans: 0, entries: 0 });
    // one scan per cell and 90-day span: B's window (3 June to 3 July 2024) straddles the span boundary of
    // 16 June, and its box touches one or two cells
    expect(use.cases_recurrence_span_cell?.scans).toBeGreaterThanOrEqual(2);
    expect(use.cases_recurrence_span_cell?.scans).toBeLessThanOrEqual(8);
    expect(use.cases_recurrence_span_cell?.entries).toBe((await inCells('99.01'))?.n);
  });
});

describe('the 90-day spans of the recurrence probes (migration 0168)', () => {
  // the start of span 221: 221 × 90 days after the epoch
  const boundary = Date.UTC(2024, 5, 16);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  it('are counted from the epoch, whatever the session’s time zone', async () => {
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
      const spans = await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local time zone '${zone}'`));
        return one<{ before: number; at: number }>(
          tx,
          sql`select recurrence_span(${iso(boundary - 1000)}::timestamptz) as before,
                recurrence_span(${iso(boundary)}::timestamptz) as at`,
        );
      });
      expect(spans, zone).toEqual({ before: 220, at: 221 });
    }
  });

  it('are two rows to the planner, so the insert trigger’s probe is never costed for JIT compilation', async () => {
    // a generate_series of computed bounds is 1,000 rows to the planner: × 10 cells that made the probe a
    // 336,000-cost plan at 5,000,000 cases, over jit_above_cost, and each single-row insert JIT-compiled it
    const plan = await planOf(db, newReportProbe(t));
    expect(plan, plan).toMatch(/Values Scan on "\*VALUES\*" {2}\(cost=[\d.]+ rows=2 /);
    expect(plan, plan).not.toMatch(/generate_series/);
  });

  it('let both probes find recurrences in either span of a window that straddles a boundary', async () => {
    const spot: [number, number] = [t.origin[0] + 0.011, t.origin[1] + 0.009];
    const closed = (reported: number, closedAt: number, lngLat: [number, number]) =>
      insertCase(db, t, { state: 'closed', reportedAt: iso(reported), closedAt: iso(closedAt), lngLat });
    // span 220 holds the first closing and the second's report; span 221 the second closing and the new report
    const first = await closed(boundary - 10 * day, boundary - 5 * day, spot);
    const second = await closed(boundary - 6 * day, boundary + 2 * day, near(spot, 10));
    await insertCase(db, t, { reportedAt: iso(boundary + 5 * day), lngLat: near(spot, 15) });
    const point = (p: [number, number]) => sql`st_setsrid(st_point(${p[0]}::float8, ${p[1]}::float8), 4326)`;
    const found = await one<{ recorded: string; later: string; earlier: string; closings: number[] }>(
      db,
      sql`select (select recurred_at from cases where id = ${first.id})::text as recorded,
            case_recurred_at(${first.id}, ${point(spot)}, '99.01', ${iso(boundary - 5 * day)}::timestamptz)::text
              as later,
            case_recurred_at(0, ${point(spot)}, '99.01', ${iso(boundary - 8 * day)}::timestamptz)::text as earlier,
            array(select recurrence_closings(${point(near(spot, 15))}, '99.01', ${iso(boundary + 5 * day)}::timestamptz)
                  order by 1) as closings`,
    );
    // the new report's probe (the insert trigger) recorded the first closing's recurrence, in the window's
    // second span; a closing's probe reads the first span too (the second closing's report, 6 days before)
    expect(Date.parse(found!.recorded)).toBe(boundary + 5 * day);
    expect(Date.parse(found!.later)).toBe(boundary + 5 * day);
    expect(Date.parse(found!.earlier)).toBe(boundary - 6 * day);
    // and the new report's own probe finds the closings of both spans
    expect(found!.closings).toEqual([first.id, second.id].sort((a, b) => a - b));
  });
});
