import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { findCategory } from '../../categories/queries.ts';
import type { CaseRow } from '../case-row.ts';
import { Deadlines, setting } from '../deadlines.ts';
import type { Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

/** Whether a closed case is still within the days the reporter may rate or send it back. */
async function withinRatingWindow(db: Db, c: CaseRow): Promise<boolean> {
  const days = Number(await setting(db, 'rating_window_days', 7));
  return !!c.closedAt && Date.now() - c.closedAt.getTime() <= days * 86_400_000;
}

/** 评价: the reporter rates the result once: 满意, 基本满意 or 不满意, with a comment. */
export async function rateCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { rating: 'satisfied' | 'basic' | 'dissatisfied'; comment?: string },
) {
  if (c.rating) throw new AppError('ALREADY_RATED', 409);
  if (!(await withinRatingWindow(db, c))) throw new AppError('RATING_WINDOW_PASSED', 409);
  return runTransition(db, c, firer, {
    action: 'rate',
    reason: input.comment ?? null,
    data: { rating: input.rating },
    set: [
      sql`rating = ${input.rating}`,
      sql`rating_comment = ${input.comment ?? null}`,
      sql`rated_at = now()`,
    ],
  });
}

/**
 * 发回重办: the reporter says it is not fixed; the same unit gets it back with a fresh deadline. The third
 * reopening raises the case to red supervision (提级督办).
 */
export async function reopenCase(db: Db, c: CaseRow, firer: Firer, input: { reason: string }) {
  if (!(await withinRatingWindow(db, c))) throw new AppError('RATING_WINDOW_PASSED', 409);
  if (!c.unitId) throw new AppError('TRANSITION_NOT_ALLOWED', 409);
  const threshold = Number(await setting(db, 'reopen_escalation_threshold', 3));
  const raised = c.reopenCount + 1 >= threshold;
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  const category = (await findCategory(db, c.categoryCode)) ?? undefined;
  const deadline = deadlines.stageDeadline('dispose', now, category, c.urgency);
  return runTransition(db, c, firer, {
    action: 'reopen',
    reason: input.reason,
    data: { reopenCount: c.reopenCount + 1, raisedToRed: raised },
    set: [
      sql`reopen_count = reopen_count + 1`,
      ...(raised ? [sql`supervision = 'red'`] : []),
      sql`closed_at = null`,
      sql`c_intime_close = null`,
      sql`check_passed = false`,
      sql`deadline_at = ${deadline}`,
      sql`stage = 'dispose'`,
      sql`stage_started_at = ${now}`,
      sql`stage_deadline_at = ${deadline}`,
    ],
  });
}

/** 督办: a leader or the command centre marks a case for supervision (normal, yellow or red). */
export async function superviseCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { level: 'normal' | 'yellow' | 'red'; note?: string },
) {
  return runTransition(db, c, firer, {
    action: 'supervise',
    reason: input.note ?? null,
    data: { level: input.level },
    set: [sql`supervision = ${input.level}`],
  });
}

/** 挂账: an approved long-term case stops its clocks until resumed. */
export async function suspendCase(db: Db, c: CaseRow, firer: Firer, input: { reason: string }) {
  return runTransition(db, c, firer, {
    action: 'suspend',
    reason: input.reason,
    set: [sql`suspended_from = ${c.state}`, sql`suspended_at = now()`],
  });
}

/** 恢复: the case returns to where it was; its deadlines move by the working time it spent suspended. */
export async function resumeCase(db: Db, c: CaseRow, firer: Firer) {
  const deadlines = await Deadlines.load(db);
  const paused = c.suspendedAt ? deadlines.calendar.workingMinutesBetween(c.suspendedAt, new Date()) : 0;
  const shift = (d: Date | null) =>
    d ? deadlines.calendar.addWorkingTime(d, { value: paused / 60, unit: 'hour' }) : null;
  return runTransition(db, c, firer, {
    action: 'resume',
    data: { pausedWorkingMinutes: paused },
    set: [
      sql`suspended_from = null`,
      sql`suspended_at = null`,
      sql`deadline_at = ${shift(c.deadlineAt)}`,
      sql`stage_deadline_at = ${shift(c.stageDeadlineAt)}`,
      sql`reply_deadline_at = ${shift(c.replyDeadlineAt)}`,
    ],
  });
}
