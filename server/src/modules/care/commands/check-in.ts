import type { Db } from '../../../infra/db.ts';
import { recordSightings } from './record-sightings.ts';

/**
 * The elder's own daily check-in (我很好): a sighting of source `checkin`. Pressing the big button twice in a
 * minute counts once.
 */
export async function checkIn(db: Db, personId: number, now = new Date()): Promise<void> {
  const minute = Math.floor(now.getTime() / 60_000);
  await recordSightings(db, [
    { personId, seenAt: now, source: 'checkin', dedupeKey: `checkin:${personId}:${minute}` },
  ]);
}
