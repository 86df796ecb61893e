import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, invalid } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { districtToday } from '../../people/present-person.ts';
import { type Duty, eligibleFor } from '../roster-queries.ts';

/** Longest duty entry, in days: a roster is planned weeks ahead, a standing name needs no days at all. */
const MAX_DAYS = 366;

/** True for a calendar date that exists (2026-02-30 does not). */
const realDay = (d: string) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d;

/** A name added to an area's roster: standing (no days) or on the days from..to (inclusive). */
export interface RosterInput {
  userId: string;
  fromDay?: string;
  toDay?: string;
}

/**
 * Names someone as an area's care contact (community) or duty officer (street), standing or on given days.
 * Only an active account that can follow a care alert there may be named (a name nobody can act on would
 * swallow the escalation); days must be a real range of at most a year that is not over already. One audit
 * row. Returns the new entry's id.
 */
export async function addRosterEntry(
  db: Db,
  actor: Actor,
  area: { id: number; code: string; duty: Duty },
  input: RosterInput,
  ip: string,
  now = new Date(),
): Promise<number> {
  const { fromDay = null, toDay = null } = input;
  if ((fromDay === null) !== (toDay === null))
    throw invalid([
      { field: fromDay === null ? '/fromDay' : '/toDay', message: 'give both days or neither' },
    ]);
  if (fromDay !== null && toDay !== null) {
    for (const [field, day] of [
      ['/fromDay', fromDay],
      ['/toDay', toDay],
    ] as const)
      if (!realDay(day)) throw invalid([{ field, message: 'a real date' }]);
    const span = (Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000;
    if (Number.isNaN(span) || span < 0 || span >= MAX_DAYS)
      throw invalid([{ field: '/toDay', message: `on or after fromDay, at most ${MAX_DAYS} days` }]);
    if (toDay < districtToday(now)) throw invalid([{ field: '/toDay', message: 'today or later' }]);
  }
  const eligible = await eligibleFor(db, area.code);
  if (!eligible.some((e) => e.id === input.userId))
    throw new AppError('CARE_ROSTER_NOT_ELIGIBLE', 400, [{ field: '/userId', message: 'not eligible' }]);
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into care_roster (org_node_id, duty, user_id, from_day, to_day, created_by)
          values (${area.id}, ${area.duty}, ${input.userId}, ${fromDay}, ${toDay}, ${actor.userId})
          on conflict do nothing returning id`,
    );
    if (!row) throw new AppError('CARE_ROSTER_DUPLICATE', 409);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'care.roster.add',
      entity: 'care_roster',
      entityId: row.id,
      scopeCode: area.code,
      after: { duty: area.duty, userId: input.userId, fromDay, toDay },
      ip,
    });
    return row.id;
  });
}
