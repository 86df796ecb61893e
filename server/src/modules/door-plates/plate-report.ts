import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { invalid } from '../../infra/errors.ts';
import type { ReportBodyT } from '../cases/report-body.ts';

/**
 * A report from a door plate's QR code names its building (`buildingId`): without a position of its own (the
 * resident moved no pin, the link lost its numbers) the case is placed at the building, and without a typed
 * address at the building's public address (what the plate prints). An unknown building is refused as bad
 * input. Reports without one pass as they are.
 */
export async function placeAtBuilding(db: Db, body: ReportBodyT): Promise<Omit<ReportBodyT, 'buildingId'>> {
  const { buildingId, ...rest } = body;
  if (buildingId === undefined) return rest;
  const b = await one<{ address: string; lng: number | null; lat: number | null }>(
    db,
    sql`select address, st_x(geom) as lng, st_y(geom) as lat from buildings where id = ${buildingId}`,
  );
  if (!b)
    throw invalid([{ field: 'body/buildingId', message: { zh: '没有这个楼栋', en: 'no such building' } }]);
  return {
    ...rest,
    location: rest.location ?? (b.lng !== null && b.lat !== null ? { lng: b.lng, lat: b.lat } : null),
    address: rest.address?.trim() ? rest.address : b.address,
  };
}
