import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { recordCaseEvent } from './commands/record-event.ts';

const BATCH = 200;

interface Late {
  caseId: number;
  unitId: number;
  unitName: string;
  dueAt: Date;
  state: string;
}

/**
 * Flags co-handling units (吹哨) that have not reported in (报到) by their due time, once each: a system event on
 * the case and notifications to the unit's handlers and to the dispatchers and street staff covering the case.
 * Each co-unit is claimed with a conditional UPDATE, so several server processes flag it exactly once. Only
 * cases still open count: a closed or rejected case no longer waits for anyone.
 */
export async function flagLateCoUnits(
  db: Db,
  opts: { now?: Date; orgPrefix?: string } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const late = await rows<Late>(
    db,
    sql`select cu.case_id as "caseId", cu.unit_id as "unitId", u.name as "unitName", cu.due_at as "dueAt",
          c.state
        from case_co_units cu join cases c on c.id = cu.case_id join units u on u.id = cu.unit_id
        where cu.reported_at is null and cu.overdue_at is null and cu.due_at < ${now}
          and c.state not in ('closed', 'rejected')
          ${opts.orgPrefix ? sql`and c.org_code like ${`${opts.orgPrefix}%`}` : sql``}
        order by cu.due_at limit ${BATCH}`,
  );
  let done = 0;
  for (const l of late) {
    const claimed = await db.transaction(async (tx) => {
      const row = await one(
        tx,
        sql`update case_co_units set overdue_at = ${now}
            where case_id = ${l.caseId} and unit_id = ${l.unitId} and reported_at is null and overdue_at is null
            returning case_id`,
      );
      if (!row) return false;
      const handlers = await rows<{ userId: string }>(
        tx,
        sql`select distinct user_id as "userId" from grants where unit_id = ${l.unitId} and role = 'unit_handler'`,
      );
      await recordCaseEvent(tx, {
        caseId: l.caseId,
        action: 'report_in_overdue',
        fromState: l.state,
        toState: l.state,
        actorId: null,
        actorRole: 'system',
        data: { units: [{ id: l.unitId, name: l.unitName }], dueAt: l.dueAt },
        recipients: handlers.map((h) => h.userId),
      });
      return true;
    });
    if (claimed) done++;
  }
  return done;
}
