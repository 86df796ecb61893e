import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { windowOf } from '../case-reports/kpi-definitions.ts';
import { caseKpis, kpiTotals } from '../case-reports/kpis.ts';
import { type GroupKpis, kpisByGroup } from '../case-reports/kpis-by-group.ts';
import { type Period, periodOf } from '../case-reports/period.ts';
import { createOtherUnit, insertCase } from '../case-reports/test-fixtures.ts';
import { refreshRollups } from './commands/refresh-rollups.ts';
import { rollupPlan } from './queries.ts';
import { lastDayOf } from './summary-rows.ts';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

// Histories over three weeks from a base day (the 25th of a month), crossing into the next month; the sweeps
// run inside them, the queries are judged 81 days after the base, when that next month is a whole ended month
// whose recurrences have settled (migration 0170), so the monthly summaries can answer for it. Each run starts
// three months after the last one, after the days the last run's sweeps stored: the sweeps of every run close,
// recompute and settle days afresh, and queries meet days not stored, stored but not settled, and settled.
// Always in the past: the recurrence trigger judges settled days by the clock (0170).
const HOUR = 3_600_000;
let run = 0;
function history() {
  const first = Date.UTC(2016, 0, 1);
  const month = new Date(first);
  month.setUTCMonth(3 * (run++ % 32));
  const ym = (d: Date) => d.toISOString().slice(0, 7);
  const base = Date.parse(`${ym(month)}-25T00:00:00+08:00`);
  month.setUTCMonth(month.getUTCMonth() + 1);
  const next = `${ym(month)}-01`;
  month.setUTCMonth(month.getUTCMonth() + 1);
  const after = `${ym(month)}-01`;
  const dayOf = (d: number) => new Date(base + d * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10);
  return {
    base,
    now: new Date(base + 81 * 24 * HOUR),
    at: (h: number | null) => (h === null ? null : new Date(base + h * HOUR).toISOString()),
    dayOf,
    month: periodOf(next, lastDayOf(next)),
    monthStart: next,
    dayAfterMonth: after,
  };
}

const hours = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null, freq: 3 });
const flag = fc.option(fc.constantFrom(0, 1), { nil: null });
const caseArb = fc.record({
  grid: fc.integer({ min: 0, max: 7 }),
  category: fc.constantFrom('99.01', '99.02', '98.01'),
  source: fc.constantFrom('grid_patrol', 'resident', 'hotline', 'visit'),
  state: fc.constantFrom(
    'reported',
    'filed',
    'dispatched',
    'pending_check',
    'closed',
    'rejected',
    'suspended',
  ),
  unit: fc.constantFrom(0, 1, null),
  firstUnit: fc.constantFrom(0, 1, null),
  reported: fc.integer({ min: 0, max: 22 * 24 }),
  // offsets after the report, in hours
  filed: hours(30),
  dispatched: hours(40),
  deadline: hours(20 * 24), // may lie past every sweep and past the queries: overdue or due with no event
  disposed: hours(60),
  closed: hours(80),
  rated: hours(90),
  rating: fc.constantFrom('satisfied', 'basic', 'dissatisfied', null),
  reopened: fc.constantFrom(0, 0, 1),
  cValid: flag,
  cIntimeDispatch: flag,
  cAccurate: flag,
  cDisposed: fc.constantFrom(0, 1),
  cIntimeDispose: flag,
  cIntimeClose: flag,
  cChecked: fc.constantFrom(0, 1),
  cRework: fc.constantFrom(0, 1),
  cReturned: fc.constantFrom(0, 1),
  cExtended: fc.constantFrom(0, 1),
  handling: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
  recurred: fc.boolean(),
});
const changeArb = fc.record({
  kind: fc.constantFrom('reopen', 'close', 'reject', 'extend', 'rate', 'merge', 'recur', 'unrecur'),
  target: fc.nat(),
  hour: fc.integer({ min: 0, max: 39 * 24 }),
});

/** A kpiCounts row as numbers (the drivers give bigint and float columns as text or number). */
const counts = (row: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    Object.entries(row ?? {})
      .filter(([k]) => k !== 'key')
      .map(([k, v]) => [k, v === null ? null : Number(v)]),
  );

/**
 * The groups with anything counted: the query over the cases also answers a group whose only case is, say,
 * rejected (touched in the window, counted nowhere), with every count 0; rollups have no row for it.
 */
const nonEmpty = (m: Map<string, GroupKpis>) =>
  [...m.values()]
    .filter((g) => g.volume > 0 || Object.values(g.rates).some((r) => r.denominator > 0))
    .sort((a, b) => a.key.localeCompare(b.key));

/** Every KPI of the rollups against the same KPI from the cases, for each period, scope and grouping. */
async function compare(
  t: Awaited<ReturnType<typeof createTenant>>,
  units: number[],
  periods: Period[],
  now: Date,
) {
  for (const period of periods) {
    const w = windowOf(period, now);
    const scopes = [{ org: t.district.code }, { org: t.streets[0]!.code }, { unit: units[0]! }];
    for (const scope of scopes) {
      expect(counts(await kpiTotals(db, scope, w, 'rollups'))).toEqual(
        counts(await kpiTotals(db, scope, w, 'raw')),
      );
      expect(await caseKpis(db, scope, period, now, 'rollups')).toEqual(
        await caseKpis(db, scope, period, now, 'raw'),
      );
    }
    for (const q of [
      { by: 'org' as const, length: 12, under: t.district.code },
      { by: 'org' as const, length: 9, under: t.district.code },
      { by: 'unit' as const, under: t.district.code },
    ])
      expect(nonEmpty(await kpisByGroup(db, q, period, now, 'rollups'))).toEqual(
        nonEmpty(await kpisByGroup(db, q, period, now, 'raw')),
      );
  }
}

