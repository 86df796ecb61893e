import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, invalid } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { recordCaseEvent } from '../../cases/commands/record-event.ts';
import { recordSightings } from './record-sightings.ts';

export type Outcome = 'safe' | 'away' | 'hospital' | 'emergency' | 'deceased';

export interface OutcomeInput {
  outcome: Outcome;
  note: string;
  /** away / hospital: until when the watch pauses */
  until?: string;
}

const LABEL: Record<Outcome, string> = {
  safe: '平安',
  away: '外出',
  hospital: '住院',
  emergency: '已呼叫急救',
  deceased: '已去世',
};

/** What the outcome does to the watch: who was seen, what pauses it, whether it ends. */
function watchChange(input: OutcomeInput, now: Date) {
  if (input.outcome === 'away' || input.outcome === 'hospital') {
    const until = input.until ? new Date(input.until) : null;
    if (!until || until <= now) throw invalid([{ field: '/until', message: 'a time after now' }]);
    return sql`status = ${input.outcome}, status_until = ${until}`;
  }
  if (input.outcome === 'deceased') return sql`ended_at = ${now}, end_reason = '已去世'`;
  return sql`status = 'home', status_until = null`;
}

/**
 * The grid worker records how an alert ended, with a note, and it closes: the case is closed, the outcome and
 * note are kept on the alert and its timeline. `safe` is a sighting; `away` and `hospital` pause the watch
 * until the given time; `deceased` ends the watch and marks the person deceased in the archive (with the move
 * history's entry); after any outcome the next lapse counts from now.
 */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  alert: { caseId: number; personId: number; orgCode: string },
  input: OutcomeInput,
  ip: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const closed = await one(
      tx,
      sql`update care_alerts set outcome = ${input.outcome}, outcome_note = ${input.note.trim()},
            outcome_by = ${actor.userId}, closed_at = ${now}, acted_at = coalesce(acted_at, ${now}),
            acted_by = coalesce(acted_by, ${actor.userId})
          where case_id = ${alert.caseId} and closed_at is null returning case_id`,
    );
    if (!closed) throw new AppError('CARE_ALERT_CLOSED', 409);
    if (input.outcome === 'safe') {
      await recordSightings(tx, [{ personId: alert.personId, seenAt: now, source: 'staff' }]);
    }
    await tx.execute(
      sql`update care_watched set ${watchChange(input, now)}, watch_from = ${now}, updated_at = ${now}
          where person_id = ${alert.personId}`,
    );
    if (input.outcome === 'deceased') {
      await tx.execute(
        sql`update persons set status = 'deceased', status_changed_on = (${now}::timestamptz at time zone 'Asia/Shanghai')::date,
              updated_at = ${now} where id = ${alert.personId}`,
      );
      await tx.execute(
        sql`insert into person_moves (person_id, kind, from_household_id, moved_on, note, actor_id)
            select id, 'deceased', household_id, (${now}::timestamptz at time zone 'Asia/Shanghai')::date,
              '关爱预警处置记录', ${actor.userId} from persons where id = ${alert.personId}`,
      );
    }
    await tx.execute(
      sql`update cases set state = 'closed', closed_at = ${now}, updated_at = ${now}, version = version + 1
          where id = ${alert.caseId}`,
    );
    await tx.execute(
      sql`insert into care_alert_steps (case_id, at, kind, level, actor_id, note)
          values (${alert.caseId}, ${now}, 'outcome', 0, ${actor.userId}, ${`${LABEL[input.outcome]}：${input.note.trim()}`})`,
    );
    await recordCaseEvent(tx, {
      caseId: alert.caseId,
      action: 'care_outcome',
      fromState: 'reported',
      toState: 'closed',
      actorId: actor.userId,
      actorRole: 'grid_worker',
      reason: input.note.trim(),
      data: { outcome: input.outcome },
    });
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'care.outcome',
      entity: 'case',
      entityId: alert.caseId,
      scopeCode: alert.orgCode,
      after: { personId: alert.personId, outcome: input.outcome },
      ip,
    });
  });
}
