import type { DeviceHealth, DeviceKind } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';

/** A device as the console shows it: never its key. */
export interface DeviceRow {
  id: number;
  kind: DeviceKind;
  name: string;
  orgCode: string;
  orgName: string;
  buildingId: number | null;
  buildingName: string | null;
  location: string;
  lng: number | null;
  lat: number | null;
  owner: string;
  refGroup: string | null;
  heartbeatSeconds: number;
  lastHeartbeatAt: Date | null;
  lastSightingAt: Date | null;
  silentSince: Date | null;
  createdAt: Date;
  retiredAt: Date | null;
  health: DeviceHealth;
  refCount: number;
}

/** The group whose person references a device reads: its named group, or its own. */
export const refGroupOf = (d: { id: number; refGroup: string | null }) => d.refGroup ?? `device:${d.id}`;
/** The community a device's references belong to (its own code when registered above a community). */
export const communityOf = (orgCode: string) => orgCode.slice(0, Math.min(orgCode.length, 12));

const DEVICE_COLUMNS = sql`d.id, d.kind, d.name, d.org_code as "orgCode", n.name as "orgName",
  d.building_id as "buildingId", b.name as "buildingName", d.location,
  st_x(d.geom) as lng, st_y(d.geom) as lat, d.owner, d.ref_group as "refGroup",
  d.heartbeat_seconds as "heartbeatSeconds", d.last_heartbeat_at as "lastHeartbeatAt",
  d.last_sighting_at as "lastSightingAt", d.silent_since as "silentSince", d.created_at as "createdAt",
  d.retired_at as "retiredAt",
  case when d.retired_at is not null then 'retired' when d.silent_since is not null then 'silent' else 'ok' end
    as health,
  (select count(*)::int from care_person_refs r
    where r.community_code = left(d.org_code, 12) and r.ref_group = coalesce(d.ref_group, 'device:' || d.id))
    as "refCount"`;
const DEVICE_FROM = sql`care_devices d join org_nodes n on n.id = d.org_node_id
  left join buildings b on b.id = d.building_id`;

/** One device by id (any scope: the route checks the caller against its org code), or null. */
export function findDevice(db: Db, id: number): Promise<DeviceRow | null> {
  return one<DeviceRow>(db, sql`select ${DEVICE_COLUMNS} from ${DEVICE_FROM} where d.id = ${id}`);
}

/** Filters of the device list. */
export interface DeviceFilter {
  org?: string;
  health?: DeviceHealth;
  kind?: DeviceKind;
}

/** The devices the actor may read (device.read), optionally under one org code, by health or kind. */
export function listDevices(db: Db, actor: Actor, f: DeviceFilter, limit = 500): Promise<DeviceRow[]> {
  const where: SQL[] = [sql`(${scopeCondition(actor, 'device.read', sql`d.org_code`)})`];
  if (f.org) where.push(sql`d.org_code like ${`${f.org}%`}`);
  if (f.kind) where.push(sql`d.kind = ${f.kind}`);
  if (f.health === 'retired') where.push(sql`d.retired_at is not null`);
  else if (f.health === 'silent') where.push(sql`d.retired_at is null and d.silent_since is not null`);
  else if (f.health === 'ok') where.push(sql`d.retired_at is null and d.silent_since is null`);
  return rows<DeviceRow>(
    db,
    sql`select ${DEVICE_COLUMNS} from ${DEVICE_FROM} where ${sql.join(where, sql` and `)}
        order by (d.retired_at is null) desc, (d.silent_since is not null) desc, d.org_code, d.id
        limit ${limit}`,
  );
}

/** A person reference as the console shows it: the reference, the person's id and grid, no name. */
export interface PersonRefRow {
  id: number;
  ref: string;
  refGroup: string;
  personId: number;
  gridName: string;
  createdAt: Date;
}

/** The person references a device reads (its group's). */
export function listRefs(db: Db, device: DeviceRow): Promise<PersonRefRow[]> {
  return rows<PersonRefRow>(
    db,
    sql`select r.id, r.ref, r.ref_group as "refGroup", r.person_id as "personId", g.name as "gridName",
          r.created_at as "createdAt"
        from care_person_refs r join persons p on p.id = r.person_id join org_nodes g on g.id = p.grid_id
        where r.community_code = ${communityOf(device.orgCode)} and r.ref_group = ${refGroupOf(device)}
        order by r.ref limit 5000`,
  );
}

/** The org code of a person's grid, or null when there is no such person. */
export async function personGridCode(db: Db, personId: number): Promise<string | null> {
  const r = await one<{ code: string }>(
    db,
    sql`select g.code from persons p join org_nodes g on g.id = p.grid_id where p.id = ${personId}`,
  );
  return r?.code ?? null;
}

/** Health events of a device, newest first. */
export function deviceEvents(db: Db, deviceId: number): Promise<{ kind: string; at: Date }[]> {
  return rows(
    db,
    sql`select kind, at from care_device_events where device_id = ${deviceId} order by id desc limit 50`,
  );
}
