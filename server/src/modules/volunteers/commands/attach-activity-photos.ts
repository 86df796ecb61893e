import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';

/** How many days after its end an activity still takes photos from volunteers' phones (staff: any time). */
export const VOLUNTEER_PHOTO_DAYS = 2;

/** Whether a volunteer's own sign-up lets them add photos now: signed in at the place, the activity fresh. */
export function volunteerMayAddPhotos(
  mine: { signedInAt: Date | null } | null,
  endsAt: Date,
  now = new Date(),
): boolean {
  return !!mine?.signedInAt && now.getTime() - endsAt.getTime() < VOLUNTEER_PHOTO_DAYS * 86_400_000;
}

/**
 * Records stored photos against an activity, with an audit row, in one transaction. A volunteer (`volunteerId`
 * given) must have signed in to the activity at its place: the sign-in is the proof they were there, so
 * photos come from people who saw it (VOLUNTEER_NOT_SIGNED_IN otherwise), and only until
 * VOLUNTEER_PHOTO_DAYS after the end (ACTIVITY_PHOTOS_CLOSED). Staff callers are checked by the route's policy
 * before this runs.
 */
export async function attachActivityPhotos(
  db: Db,
  actor: Actor,
  a: { id: number; orgCode: string },
  photos: StoredPhoto[],
  opts: { volunteerId?: number; ip: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (opts.volunteerId !== undefined) {
      const mine = await one<{ signedInAt: Date | null; endsAt: Date }>(
        tx,
        sql`select s.signed_in_at as "signedInAt", a.ends_at as "endsAt"
            from volunteer_activities a
            left join volunteer_signups s on s.activity_id = a.id and s.volunteer_id = ${opts.volunteerId}
            where a.id = ${a.id}`,
      );
      if (!mine?.signedInAt) throw new AppError('VOLUNTEER_NOT_SIGNED_IN', 403);
      if (!volunteerMayAddPhotos(mine, mine.endsAt)) throw new AppError('ACTIVITY_PHOTOS_CLOSED', 409);
    }
    for (const p of photos) {
      await tx.execute(
        sql`insert into volunteer_activity_photos (id, activity_id, uploaded_by, volunteer_id, mime, bytes, width, height)
            values (${p.id}::uuid, ${a.id}, ${actor.userId}, ${opts.volunteerId ?? null}, ${p.mime}, ${p.bytes},
              ${p.width}, ${p.height})`,
      );
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.activity.photos',
      entity: 'volunteer_activity',
      entityId: a.id,
      scopeCode: a.orgCode,
      after: { photos: photos.map((p) => p.id), byVolunteer: opts.volunteerId ?? null },
      ip: opts.ip,
    });
  });
}
