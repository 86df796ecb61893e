import type { DeviceKind } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { newDeviceKey } from '../signing.ts';

/** What a new device is registered with (checked by the route: the node and building are in scope). */
export interface NewDevice {
  kind: DeviceKind;
  name: string;
  orgNode: { id: number; code: string };
  buildingId: number | null;
  location: string;
  point: { lng: number; lat: number } | null;
  owner: string;
  refGroup: string | null;
  heartbeatSeconds: number;
}

/**
 * Registers a device and makes its key. The key is sealed by the personal-data keyring (the server must read
 * it back to verify signatures, so a hash would not do) and returned this once; the audit row names the
 * device, never the key. Without a point the device stands at its building's.
 */
export async function registerDevice(
  db: Db,
  cipher: PersonalDataCipher,
  d: NewDevice,
  by: { actorId: string; ip: string },
): Promise<{ id: number; key: string }> {
  const key = newDeviceKey();
  return db.transaction(async (tx) => {
    const point = d.point
      ? sql`st_setsrid(st_makepoint(${d.point.lng}, ${d.point.lat}), 4326)`
      : sql`(select geom from buildings where id = ${d.buildingId})`;
    const row = await one<{ id: number }>(
      tx,
      sql`insert into care_devices (kind, name, org_node_id, org_code, building_id, location, geom, owner,
            ref_group, key_enc, heartbeat_seconds, created_by)
          values (${d.kind}, ${d.name}, ${d.orgNode.id}, ${d.orgNode.code}, ${d.buildingId}, ${d.location},
            ${point}, ${d.owner}, ${d.refGroup}, ${cipher.encrypt(key)}, ${d.heartbeatSeconds}, ${by.actorId})
          returning id`,
    );
    const id = row!.id;
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'care_device.register',
      entity: 'care_device',
      entityId: id,
      scopeCode: d.orgNode.code,
      after: { kind: d.kind, name: d.name, heartbeatSeconds: d.heartbeatSeconds, refGroup: d.refGroup },
      ip: by.ip,
    });
    return { id, key };
  });
}
