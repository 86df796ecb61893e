import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import type { CaseRow } from '../case-row.ts';
import type { Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

/**
 * 转办: a case the district does not handle (outside its area or its remit) is referred to a named outside
 * body — 市供电公司, a neighbouring district — and leaves the district's queues. The body's name is recorded
 * on the case's timeline and shown to the resident; the staff note stays internal unless published.
 */
export async function referCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { referredTo: string; note: string },
) {
  return runTransition(db, c, firer, {
    action: 'refer',
    reason: input.note,
    data: { reason: 'referred', referredTo: input.referredTo },
    set: [
      sql`reject_reason = 'referred'`,
      sql`rejected_at = now()`,
      sql`c_valid = 0`,
      sql`stage = null`,
      sql`stage_deadline_at = null`,
    ],
  });
}
