import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { communityOf, type DeviceRow, refGroupOf } from '../queries.ts';

/**
 * Registers an opaque reference for a person with a device (or the device's group): what the device sends
 * when it sees that person. The route has checked the person lives in the device's community. A reference
 * already taken in the group is a conflict; the audit row holds the reference and person id, no name.
 */
export async function registerPersonRef(
  db: Db,
  device: DeviceRow,
  ref: string,
  personId: number,
  by: { actorId: string; ip: string },
): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into care_person_refs (ref_group, community_code, ref, person_id, created_by)
          values (${refGroupOf(device)}, ${communityOf(device.orgCode)}, ${ref}, ${personId}, ${by.actorId})
          on conflict (community_code, ref_group, ref) do nothing returning id`,
    );
    if (!row) throw new AppError('CONFLICT', 409, [{ field: '/ref', message: 'reference taken' }]);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'care_device.ref_add',
      entity: 'care_device',
      entityId: device.id,
      scopeCode: device.orgCode,
      after: { ref, personId, refGroup: refGroupOf(device) },
      ip: by.ip,
    });
    return row;
  });
}
