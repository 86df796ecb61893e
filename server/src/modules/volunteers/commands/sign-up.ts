import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';

/**
 * Signs a volunteer up inside the caller's transaction. The sign-up row comes first (a second sign-up of the
 * same volunteer is the same sign-up); then the counter moves by a conditional UPDATE that only succeeds while
 * it is below capacity, so sign-ups arriving at once can never pass it (ACTIVITY_FULL rolls the row back).
 * Returns the sign-up's id and whether it is new.
 */
export async function signUpIn(
  tx: Db,
  activityId: number,
  volunteerId: number,
): Promise<{ id: number; created: boolean }> {
  const made = await one<{ id: number }>(
    tx,
    sql`insert into volunteer_signups (activity_id, volunteer_id) values (${activityId}, ${volunteerId})
        on conflict (activity_id, volunteer_id) do nothing returning id`,
  );
  if (!made) {
    const found = await one<{ id: number }>(
      tx,
      sql`select id from volunteer_signups where activity_id = ${activityId} and volunteer_id = ${volunteerId}`,
    );
    return { id: found!.id, created: false };
  }
  const room = await one(
    tx,
    sql`update volunteer_activities set signed_up = signed_up + 1
        where id = ${activityId} and signed_up < capacity and ends_at > now() returning id`,
  );
  if (!room) throw new AppError('ACTIVITY_FULL', 409);
  return { id: made.id, created: true };
}

/** Signs the volunteer up for an activity that has not ended, within its capacity (see signUpIn). */
export async function signUp(
  db: Db,
  activityId: number,
  volunteer: { id: number; stage: string },
): Promise<{ id: number; created: boolean }> {
  if (volunteer.stage === 'retired') throw new AppError('FORBIDDEN', 403);
  return db.transaction((tx) => signUpIn(tx, activityId, volunteer.id));
}
