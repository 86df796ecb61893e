import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { attachPhotos } from '../../photos/attach-photos.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import type { CaseRow } from '../case-row.ts';
import { Deadlines } from '../deadlines.ts';
import type { Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

const attach =
  (kind: 'feedback' | 'check' | 'before' | 'after', photos: StoredPhoto[], caseId: number) =>
  async (tx: Db, eventId: number) => {
    if (photos.length) await attachPhotos(tx, { caseId, eventId, kind, photos });
  };

async function gridWorkerIds(db: Db, c: CaseRow): Promise<string[]> {
  if (!c.gridId) return [];
  const list = await rows<{ id: string }>(
    db,
    sql`select user_id as id from grants where role = 'grid_worker' and org_node_id = ${c.gridId}`,
  );
  return list.map((r) => r.id);
}

/**
 * 处置反馈: the unit reports the problem fixed, with photos. The first feedback fixes whether disposal was on
 * time; the case waits for an on-site check by the grid worker.
 */
export async function feedbackCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { note: string; photos: StoredPhoto[] },
) {
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  const intime = !c.deadlineAt || now <= c.deadlineAt ? 1 : 0;
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'feedback',
      reason: input.note,
      data: { photos: input.photos.map((p) => p.id) },
      recipients: await gridWorkerIds(db, c),
      set: [
        sql`disposed_at = coalesce(disposed_at, ${now})`,
        sql`c_disposed = 1`,
        sql`c_intime_dispose = coalesce(c_intime_dispose, ${intime})`,
        sql`check_passed = false`,
        sql`stage = 'check'`,
        sql`stage_started_at = ${now}`,
        sql`stage_deadline_at = ${deadlines.stageDeadline('check', now)}`,
      ],
    },
    undefined,
    attach('feedback', input.photos, c.id),
  );
}

/** 核查通过: the fix is confirmed on site; the case is ready to be closed. */
export async function passCheck(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { note?: string; photos: StoredPhoto[] },
) {
  if (c.checkPassed) throw new AppError('TRANSITION_NOT_ALLOWED', 409);
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'check_pass',
      reason: input.note ?? null,
      set: [
        sql`check_passed = true`,
        sql`checked_at = ${now}`,
        sql`c_checked = 1`,
        sql`stage = 'close'`,
        sql`stage_started_at = ${now}`,
        sql`stage_deadline_at = ${deadlines.stageDeadline('accept', now)}`,
      ],
    },
    undefined,
    attach('check', input.photos, c.id),
  );
}

/** 核查不通过: back to the same unit for rework (返工), counted once more per failed check. */
export async function failCheck(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { reason: string; photos: StoredPhoto[] },
) {
  const now = new Date();
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'check_fail',
      reason: input.reason,
      set: [
        sql`check_passed = false`,
        sql`checked_at = ${now}`,
        sql`c_checked = 1`,
        sql`c_rework = c_rework + 1`,
        sql`stage = 'dispose'`,
        sql`stage_started_at = ${now}`,
        sql`stage_deadline_at = deadline_at`,
      ],
    },
    undefined,
    attach('check', input.photos, c.id),
  );
}

/** 结案: only after a passed check; writes the closing counters (on time, dispatch accuracy, working minutes). */
export async function closeCase(db: Db, c: CaseRow, firer: Firer, input: { note?: string }) {
  if (!c.checkPassed) throw new AppError('CHECK_REQUIRED', 409);
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  // the calendar counts to the millisecond; the column holds whole minutes (a close during working hours
  // seconds after filing was a 500)
  const minutes = Math.round(deadlines.calendar.workingMinutesBetween(c.filedAt ?? c.reportedAt, now));
  return runTransition(db, c, firer, {
    action: 'close',
    reason: input.note ?? null,
    set: [
      sql`closed_at = ${now}`,
      sql`c_intime_close = ${!c.deadlineAt || now <= c.deadlineAt ? 1 : 0}`,
      sql`c_accurate_dispatch = case when first_unit_id is null then null when first_unit_id = unit_id then 1 else 0 end`,
      sql`handling_minutes = ${minutes}`,
      sql`stage = null`,
      sql`stage_deadline_at = null`,
    ],
  });
}

/** 立行立改: a grid worker fixes a problem on the spot, proving it with photos before and after. */
export async function fixOnSpot(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { note: string; before: StoredPhoto[]; after: StoredPhoto[] },
) {
  if (!input.before.length || !input.after.length) {
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'photos', message: 'needs photos before and after' },
    ]);
  }
  const now = new Date();
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'fix_on_spot',
      reason: input.note,
      set: [
        sql`filed_at = ${now}`,
        sql`c_valid = 1`,
        sql`disposed_at = ${now}`,
        sql`c_disposed = 1`,
        sql`c_intime_dispose = 1`,
        sql`closed_at = ${now}`,
        sql`c_intime_close = 1`,
        sql`handling_minutes = 0`,
        sql`stage = null`,
        sql`stage_deadline_at = null`,
      ],
    },
    undefined,
    async (tx, eventId) => {
      await attachPhotos(tx, { caseId: c.id, eventId, kind: 'before', photos: input.before });
      await attachPhotos(tx, { caseId: c.id, eventId, kind: 'after', photos: input.after });
    },
  );
}
