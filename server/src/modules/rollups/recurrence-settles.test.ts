import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { windowOf } from '../case-reports/kpi-definitions.ts';
import { kpiTotals } from '../case-reports/kpis.ts';
import { kpisByGroup } from '../case-reports/kpis-by-group.ts';
import { dayStart, districtDay, periodOf } from '../case-reports/period.ts';
import { insertCase } from '../case-reports/test-fixtures.ts';
import { refreshRollups } from './commands/refresh-rollups.ts';
import { rollupPlan } from './queries.ts';
import { lastDayOf, monthOf } from './summary-rows.ts';

// Recurrences settle (migration 0170) by the clock: these cases lie a few days and 40 days before today.
let db: Db;
let t: Tenant;
let recent: { id: number; day: string };
let old: { id: number; day: string };

// last month: ended less than 31 days ago unless today is the 31st
const lastMonth = () =>
  monthOf(districtDay(new Date(dayStart(monthOf(districtDay(new Date())))!.getTime() - 1)));

const dayAgo = (n: number) => districtDay(new Date(Date.now() - n * 86_400_000));
const at = (day: string, hour: number) => new Date(dayStart(day)!.getTime() + hour * 3_600_000).toISOString();
const period = () => periodOf(dayAgo(45), dayAgo(0));
/** Sweeps until this district has no dirty pair left (another file's pass may hold the sweep meanwhile). */
const sweep = async () => {
  for (let i = 0; i < 2000; i++) {
    if ((await refreshRollups(db)) > 0) continue;
    const left = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from case_rollup_dirty
          where org_key like ${`${t.district.code}%`} and day <= (select closed_through from case_rollup_state)`,
    );
    if (!left?.n) return;
    await new Promise((r) => setTimeout(r, 200));
  }
};
const community = (grid: number) => t.grids[grid]!.code.slice(0, 12);

/** Rollups and cases agree on 复发率 for the district, by community and by street; returns the recurred count. */
async function agree(): Promise<number> {
  const w = windowOf(period(), new Date());
  const scope = { org: t.district.code };
  const raw = await kpiTotals(db, scope, w, 'raw');
  // the same counts (the rollups' row also carries its group key, null here)
  expect({ ...(await kpiTotals(db, scope, w, 'rollups')), key: undefined }).toEqual(raw);
  for (const length of [9, 12]) {
    const q = { by: 'org' as const, length, under: t.district.code };
    const byRaw = await kpisByGroup(db, q, period(), new Date(), 'raw');
    const byRollups = await kpisByGroup(db, q, period(), new Date(), 'rollups');
    for (const [key, g] of byRaw)
      expect(byRollups.get(key)?.rates.recurrenceRate).toEqual(g.rates.recurrenceRate);
  }
  return Number(raw?.recurred);
}

/** Sets the recurrence of cases in one transaction and returns the pairs it marked dirty in this district. */
async function recur(changes: [number, string | null][]): Promise<string[]> {
  return db.transaction(async (tx) => {
    for (const [id, value] of changes)
      await tx.execute(sql`update cases set recurred_at = ${value}::timestamptz where id = ${id}`);
    // other tests' sweeps cannot claim what this transaction has not committed
    const marked = await rows<{ pair: string }>(
      tx,
      sql`select distinct day::text || ' ' || org_key as pair from case_rollup_dirty
          where org_key like ${`${t.district.code}%`} order by 1`,
    );
    return marked.map((m) => m.pair);
  });
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const closed = async (grid: number, day: string) => {
    const c = await insertCase(db, t, {
      grid,
      state: 'closed',
      source: 'resident',
      reportedAt: at(day, 9),
      closedAt: at(day, 15),
    });
    return { id: c.id, day };
  };
  recent = await closed(0, dayAgo(3));
  old = await closed(3, dayAgo(40));
  await closed(1, `${lastMonth().slice(0, 8)}15`);
  await sweep();
});

describe('a recurrence', () => {
  it('on a closing that has not settled marks nothing; on a settled one, its day and community', async () => {
    expect(community(0)).not.toEqual(community(3));
    expect(
      await recur([
        [recent.id, new Date().toISOString()],
        [old.id, at(dayAgo(39), 10)],
      ]),
    ).toEqual([`${old.day} ${community(3)}`]);
    expect(await agree()).toBe(2);
    await sweep();
    expect(await agree()).toBe(2);
  });

  it('that only moves in time marks nothing: whether a closing recurred is what counts', async () => {
    expect(
      await recur([
        [recent.id, at(dayAgo(1), 8)],
        [old.id, at(dayAgo(39), 8)],
      ]),
    ).toEqual([]);
    expect(await agree()).toBe(2);
  });

  it('counts live until its day settles, then from the day the sweep computed again', async () => {
    await recur([[recent.id, null]]);
    expect(await agree()).toBe(1);
    // the old closing's day as if stored before it settled, with a count since gone stale
    await db.transaction(async (tx) => {
      await tx.execute(sql`update case_rollup_state set settled_through = ${old.day}::date - 1`);
      await tx.execute(
        sql`update case_rollups set recurred = recurred + 5 where day = ${old.day}::date and org_key = ${community(3)}`,
      );
    });
    expect(await agree()).toBe(1);
    await sweep();
    const plan = await rollupPlan(db, { org: t.district.code }, windowOf(period(), new Date()));
    expect(plan.settled! >= old.day).toBe(true);
    expect(plan.settled! < dayAgo(30)).toBe(true);
    expect(await agree()).toBe(1);
    const stored = await one<{ n: number }>(
      db,
      sql`select coalesce(sum(recurred), 0)::int as n from case_rollups
          where day = ${old.day}::date and org_key = ${community(3)}`,
    );
    expect(stored?.n).toBe(1);
  });

  it('is read from a month summary only once the month has settled', async () => {
    const month = lastMonth();
    const w = windowOf(periodOf(month, lastDayOf(month)), new Date());
    const plan = await rollupPlan(db, { org: t.district.code }, w);
    const settled = lastDayOf(month) <= plan.settled!;
    expect(plan.months.includes(month)).toBe(settled);
    if (settled) return; // today is the 31st
    // a month summary written before its days settled counts recurrences that may still change: never read
    const stale = await rows(
      db,
      sql`update case_summaries set recurred = recurred + 5
          where span = 'month' and start = ${month}::date and org_prefix = ${t.district.code}
          returning org_prefix`,
    );
    expect(stale.length).toBeGreaterThan(0);
    const scope = { org: t.district.code };
    expect({ ...(await kpiTotals(db, scope, w, 'rollups')), key: undefined }).toEqual(
      await kpiTotals(db, scope, w, 'raw'),
    );
  });
});