describe('KPIs from rollups', () => {
  it('equal the KPIs from the cases on random histories, sweeps and later changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 1, maxLength: 14 }),
        fc.array(fc.integer({ min: 0, max: 39 * 24 }), { maxLength: 2 }),
        fc.array(changeArb, { maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: -2, max: 38 }), fc.integer({ min: 0, max: 12 })), {
          minLength: 1,
          maxLength: 3,
        }),
        async (seeds, sweepHours, changes, windows) => {
          const { base, now, at, dayOf, month, monthStart, dayAfterMonth } = history();
          const t = await createTenant(db);
          const units = [t.unitId, await createOtherUnit(db, t)];
          const ids: number[] = [];
          for (const s of seeds) {
            const off = (h: number | null) => (h === null ? null : at(s.reported + h));
            const closed = s.state === 'closed';
            const c = await insertCase(db, t, {
              grid: s.grid,
              category: s.category,
              source: s.source,
              state: s.state,
              unitId: s.unit === null ? null : units[s.unit]!,
              firstUnitId: s.firstUnit === null ? null : units[s.firstUnit]!,
              reportedAt: at(s.reported)!,
              dispatchedAt: off(s.dispatched),
              deadlineAt: off(s.deadline),
              disposedAt: off(s.disposed),
              closedAt: closed ? off(s.closed ?? 1) : null,
              ratedAt: closed && s.rating ? off(s.rated ?? 90) : null,
              rating: closed ? s.rating : null,
              reopenCount: s.reopened,
              cValid: s.cValid,
              cIntimeDispatch: s.cIntimeDispatch,
              cAccurateDispatch: s.cAccurate,
              cDisposed: s.cDisposed,
              cIntimeDispose: s.cIntimeDispose,
              cChecked: s.cChecked,
              cRework: s.cRework,
              cReturned: s.cReturned,
              cExtended: s.cExtended,
              cIntimeClose: s.cIntimeClose,
              handlingMinutes: s.handling,
            });
            await db.execute(
              sql`update cases set filed_at = ${off(s.filed)}::timestamptz,
                    recurred_at = case when ${s.recurred} and state = 'closed' then closed_at + interval '2 hours' end
                  where id = ${c.id}`,
            );
            ids.push(c.id);
          }
          // one case reported in the next month and closed on the day after it, so both have a summary to read
          // (a database whose sweep has long passed these days summarises only the days something touched)
          await insertCase(db, t, {
            state: 'closed',
            source: 'resident',
            reportedAt: `${monthStart.slice(0, 8)}10T10:00:00+08:00`,
            closedAt: `${dayAfterMonth}T10:00:00+08:00`,
          });
          // sweeps close days and take the history as it is; the changes after them come on closed days
          for (const h of [...sweepHours].sort((a, b) => a - b))
            await refreshRollups(db, new Date(base + h * HOUR));
          for (const ch of changes) {
            const id = ids[ch.target % ids.length]!;
            const when = at(ch.hour);
            if (ch.kind === 'reopen')
              await db.execute(
                sql`update cases set state = 'dispatched', closed_at = null, rating = null, rated_at = null,
                      reopen_count = reopen_count + 1 where id = ${id} and state = 'closed'`,
              );
            if (ch.kind === 'close')
              await db.execute(
                sql`update cases set state = 'closed', closed_at = greatest(reported_at, ${when}::timestamptz),
                      c_intime_close = case when ${when}::timestamptz <= deadline_at then 1 else 0 end
                    where id = ${id} and state not in ('closed', 'rejected')`,
              );
            if (ch.kind === 'reject' || ch.kind === 'merge')
              await db.execute(
                sql`update cases set state = 'rejected', c_valid = 0, closed_at = null,
                      rejected_at = greatest(reported_at, ${when}::timestamptz),
                      reject_reason = ${ch.kind === 'merge' ? 'duplicate' : 'out_of_scope'}
                    where id = ${id} and state <> 'rejected'`,
              );
            if (ch.kind === 'extend')
              await db.execute(
                sql`update cases set deadline_at = coalesce(deadline_at, reported_at) + interval '2 days',
                      c_extended = c_extended + 1 where id = ${id}`,
              );
            // a report came back to the closing's place (any time: only whether it recurred counts), or went
            if (ch.kind === 'recur')
              await db.execute(
                sql`update cases set recurred_at = closed_at + interval '1 day' where id = ${id} and state = 'closed'`,
              );
            if (ch.kind === 'unrecur')
              await db.execute(sql`update cases set recurred_at = null where id = ${id}`);
            if (ch.kind === 'rate')
              await db.execute(
                sql`update cases set rating = 'dissatisfied', rated_at = greatest(closed_at, ${when}::timestamptz)
                    where id = ${id} and state = 'closed'`,
              );
          }
          // the random windows, the next month (whole) and a window around it: before and after every day is swept
          const periods = [
            ...windows.map(([from, len]) => periodOf(dayOf(from), dayOf(from + len))),
            month,
            periodOf(dayOf(3), dayOf(39)),
          ];
          await compare(t, units, periods, now);
          // until the sweep has nothing left: the worker's database may hold other tests' days to close first
          for (let i = 0; i < 2000 && (await refreshRollups(db, now)) > 0; i++);
          const plan = await rollupPlan(db, { org: t.district.code }, windowOf(periods.at(-1)!, now));
          expect(plan.months).toEqual([monthStart]);
          expect(plan.days).toContain(dayAfterMonth);
          await compare(t, units, periods, now);
        },
      ),
      { numRuns: 12 },
    );
    // histories of six weeks with sweeps that close and summarise them: ≈ 20 s alone on PGlite, more in the
    // full parallel run on 2 cores
  }, 180_000);
});
