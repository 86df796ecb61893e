import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { dayEnd, dayStart, districtDay } from '../../case-reports/period.ts';
import { orgKeysSql, rollupRowsSql, touchedIn } from '../rollup-rows.ts';
import { lastDayOf, monthOf, monthsReady, unsummarised, writeSummaries } from '../summary-rows.ts';

/** A day is closed this long after it ends, so no transaction that began on it is still writing. */
export const CLOSE_GRACE_MS = 5 * 60_000;
/** Days closed per pass at most: the first pass on a database of several years catches up over a few minutes. */
const DAYS_PER_PASS = 31;
/** Closed days and months never summarised (a database older than the summaries) written per pass at most. */
const MISSING_DAYS_PER_PASS = 62;
const MISSING_MONTHS_PER_PASS = 2;

const dt = (d: string) => sql`${d}::date`;
const next = (day: string) => districtDay(dayEnd(day)!);

/**
 * One pass of the rollup sweep (docs/kpis.md, "Rollups"), in one transaction claimed by locking the state row
 * (another process's pass is skipped, not waited for): closes the days after `closed_through` that ended at
 * least CLOSE_GRACE_MS ago (at most DAYS_PER_PASS), computing their rows from scratch; then recomputes the
 * (day, community) pairs marked dirty up to the closed day; then rewrites the summaries (summary-rows.ts) of
 * the days it wrote and of every closed month they belong to, and of a few closed days and months never
 * summarised. Returns how many days, pairs and summaries it computed.
 */
export async function refreshRollups(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const state = await one<{ ct: string | null }>(
      tx,
      sql`select closed_through::text as ct from case_rollup_state for update skip locked`,
    );
    if (!state) return 0; // another process is running a pass
    const target = districtDay(
      new Date(dayStart(districtDay(new Date(now.getTime() - CLOSE_GRACE_MS)))!.getTime() - 1),
    );
    let ct = state.ct;
    if (ct === null) {
      const first = await one<{ d: string | null }>(
        tx,
        sql`select district_day(min(reported_at))::text as d from cases`,
      );
      ct = first?.d ? districtDay(new Date(dayStart(first.d)!.getTime() - 1)) : target;
    }
    let done = 0;
    const days: string[] = [];
    if (ct < target) {
      const from = next(ct);
      let to = from;
      for (let i = 1; i < DAYS_PER_PASS && to < target; i++) to = next(to);
      await tx.execute(sql`delete from case_rollups where day >= ${dt(from)} and day <= ${dt(to)}`);
      await tx.execute(
        sql`insert into case_rollups ${rollupRowsSql(
          touchedIn([{ start: dayStart(from)!, end: dayEnd(to)! }], null),
          sql`e.day >= ${dt(from)} and e.day <= ${dt(to)}`,
        )}`,
      );
      done += Math.round((dayEnd(to)!.getTime() - dayStart(from)!.getTime()) / 86_400_000);
      for (let d = from; d <= to; d = next(d)) days.push(d);
      ct = to;
    }
    await tx.execute(sql`update case_rollup_state set closed_through = ${dt(ct)}`);
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
