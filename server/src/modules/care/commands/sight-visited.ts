import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';
import { recordSightings } from './record-sightings.ts';

/**
 * A visit to a household is a sighting of its watched members: a home visit as `visit`, a phone visit as
 * `call` (a visit of another kind saw no one). Keyed by the visit, so a visit written once counts once.
 */
export async function sightVisited(
  tx: Db,
  visit: { id: number; householdId: number; kind: 'home' | 'phone' | 'other'; at: Date },
): Promise<number> {
  if (visit.kind === 'other') return 0;
  const watched = await rows<{ personId: number }>(
    tx,
    sql`select w.person_id as "personId" from care_watched w join persons p on p.id = w.person_id
        where p.household_id = ${visit.householdId} and w.ended_at is null`,
  );
  const { inserted } = await recordSightings(
    tx,
    watched.map((w) => ({
      personId: w.personId,
      seenAt: visit.at,
      source: visit.kind === 'home' ? 'visit' : 'call',
      dedupeKey: `visit:${visit.id}:${w.personId}`,
    })),
  );
  return inserted;
}
