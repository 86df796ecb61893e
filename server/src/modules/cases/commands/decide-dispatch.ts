import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { findCategory } from '../../categories/queries.ts';
import type { CaseRow } from '../case-row.ts';
import { Deadlines } from '../deadlines.ts';
import type { Firer } from './apply-transition.ts';
import { runTransition } from './run-transition.ts';

/** A unit of the case's own district, or UNIT_REQUIRED. */
export async function unitOfDistrict(
  db: Db,
  c: CaseRow,
  unitId: number,
): Promise<{ id: number; name: string }> {
  const unit = await one<{ id: number; name: string }>(
    db,
    sql`select u.id, u.name from units u join org_nodes d on d.id = u.district_id
        where u.id = ${unitId} and d.code = ${c.orgCode.slice(0, 6)}`,
  );
  if (!unit)
    throw new AppError('UNIT_REQUIRED', 400, [
      { field: 'body/unitId', message: 'no such unit in this district' },
    ]);
  return unit;
}

/**
 * 派遣: sends a filed case to a unit with its disposal deadline in working time. Whether the dispatch met the
 * dispatch-stage limit is counted once, at the first dispatch; the first unit is kept for dispatch accuracy.
 */
export async function dispatchCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { unitId: number; urgency?: 'normal' | 'urgent' | 'critical'; note?: string },
) {
  const unit = await unitOfDistrict(db, c, input.unitId);
  const category = (await findCategory(db, c.categoryCode)) ?? undefined;
  const urgency = input.urgency ?? c.urgency;
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  const deadline = deadlines.stageDeadline('dispose', now, category, urgency);
  const intime = !c.stageDeadlineAt || now <= c.stageDeadlineAt ? 1 : 0;
  return runTransition(db, c, firer, {
    action: 'dispatch',
    reason: input.note ?? null,
    data: { unitId: unit.id, unitName: unit.name, deadlineAt: deadline.toISOString(), urgency },
    set: [
      sql`unit_id = ${unit.id}`,
      sql`first_unit_id = coalesce(first_unit_id, ${unit.id})`,
      sql`urgency = ${urgency}`,
      sql`dispatched_at = coalesce(dispatched_at, ${now})`,
      sql`c_intime_dispatch = coalesce(c_intime_dispatch, ${intime})`,
      sql`deadline_at = ${deadline}`,
      sql`signed_at = null`,
      sql`check_passed = false`,
      sql`stage = 'sign'`,
      sql`stage_started_at = ${now}`,
      sql`stage_deadline_at = ${deadlines.stageDeadline('sign', now)}`,
    ],
  });
}

/** 签收: the unit acknowledges the case; the disposal stage runs to the case deadline. */
export async function signCase(db: Db, c: CaseRow, firer: Firer) {
  if (c.signedAt) throw new AppError('TRANSITION_NOT_ALLOWED', 409);
  return runTransition(db, c, firer, {
    action: 'sign',
    set: [
      sql`signed_at = now()`,
      sql`stage = 'dispose'`,
      sql`stage_started_at = now()`,
      sql`stage_deadline_at = deadline_at`,
    ],
  });
}

/**
 * The assignments that put a dispatched case back into the dispatch queue with no unit, counted as a wrong
 * dispatch (回退 by the unit, 撤回 by the dispatcher).
 */
export async function requeueSets(db: Db) {
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  return [
    sql`unit_id = null`,
    sql`signed_at = null`,
    sql`deadline_at = null`,
    sql`c_returned = c_returned + 1`,
    sql`stage = 'dispatch'`,
    sql`stage_started_at = ${now}`,
    sql`stage_deadline_at = ${deadlines.stageDeadline('dispatch', now)}`,
  ];
}

/** 回退: the unit says the dispatch was wrong; the case goes back to the dispatch queue, counted against accuracy. */
export async function returnCase(db: Db, c: CaseRow, firer: Firer, input: { reason: string }) {
  return runTransition(db, c, firer, { action: 'return', reason: input.reason, set: await requeueSets(db) });
}

/** 吹哨: calls co-handling units in; each must report in (报到) within the report-in limit. */
export async function whistleCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { unitIds: number[]; note?: string },
) {
  const units: { id: number; name: string }[] = [];
  for (const id of new Set(input.unitIds)) units.push(await unitOfDistrict(db, c, id));
  const deadlines = await Deadlines.load(db);
  const due = deadlines.stageDeadline('report_in', new Date());
  const handlers = await rows<{ userId: string }>(
    db,
    sql`select user_id as "userId" from grants where role = 'unit_handler'
        and unit_id in (${sql.join(
          units.map((u) => u.id),
          sql`, `,
        )})`,
  );
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'whistle',
      reason: input.note ?? null,
      data: { units: units.map((u) => ({ id: u.id, name: u.name })), dueAt: due.toISOString() },
      recipients: handlers.map((h) => h.userId),
    },
    async (tx) => {
      for (const u of units) {
        await tx.execute(
          sql`insert into case_co_units (case_id, unit_id, due_at) values (${c.id}, ${u.id}, ${due})
              on conflict (case_id, unit_id) do update
                set due_at = excluded.due_at, reported_at = null, overdue_at = null`,
        );
      }
    },
  );
}

/** 报到: a called-in unit confirms it is on the case. */
export async function reportInCase(db: Db, c: CaseRow, firer: Firer & { actor: Actor | null }) {
  const unitIds = (firer.actor?.grants ?? [])
    .filter((g) => g.role === 'unit_handler' && g.unitId)
    .map((g) => g.unitId!);
  if (!unitIds.length) throw new AppError('TRANSITION_NOT_ALLOWED', 403);
  return runTransition(db, c, firer, { action: 'report_in' }, async (tx) => {
    const done = await rows(
      tx,
      sql`update case_co_units set reported_at = now()
          where case_id = ${c.id} and unit_id in (${sql.join(unitIds, sql`, `)}) and reported_at is null returning unit_id`,
    );
    if (!done.length) throw new AppError('TRANSITION_NOT_ALLOWED', 409);
  });
}
