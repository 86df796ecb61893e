import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { CaseRow } from '../case-row.ts';
import type { Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

/**
 * 调整期限: the dispatcher sets the disposal deadline directly, with a reason (a leader's instruction, a
 * weather warning). It shows in the timeline and counts in 延期率 like an approved extension when it moves
 * the deadline later; an earlier deadline is a tightening and is not an extension.
 */
export async function overrideDeadline(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { newDeadlineAt: Date; reason: string },
) {
  if (input.newDeadlineAt.getTime() <= Date.now()) {
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/newDeadlineAt', message: 'must be in the future' },
    ]);
  }
  const later = !c.deadlineAt || input.newDeadlineAt > c.deadlineAt;
  return runTransition(db, c, firer, {
    action: 'override_deadline',
    reason: input.reason,
    data: {
      newDeadlineAt: input.newDeadlineAt.toISOString(),
      oldDeadlineAt: c.deadlineAt?.toISOString() ?? null,
    },
    set: [
      sql`deadline_at = ${input.newDeadlineAt}`,
      sql`c_extended = c_extended + ${later ? 1 : 0}`,
      sql`stage_deadline_at = case when stage = 'dispose' then ${input.newDeadlineAt}::timestamptz else stage_deadline_at end`,
    ],
  });
}
