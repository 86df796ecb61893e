import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { RECURRENCE_DAYS } from '../../case-reports/kpi-definitions.ts';
import { dayEnd, dayStart, districtDay } from '../../case-reports/period.ts';
import { orgKeysSql, rollupRowsSql, touchedIn } from '../rollup-rows.ts';
import {
  earliestDay,
  lastDayOf,
  monthOf,
  monthsReady,
  unsummarised,
  writeSummaries,
} from '../summary-rows.ts';

/** A day is closed this long after it ends, so no transaction that began on it is still writing. */
export const CLOSE_GRACE_MS = 5 * 60_000;
/** Days closed per pass at most: the first pass on a database of several years catches up over a few minutes. */
const DAYS_PER_PASS = 31;
/** Closed days and months never summarised (a database older than the summaries) written per pass at most. */
const MISSING_DAYS_PER_PASS = 62;
const MISSING_MONTHS_PER_PASS = 2;
/**
 * A closing's recurrence settles this many days after its day: the last report that can make it recur comes
 * within RECURRENCE_DAYS after it. Migration 0170's trigger counts the same 31 days from the clock.
 */
export const RECURRENCE_SETTLE_DAYS = RECURRENCE_DAYS + 1;
/** Days settled per pass at most (one a day once caught up; a day's rows are computed from scratch). */
const SETTLE_DAYS_PER_PASS = 31;

const dt = (d: string) => sql`${d}::date`;
const next = (day: string) => districtDay(dayEnd(day)!);
/** The last day of a pass from `from`: at most `count` days, and not past `limit` (unless `from` is). */
function lastDayOfPass(from: string, limit: string, count: number): string {
  let to = from;
  for (let i = 1; i < count && to < limit; i++) to = next(to);
  return to;
}
const minusDays = (day: string, n: number) =>
  districtDay(new Date(dayStart(day)!.getTime() - n * 86_400_000));

/** Computes the rows of the days from `from` to `to` from scratch, in place of any stored; returns the days. */
async function computeDays(tx: Db, from: string, to: string): Promise<string[]> {
  await tx.execute(sql`delete from case_rollups where day >= ${dt(from)} and day <= ${dt(to)}`);
  await tx.execute(
    sql`insert into case_rollups ${rollupRowsSql(
      touchedIn([{ start: dayStart(from)!, end: dayEnd(to)! }], null),
      sql`e.day >= ${dt(from)} and e.day <= ${dt(to)}`,
    )}`,
  );
  const days: string[] = [];
  for (let d = from; d <= to; d = next(d)) days.push(d);
  return days;
}

/**
 * One pass of the rollup sweep (docs/kpis.md, "Rollups"), in one transaction claimed by locking the state row
 * (another process's pass is skipped, not waited for): closes the days after `closed_through` that ended at
 * least CLOSE_GRACE_MS ago (at most DAYS_PER_PASS), computing their rows from scratch; then recomputes the
 * (day, community) pairs marked dirty up to the closed day; then settles the closed days whose recurrences can
 * no longer change (RECURRENCE_SETTLE_DAYS, migration 0170) by computing them again, at most
 * SETTLE_DAYS_PER_PASS; then rewrites the summaries (summary-rows.ts) of the days it wrote and of every closed
 * month they belong to, and of a few closed days and months never summarised. Returns how many days, pairs and
 * summaries it computed.
 */
export async function refreshRollups(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const state = await one<{ ct: string | null; st: string | null }>(
      tx,
      sql`select closed_through::text as ct, settled_through::text as st from case_rollup_state
          for update skip locked`,
    );
    if (!state) return 0; // another process is running a pass
    const target = districtDay(
      new Date(dayStart(districtDay(new Date(now.getTime() - CLOSE_GRACE_MS)))!.getTime() - 1),
    );
    // the last day whose closings can no longer recur (the day before `target`, less the settling days)
    const settleTarget = minusDays(target, RECURRENCE_SETTLE_DAYS - 1);
    let ct = state.ct;
    let st = state.st;
    if (ct === null || st === null) {
      // nothing stored (or nothing settled) yet: from the day before the first case's, or from yesterday
      const first = await one<{ d: string | null }>(
        tx,
        sql`select district_day(min(reported_at))::text as d from cases`,
      );
      const before = first?.d ? districtDay(new Date(dayStart(first.d)!.getTime() - 1)) : target;
      if (ct === null) ct = before;
      // never past what has settled by now, nor past what is stored
      st = earliestDay(before, settleTarget, ct);
    }
    let done = 0;
    const days: string[] = [];
    const recompute = async (from: string, to: string) => {
      const computed = await computeDays(tx, from, to);
      done += computed.length;
      days.push(...computed);
    };
    if (ct < target) {
      const from = next(ct);
      const to = lastDayOfPass(from, target, DAYS_PER_PASS);
      await recompute(from, to);
      // days closed from scratch after they settled are settled (when no earlier day is still to settle)
      if (st === ct && settleTarget >= from) st = earliestDay(settleTarget, to);
      ct = to;
    }
    // closed days that have settled since they were closed: their recurrences are final, count them again
    const settleTo = earliestDay(settleTarget, ct);
    if (st < settleTo) {
      const from = next(st);
      const to = lastDayOfPass(from, settleTo, SETTLE_DAYS_PER_PASS);
      await recompute(from, to);
      st = to;
    }
    await tx.execute(
      sql`update case_rollup_state set closed_through = ${dt(ct)}, settled_through = ${dt(st)}`,
    );
    const dirty = await rows<{ day: string; keys: string[] }>(
      tx,
      sql`with d as (delete from case_rollup_dirty where day <= ${dt(ct)} returning day, org_key)
          select day::text as day, array_agg(distinct org_key) as keys from d group by day order by day`,
    );
    for (const d of dirty) {
      const keys = orgKeysSql(d.keys);
      await tx.execute(sql`delete from case_rollups where day = ${dt(d.day)} and org_key = any (${keys})`);
      await tx.execute(
        sql`insert into case_rollups ${rollupRowsSql(
          touchedIn([{ start: dayStart(d.day)!, end: dayEnd(d.day)! }], { communities: d.keys }),
          sql`e.day = ${dt(d.day)}`,
        )}`,
      );
      done += d.keys.length;
      days.push(d.day);
    }
    days.push(...(await unsummarised(tx, 'day', ct, MISSING_DAYS_PER_PASS)));
    await writeSummaries(tx, 'day', days);
    const months = new Set(days.map(monthOf));
    for (const m of await unsummarised(tx, 'month', ct, MISSING_MONTHS_PER_PASS)) months.add(m);
    const closedThrough = ct;
    // a month is the sum of its days' summaries: written once all of them are (a database catching up)
    const closedMonths = await monthsReady(
      tx,
      [...months].filter((m) => lastDayOf(m) <= closedThrough),
    );
    await writeSummaries(tx, 'month', closedMonths);
    return done + new Set(days).size + closedMonths.length;
  });
}
