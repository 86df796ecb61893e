import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DeviceRow } from '../queries.ts';

/**
 * Retires a device: its key stops working at once (every call loads the device) and it leaves the health
 * list. Its past sightings stay. Returns false when it was retired already.
 */
export async function retireDevice(
  db: Db,
  device: DeviceRow,
  by: { actorId: string; ip: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await one(
      tx,
      sql`update care_devices set retired_at = now(), silent_since = null, updated_at = now()
          where id = ${device.id} and retired_at is null returning id`,
    );
    if (!row) return false;
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'care_device.retire',
      entity: 'care_device',
      entityId: device.id,
      scopeCode: device.orgCode,
      ip: by.ip,
    });
    return true;
  });
}
