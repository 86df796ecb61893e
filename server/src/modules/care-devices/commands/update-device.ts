import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DeviceRow } from '../queries.ts';

/** The fields of a device the console may change (its kind, area and key stay). */
export interface DeviceChanges {
  name?: string;
  buildingId?: number | null;
  location?: string;
  point?: { lng: number; lat: number } | null;
  owner?: string;
  refGroup?: string | null;
  heartbeatSeconds?: number;
}

/** Changes a device's description, with an audit row holding the fields before and after. */
export async function updateDevice(
  db: Db,
  device: DeviceRow,
  c: DeviceChanges,
  by: { actorId: string; ip: string },
): Promise<void> {
  const sets = [sql`updated_at = now()`];
  if (c.name !== undefined) sets.push(sql`name = ${c.name}`);
  if (c.buildingId !== undefined) sets.push(sql`building_id = ${c.buildingId}`);
  if (c.location !== undefined) sets.push(sql`location = ${c.location}`);
  if (c.point !== undefined)
    sets.push(
      c.point ? sql`geom = st_setsrid(st_makepoint(${c.point.lng}, ${c.point.lat}), 4326)` : sql`geom = null`,
    );
  if (c.owner !== undefined) sets.push(sql`owner = ${c.owner}`);
  if (c.refGroup !== undefined) sets.push(sql`ref_group = ${c.refGroup}`);
  if (c.heartbeatSeconds !== undefined) sets.push(sql`heartbeat_seconds = ${c.heartbeatSeconds}`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`update care_devices set ${sql.join(sets, sql`, `)} where id = ${device.id}`);
    const before = Object.fromEntries(
      Object.keys(c).map((k) => [
        k,
        k === 'point' ? { lng: device.lng, lat: device.lat } : device[k as keyof DeviceRow],
      ]),
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'care_device.update',
      entity: 'care_device',
      entityId: device.id,
      scopeCode: device.orgCode,
      before,
      after: c,
      ip: by.ip,
    });
  });
}
