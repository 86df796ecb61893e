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

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

// Histories over three weeks from BASE (25 May), crossing into June; the sweeps run inside them, the queries
// are judged at NOW (4 July), when June is a whole ended month the monthly summaries can answer for.
const BASE = Date.parse('2024-05-25T00:00:00+08:00');
const HOUR = 3_600_000;
const NOW = new Date(BASE + 40 * 24 * HOUR);
const at = (h: number | null) => (h === null ? null : new Date(BASE + h * HOUR).toISOString());
const dayOf = (d: number) => new Date(BASE + d * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10);

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
  deadline: hours(20 * 24), // may lie past every sweep and past NOW: overdue or due with no event
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
});
const changeArb = fc.record({
  kind: fc.constantFrom('reopen', 'close', 'reject', 'extend', 'rate', 'merge'),
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
async function compare(t: Awaited<ReturnType<typeof createTenant>>, units: number[], periods: Period[]) {
  for (const period of periods) {
    const w = windowOf(period, NOW);
    const scopes = [{ org: t.district.code }, { org: t.streets[0]!.code }, { unit: units[0]! }];
    for (const scope of scopes) {
      expect(counts(await kpiTotals(db, scope, w, 'rollups'))).toEqual(
        counts(await kpiTotals(db, scope, w, 'raw')),
      );
      expect(await caseKpis(db, scope, period, NOW, 'rollups')).toEqual(
        await caseKpis(db, scope, period, NOW, 'raw'),
      );
    }
    for (const q of [
      { by: 'org' as const, length: 12, under: t.district.code },
      { by: 'org' as const, length: 9, under: t.district.code },
      { by: 'unit' as const, under: t.district.code },
    ])
      expect(nonEmpty(await kpisByGroup(db, q, period, NOW, 'rollups'))).toEqual(
        nonEmpty(await kpisByGroup(db, q, period, NOW, 'raw')),
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
              sql`update cases set filed_at = ${off(s.filed)}::timestamptz where id = ${c.id}`,
            );
            ids.push(c.id);
          }
          // sweeps close days and take the history as it is; the changes after them come on closed days
          for (const h of [...sweepHours].sort((a, b) => a - b))
            await refreshRollups(db, new Date(BASE + h * HOUR));
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
            if (ch.kind === 'rate')
              await db.execute(
                sql`update cases set rating = 'dissatisfied', rated_at = greatest(closed_at, ${when}::timestamptz)
                    where id = ${id} and state = 'closed'`,
              );
          }
          // the random windows, June (whole) and a window around it: before and after every day is swept
          const periods = [
            ...windows.map(([from, len]) => periodOf(dayOf(from), dayOf(from + len))),
            periodOf('2024-06-01', '2024-06-30'),
            periodOf('2024-05-28', '2024-07-03'),
          ];
          await compare(t, units, periods);
          // until the sweep has nothing left: the worker's database may hold other tests' days to close first
          for (let i = 0; i < 2000 && (await refreshRollups(db, NOW)) > 0; i++);
          const june = await rollupPlan(db, { org: t.district.code }, windowOf(periods.at(-1)!, NOW));
          expect(june.months).toEqual(['2024-06-01']);
          expect(june.days).toContain('2024-07-01');
          await compare(t, units, periods);
        },
      ),
      { numRuns: 12 },
    );
    // histories of six weeks with sweeps that close and summarise them: ≈ 20 s alone on PGlite, more in the
    // full parallel run on 2 cores
  }, 180_000);
});
