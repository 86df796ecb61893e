import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';

/**
 * Notes that a device was heard from (a heartbeat, or a batch of sightings, which proves it alive too): its
 * last heartbeat moves on, its last sighting too when given, and a silent flag is cleared with one 'back'
 * event. The clearing is a conditional update, so two calls arriving together write one event.
 */
export async function markDeviceAlive(
  db: Db,
  deviceId: number,
  now: Date,
  lastSighting: Date | null = null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`with back as (
            update care_devices set silent_since = null where id = ${deviceId} and silent_since is not null
            returning id)
          insert into care_device_events (device_id, kind, at) select id, 'back', ${now} from back`,
      { prepare: 'care_device_back' },
    );
    await tx.execute(
      sql`update care_devices
          set last_heartbeat_at = greatest(last_heartbeat_at, ${now}::timestamptz),
              last_sighting_at = greatest(last_sighting_at, ${lastSighting}::timestamptz)
          where id = ${deviceId}`,
      { prepare: 'care_device_alive' },
    );
  });
}
