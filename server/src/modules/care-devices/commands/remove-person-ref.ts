import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { communityOf, type DeviceRow, refGroupOf } from '../queries.ts';

/**
 * Removes a person reference of a device's group: the device's later sightings of it are reported unknown.
 * Returns false when the reference is not one of the device's.
 */
export async function removePersonRef(
  db: Db,
  device: DeviceRow,
  refId: number,
  by: { actorId: string; ip: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await one<{ ref: string; personId: number }>(
      tx,
      sql`delete from care_person_refs
          where id = ${refId} and community_code = ${communityOf(device.orgCode)}
            and ref_group = ${refGroupOf(device)}
          returning ref, person_id as "personId"`,
    );
    if (!row) return false;
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'care_device.ref_remove',
      entity: 'care_device',
      entityId: device.id,
      scopeCode: device.orgCode,
      before: row,
      ip: by.ip,
    });
    return true;
  });
}
