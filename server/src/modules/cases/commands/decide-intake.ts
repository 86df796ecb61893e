import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { findCategory } from '../../categories/queries.ts';
import type { CaseRow } from '../case-row.ts';
import { Deadlines } from '../deadlines.ts';
import { applyTransition, type Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

/** The grid workers of the case's grid, who check reports on site. */
async function gridWorkers(db: Db, c: CaseRow): Promise<string[]> {
  if (!c.gridId) return [];
  const list = await rows<{ userId: string }>(
    db,
    sql`select user_id as "userId" from grants where role = 'grid_worker' and org_node_id = ${c.gridId}`,
  );
  return list.map((r) => r.userId);
}

/** 派核实: asks the grid worker to check a public report on site. */
export async function verifyCase(db: Db, c: CaseRow, firer: Firer, input: { note?: string }) {
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  return runTransition(db, c, firer, {
    action: 'verify',
    reason: input.note ?? null,
    recipients: await gridWorkers(db, c),
    set: [
      sql`stage = 'verify'`,
      sql`stage_started_at = ${now}`,
      sql`stage_deadline_at = ${deadlines.stageDeadline('accept', now)}`,
    ],
  });
}

/**
 * 立案: the report is valid. Category and urgency may be corrected; the reply deadline the resident is told
 * is the disposal deadline counted from now.
 */
export async function fileCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { categoryCode?: string; urgency?: 'normal' | 'urgent' | 'critical'; note?: string },
) {
  const category = await findCategory(db, input.categoryCode ?? c.categoryCode);
  if (!category || category.parentCode === null) throw new AppError('CATEGORY_UNKNOWN', 400);
  const urgency = input.urgency ?? c.urgency;
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  const reply = deadlines.stageDeadline(
    'dispose',
    deadlines.stageDeadline('dispatch', now),
    category,
    urgency,
  );
  return runTransition(db, c, firer, {
    action: 'file',
    reason: input.note ?? null,
    data: { replyDeadlineAt: reply.toISOString(), categoryCode: category.code, urgency },
    set: [
      sql`category_code = ${category.code}`,
      sql`urgency = ${urgency}`,
      sql`filed_at = ${now}`,
      sql`c_valid = 1`,
      sql`reply_deadline_at = ${reply}`,
      sql`stage = 'dispatch'`,
      sql`stage_started_at = ${now}`,
      sql`stage_deadline_at = ${deadlines.stageDeadline('dispatch', now)}`,
    ],
  });
}

/**
 * 不予立案: not substantiated or out of scope (referred elsewhere). The resident is shown which of the two; the
 * note only when its author publishes it.
 */
export async function rejectCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { reason: 'not_substantiated' | 'out_of_scope'; note: string },
) {
  return runTransition(db, c, firer, {
    action: 'reject',
    reason: input.note,
    data: { reason: input.reason },
    set: [
      sql`reject_reason = ${input.reason}`,
      sql`rejected_at = now()`,
      sql`c_valid = 0`,
      sql`stage = null`,
      sql`stage_deadline_at = null`,
    ],
  });
}

/**
 * 合并: a duplicate is closed into an open master case. Its reporter and followers follow the master from
 * now on and are told so, as if the master were their own report.
 */
export async function mergeCase(db: Db, c: CaseRow, firer: Firer, master: CaseRow) {
  if (master.id === c.id || master.state === 'closed' || master.state === 'rejected' || master.masterCaseId) {
    throw new AppError('MERGE_TARGET_INVALID', 409);
  }
  const followers = await rows<{ userId: string }>(
    db,
    sql`select user_id as "userId" from case_followers where case_id = ${c.id}`,
  );
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'merge',
      reason: `并入案件 ${master.id}`,
      // the case numbers only: a tracking code is its reporter's credential, and timelines reach others
      data: { masterId: master.id },
      recipients: followers.map((f) => f.userId),
      set: [
        sql`master_case_id = ${master.id}`,
        sql`reject_reason = 'duplicate'`,
        sql`rejected_at = now()`,
        sql`c_valid = 0`,
        sql`stage = null`,
        sql`stage_deadline_at = null`,
      ],
    },
    async (tx) => {
      await tx.execute(
        sql`insert into case_followers (case_id, user_id)
            select ${master.id}, user_id from case_followers where case_id = ${c.id}
            on conflict do nothing`,
      );
    },
    async (tx) => {
      const fresh = await one<CaseRow>(
        tx,
        sql`select id, state, version, suspended_from as "suspendedFrom" from cases where id = ${master.id}`,
      );
      await applyTransition(
        tx,
        fresh!,
        { system: 'merge' },
        {
          action: 'comment',
          reason: `并入了案件 ${c.id}`,
          data: { mergedId: c.id },
        },
      );
    },
  );
}
