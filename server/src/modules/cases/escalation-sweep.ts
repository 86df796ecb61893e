import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import { flagLateCoUnits } from './co-unit-sweep.ts';
import { recordCaseEvent } from './commands/record-event.ts';

/** Org-code length of each escalation level: 1 community, 2 street, 3 district. */
const LEVEL_CODE_LENGTH = [15, 12, 9, 6];
const STAFF_ROLES = ['community_staff', 'street_staff', 'dispatcher', 'district_admin'];
/** Wall-clock time between one escalation and the next for the same overdue stage. */
const NEXT_LEVEL_AFTER = "interval '2 hours'";
const BATCH = 200;
/** The states in which a stage runs (a positive list, as in the partial indexes of migration 0011). */
const RUNNING = sql`('reported', 'verifying', 'filed', 'dispatched', 'pending_check')`;

interface Due {
  id: number;
  state: string;
  orgCode: string;
  stage: string;
  level: number;
  escalatedAt: Date | null;
  stageStartedAt: Date | null;
}

/**
 * Escalates overdue stages (optionally of one district or street only, by org-code prefix) one level at a time (grid → community → street → district). Each case is claimed
 * with a conditional UPDATE on the escalation it was read with, so several server processes sweeping at
 * once escalate each case exactly once.
 */
export async function escalateOverdue(
  db: Db,
  opts: { now?: Date; orgPrefix?: string } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const cols = sql`id, state, org_code as "orgCode", stage,
    escalation_level as level, escalated_at as "escalatedAt", stage_started_at as "stageStartedAt"`;
  const area = opts.orgPrefix ? sql`and org_code like ${`${opts.orgPrefix}%`}` : sql``;
  // Two selects whose conditions are the predicates of migration 0011's partial indexes, so each pass reads
  // only the cases due now, not every overdue case already at the top level.
  const due = await rows<Due>(
    db,
    sql`(select ${cols} from cases
          where state in ${RUNNING} and (escalated_at is null or escalated_at < stage_started_at)
            and stage_deadline_at < ${now} ${area}
          order by stage_deadline_at limit ${BATCH})
        union all
        (select ${cols} from cases
          where state in ${RUNNING} and escalation_level < 3
            and (stage_started_at is null or escalated_at >= stage_started_at)
            and escalated_at < ${now}::timestamptz - ${sql.raw(NEXT_LEVEL_AFTER)}
            and stage_deadline_at < ${now} ${area}
          order by escalated_at limit ${BATCH})`,
  );
  let done = 0;
  for (const c of due) {
    const firstThisStage = !c.escalatedAt || (c.stageStartedAt !== null && c.escalatedAt < c.stageStartedAt);
    const level = firstThisStage ? 1 : c.level + 1;
    const claimed = await db.transaction(async (tx) => {
      const row = await one(
        tx,
        sql`update cases set escalation_level = ${level}, escalated_at = ${now}
            where id = ${c.id} and escalation_level = ${c.level}
              -- care alerts escalate on their own wall-clock path (care/care-sweep.ts), never on working time
              and not exists (select 1 from care_alerts a where a.case_id = cases.id)
              -- as read: the drivers give milliseconds, the column may hold microseconds (imported data)
              and date_trunc('milliseconds', escalated_at) is not distinct from ${c.escalatedAt}::timestamptz
            returning id`,
      );
      if (!row) return false;
      const targetCode = c.orgCode.slice(0, Math.min(c.orgCode.length, LEVEL_CODE_LENGTH[level]!));
      const staff = await rows<{ userId: string }>(
        tx,
        sql`select distinct g.user_id as "userId" from grants g join org_nodes n on n.id = g.org_node_id
            where n.code = ${targetCode} and g.role in (${sql.join(STAFF_ROLES, sql`, `)})`,
      );
      await recordCaseEvent(tx, {
        caseId: c.id,
        action: 'escalate',
        fromState: c.state,
        toState: c.state,
        actorId: null,
        actorRole: 'system',
        data: { level, stage: c.stage, to: targetCode },
        recipients: staff.map((s) => s.userId),
      });
      return true;
    });
    if (claimed) done++;
  }
  return done;
}

/** The overdue sweep, every minute: overdue stages escalate, co-units late to report in are flagged. */
export function escalationSweep(db: Db): Sweep {
  return {
    name: 'escalation',
    everyMs: 60_000,
    run: async () => (await escalateOverdue(db)) + (await flagLateCoUnits(db)),
  };
}
