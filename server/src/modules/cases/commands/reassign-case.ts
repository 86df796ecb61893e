import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { findCategory } from '../../categories/queries.ts';
import type { CaseRow } from '../case-row.ts';
import { Deadlines } from '../deadlines.ts';
import type { Firer } from './apply-transition.ts';
import { unitOfDistrict } from './decide-dispatch.ts';
import { runTransition } from './run-transition.ts';

/**
 * 改派: the dispatcher moves a dispatched case from its unit to another, with a reason. The new unit signs
 * for it and gets a fresh disposal deadline; the dispatch counts as a 回退 (c_returned) and, since the first
 * unit is kept, as an inaccurate dispatch when the case closes.
 */
export async function reassignCase(
  db: Db,
  c: CaseRow,
  firer: Firer,
  input: { unitId: number; reason: string },
) {
  const unit = await unitOfDistrict(db, c, input.unitId);
  if (unit.id === c.unitId) {
    throw new AppError('UNIT_REQUIRED', 400, [
      { field: 'body/unitId', message: 'the case is already with this unit' },
    ]);
  }
  const category = (await findCategory(db, c.categoryCode)) ?? undefined;
  const deadlines = await Deadlines.load(db);
  const now = new Date();
  const deadline = deadlines.stageDeadline('dispose', now, category, c.urgency);
  return runTransition(
    db,
    c,
    firer,
    {
      action: 'reassign',
      reason: input.reason,
      data: {
        unitId: unit.id,
        unitName: unit.name,
        fromUnitId: c.unitId,
        deadlineAt: deadline.toISOString(),
      },
      set: [
        sql`unit_id = ${unit.id}`,
        sql`deadline_at = ${deadline}`,
        sql`signed_at = null`,
        sql`c_returned = c_returned + 1`,
        sql`stage = 'sign'`,
        sql`stage_started_at = ${now}`,
        sql`stage_deadline_at = ${deadlines.stageDeadline('sign', now)}`,
      ],
    },
    async (tx) => {
      // a request for more time belongs to the unit that made it
      await tx.execute(sql`delete from case_extensions where case_id = ${c.id} and decided_at is null`);
    },
  );
}
