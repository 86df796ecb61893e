import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import type { CaseRow } from '../case-row.ts';
import { Deadlines } from '../deadlines.ts';
import type { Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

/**
 * 撤回: the dispatcher takes a dispatched case back from its unit into the dispatch queue, with a reason;
 * counted against dispatch accuracy exactly like the unit's own 回退.
 */
export async function recallCase(db: Db, c: CaseRow, firer: Firer, input: { reason: string }) {
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'recall',
      reason: input.reason,
      data: { fromUnitId: c.unitId },
      set: [
        sql`unit_id = null`,
        sql`signed_at = null`,
        sql`deadline_at = null`,
        sql`c_returned = c_returned + 1`,
        sql`stage = 'dispatch'`,
        sql`stage_started_at = ${now}`,
        sql`stage_deadline_at = ${deadlines.stageDeadline('dispatch', now)}`,
      ],
    },
    async (tx) => {
      await tx.execute(sql`delete from case_extensions where case_id = ${c.id} and decided_at is null`);
    },
  );
}
