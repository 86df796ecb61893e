import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { invalid, notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';

/** The street, community or grid a device is registered in, checked against the caller's device.manage. */
export async function checkedNode(db: Db, actor: Actor, code: string): Promise<{ id: number; code: string }> {
  const node = await findNodeByCode(db, code);
  if (!node) throw notFound();
  assertCan(actor, 'device.manage', node.code);
  if (node.level === 'district')
    throw invalid([
      { field: '/org', message: { zh: '请选择街道、社区或网格', en: 'choose a street, community or grid' } },
    ]);
  return { id: node.id, code: node.code };
}

/** A building given for a device: it must stand in the device's area (null stays null). */
export async function checkedBuilding(db: Db, orgCode: string, id: number | null): Promise<number | null> {
  if (id === null) return null;
  const b = await one<{ code: string }>(
    db,
    sql`select g.code from buildings b join org_nodes g on g.id = b.grid_id where b.id = ${id}`,
  );
  if (!b?.code.startsWith(orgCode))
    throw invalid([
      {
        field: '/buildingId',
        message: { zh: '该楼栋不在设备所属区域', en: 'the building is not in the device’s area' },
      },
    ]);
  return id;
}

/** The point of a body: both coordinates, both null (remove it), or undefined when neither is given. */
export function pointOf(b: {
  lng?: number | null;
  lat?: number | null;
}): { lng: number; lat: number } | null | undefined {
  if (b.lng === undefined && b.lat === undefined) return undefined;
  if (typeof b.lng === 'number' && typeof b.lat === 'number') return { lng: b.lng, lat: b.lat };
  if (b.lng === null && b.lat === null) return null;
  throw invalid([
    { field: '/lat', message: { zh: '经度和纬度须同时给出', en: 'give longitude and latitude together' } },
  ]);
}
