import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { distanceM } from '../qr.ts';
import { signUpIn } from './sign-up.ts';

/** A second scan within this long after signing in is the same sign-in, not a sign-out. */
const REPEAT_S = 120;

export interface CheckActivity {
  id: number;
  lng: number;
  lat: number;
}

/**
 * Signs a volunteer in, or out when already in, at an activity whose code they scanned: the phone must be
 * within `radius` metres of the place (VOLUNTEER_TOO_FAR). Someone who did not sign up is signed up on the
 * spot while places remain. Each step is a conditional UPDATE of the volunteer's one sign-up row, so a
 * repeated or simultaneous scan never writes a second record.
 */
export async function checkInOut(
  db: Db,
  activity: CheckActivity,
  volunteerId: number,
  at: { lng: number; lat: number },
  radius: number,
): Promise<{ direction: 'in' | 'out'; distanceM: number }> {
  const d = distanceM(activity, at);
  if (d > radius) throw new AppError('VOLUNTEER_TOO_FAR', 400, [{ field: 'body/lng', message: `${d} m` }]);
  return db.transaction(async (tx) => {
    const { id } = await signUpIn(tx, activity.id, volunteerId);
    const signedIn = await one(
      tx,
      sql`update volunteer_signups set signed_in_at = now(), in_distance_m = ${d}
          where id = ${id} and signed_in_at is null returning id`,
    );
    if (signedIn) return { direction: 'in' as const, distanceM: d };
    const repeat = await one(
      tx,
      sql`select 1 from volunteer_signups where id = ${id} and signed_in_at > now() - make_interval(secs => ${REPEAT_S})`,
    );
    if (repeat) return { direction: 'in' as const, distanceM: d };
    const out = await one(
      tx,
      sql`update volunteer_signups set signed_out_at = now(), out_distance_m = ${d}
          where id = ${id} and signed_out_at is null and verified_at is null returning id`,
    );
    if (!out) throw new AppError('CONFLICT', 409);
    return { direction: 'out' as const, distanceM: d };
  });
}
