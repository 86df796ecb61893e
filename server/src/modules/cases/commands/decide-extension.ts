import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { CaseRow } from '../case-row.ts';
import type { Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

interface PendingExtension {
  id: number;
  newDeadlineAt: Date;
  reason: string;
  requestedBy: string | null;
}

/** The extension request waiting for a decision, if any. */
export function pendingExtension(db: Db, caseId: number): Promise<PendingExtension | null> {
  return one<PendingExtension>(
    db,
    sql`select id, new_deadline_at as "newDeadlineAt", reason, requested_by as "requestedBy"
        from case_extensions where case_id = ${caseId} and decided_at is null`,
  );
}

/** 申请延期: the unit asks for a later deadline, with a reason; one request at a time. */
export async function requestExtension(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { newDeadlineAt: Date; reason: string },
) {
  if (await pendingExtension(db, c.id)) throw new AppError('EXTENSION_PENDING', 409);
  if (!c.deadlineAt || input.newDeadlineAt <= c.deadlineAt) {
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/newDeadlineAt', message: 'must be after the current deadline' },
    ]);
  }
  const requestedBy = 'actor' in firer ? (firer.actor?.userId ?? null) : null;
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'request_extension',
      reason: input.reason,
      data: { newDeadlineAt: input.newDeadlineAt.toISOString() },
    },
    async (tx) => {
      await tx.execute(
        sql`insert into case_extensions (case_id, requested_by, new_deadline_at, reason)
            values (${c.id}, ${requestedBy}, ${input.newDeadlineAt}, ${input.reason})`,
      );
    },
  );
}

/** 批准/驳回延期: an approved extension moves the deadline (and the running disposal stage with it). */
export async function decideExtension(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { approve: boolean; note?: string },
) {
  const pending = await pendingExtension(db, c.id);
  if (!pending) throw new AppError('EXTENSION_NONE', 409);
  const decidedBy = 'actor' in firer ? (firer.actor?.userId ?? null) : null;
  return runTransition(
    db,
    c,
    firer,
    {
      action: input.approve ? 'approve_extension' : 'deny_extension',
      reason: input.note ?? null,
      data: { newDeadlineAt: pending.newDeadlineAt.toISOString() },
      recipients: pending.requestedBy ? [pending.requestedBy] : [],
      set: input.approve
        ? [
            sql`deadline_at = ${pending.newDeadlineAt}`,
            sql`c_extended = c_extended + 1`,
            sql`stage_deadline_at = case when stage = 'dispose' then ${pending.newDeadlineAt}::timestamptz else stage_deadline_at end`,
          ]
        : [],
    },
    async (tx) => {
      const claimed = await one(
        tx,
        sql`update case_extensions set decided_by = ${decidedBy}, decided_at = now(), approved = ${input.approve}
            where id = ${pending.id} and decided_at is null returning id`,
      );
      if (!claimed) throw new AppError('CASE_STATE_CONFLICT', 409);
    },
  );
}
