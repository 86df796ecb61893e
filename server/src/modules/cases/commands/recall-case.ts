import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import type { CaseRow } from '../case-row.ts';
import type { Firer } from './apply-transition.ts';
import { requeueSets } from './decide-dispatch.ts';
import { runTransition } from './run-transition.ts';

/**
 * 撤回: the dispatcher takes a dispatched case back from its unit into the dispatch queue, with a reason;
 * counted against dispatch accuracy exactly like the unit's own 回退.
 */
export async function recallCase(db: Db, c: CaseRow, firer: Firer, input: { reason: string }) {
  return runTransition(
    db,
    c,
    firer,
    { action: 'recall', reason: input.reason, data: { fromUnitId: c.unitId }, set: await requeueSets(db) },
    async (tx) => {
      // a request for more time belongs to the unit that made it
      await tx.execute(sql`delete from case_extensions where case_id = ${c.id} and decided_at is null`);
    },
  );
}
