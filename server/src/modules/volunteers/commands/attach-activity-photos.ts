import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';

/**
 * Records stored photos against an activity, with an audit row, in one transaction. A volunteer (`volunteerId`
 * given) must have signed in to the activity at its place: the sign-in is the proof they were there, so
 * photos come from people who saw it (VOLUNTEER_NOT_SIGNED_IN otherwise). Staff callers are checked by the
 * route's policy before this runs.
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
      const signedIn = await one(
        tx,
        sql`select 1 from volunteer_signups
            where activity_id = ${a.id} and volunteer_id = ${opts.volunteerId} and signed_in_at is not null`,
      );
      if (!signedIn) throw new AppError('VOLUNTEER_NOT_SIGNED_IN', 403);
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
