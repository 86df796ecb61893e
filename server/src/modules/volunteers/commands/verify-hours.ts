import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { readVolunteerSettings, servicePoints } from '../config.ts';
import { postPoints } from './post-points.ts';

/**
 * The organiser confirms the hours of an activity's sign-ups: each verified once (a conditional UPDATE on
 * `verified_at`), each paying hours × the type's coefficient × points per hour into the ledger in the same
 * transaction. Sign-ups already verified are left as they are. Returns how many were verified now.
 */
export async function verifyHours(
  db: Db,
  actor: Actor,
  activity: { id: number; orgCode: string; coefficient: number },
  items: { signupId: number; hours: number }[],
  ip: string,
): Promise<{ verified: number; points: number }> {
  const settings = await readVolunteerSettings(db);
  return db.transaction(async (tx) => {
    let verified = 0;
    let points = 0;
    for (const item of items) {
      const row = await one<{ volunteerId: number }>(
        tx,
        sql`update volunteer_signups set hours = ${item.hours}, verified_at = now(), verified_by = ${actor.userId}
            where id = ${item.signupId} and activity_id = ${activity.id} and verified_at is null
            returning volunteer_id as "volunteerId"`,
      );
      if (!row) continue;
      const earned = servicePoints(item.hours, activity.coefficient, settings);
      await postPoints(tx, {
        volunteerId: row.volunteerId,
        delta: earned,
        reason: 'service',
        activityId: activity.id,
        hours: item.hours,
        actorId: actor.userId,
      });
      verified += 1;
      points += earned;
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.activity.verify',
      entity: 'volunteer_activity',
      entityId: activity.id,
      scopeCode: activity.orgCode,
      after: { verified, points },
      ip,
    });
    return { verified, points };
  });
}
