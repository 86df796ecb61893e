import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';

/**
 * Notes that a device was heard from (a heartbeat, or a batch of sightings, which proves it alive too): its
 * last heartbeat moves on, its last sighting too when given, and a silent flag is cleared with one 'back'
 * event. One statement (it runs with every batch): of its two updates exactly one matches the row as read;
 * when two calls clear the flag together, the second finds it cleared and writes no second event (it then
 * leaves the heartbeat time to the first, which is the same moment).
 */
export async function markDeviceAlive(
  db: Db,
  deviceId: number,
  now: Date,
  lastSighting: Date | null = null,
): Promise<void> {
  const moved = sql`last_heartbeat_at = greatest(last_heartbeat_at, ${now}::timestamptz),
    last_sighting_at = greatest(last_sighting_at, ${lastSighting}::timestamptz)`;
  await db.execute(
    sql`with back as (
          update care_devices set silent_since = null, ${moved}
          where id = ${deviceId} and silent_since is not null returning id),
        alive as (
          update care_devices set ${moved} where id = ${deviceId} and silent_since is null returning id)
        insert into care_device_events (device_id, kind, at) select id, 'back', ${now} from back`,
    { prepare: 'care_device_alive' },
  );
}
