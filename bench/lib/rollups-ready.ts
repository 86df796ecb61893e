import { sql } from 'drizzle-orm';
import { type Db, one } from '../../server/src/infra/db.ts';
import { districtDay } from '../../server/src/modules/case-reports/period.ts';
import {
  CLOSE_GRACE_MS,
  RECURRENCE_SETTLE_DAYS,
  refreshRollups,
} from '../../server/src/modules/rollups/commands/refresh-rollups.ts';
import { unsummarised } from '../../server/src/modules/rollups/summary-rows.ts';

/**
 * Closes the daily rollups (docs/kpis.md, "Rollups") through the last finished day, as the server's sweep
 * leaves them on a live system, and returns the seconds it took (0 when they were closed already). A freshly
 * generated database has none (generateCases starts them afresh), and the server's own sweep closes 31 days
 * per 30-second pass: a benchmark measuring before that is done times raw-case queries for the days not yet
 * closed; so are its summaries, which a database generated before them gets a few per pass, the closed
 * days that changes have marked dirty (intake-leftovers.ts removes cases), and the recurrences of closed days
 * that have settled since (migration 0170). The
 * server's sweep may hold the claim meanwhile: go on until the day is closed. `onPass` counts the
 * passes this process ran.
 */
export async function closeRollups(db: Db, onPass: () => void = () => {}): Promise<number> {
  const t0 = performance.now();
  const yesterday = districtDay(new Date(Date.now() - CLOSE_GRACE_MS - 86_400_000));
  const settled = districtDay(new Date(Date.now() - CLOSE_GRACE_MS - RECURRENCE_SETTLE_DAYS * 86_400_000));
  for (;;) {
    const st = await one<{ ct: string | null; settled: string | null }>(
      db,
      sql`select closed_through::text as ct, settled_through::text as settled from case_rollup_state`,
    );
    if (
      st?.ct &&
      st.ct >= yesterday &&
      st.settled &&
      st.settled >= settled &&
      !(
        await one<{ dirty: boolean }>(
          db,
          sql`select exists (select 1 from case_rollup_dirty where day <= ${st.ct}::date) as dirty`,
        )
      )?.dirty &&
      (await unsummarised(db, 'day', st.ct, 1)).length === 0 &&
      (await unsummarised(db, 'month', st.ct, 1)).length === 0
    )
      break;
    if ((await refreshRollups(db)) === 0) await new Promise((r) => setTimeout(r, 500));
    onPass();
  }
  return (performance.now() - t0) / 1000;
}
