import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** A flat or house of a building, and whether a household lives in it. */
export interface HouseView {
  id: number;
  unit: string;
  floor: number | null;
  room: string;
  isRental: boolean;
  occupied: boolean;
}

/** A building with its place and its houses, as the console's buildings page shows it. */
export interface BuildingView {
  id: number;
  gridCode: string;
  gridName: string;
  name: string;
  address: string;
  lng: number | null;
  lat: number | null;
  houses: HouseView[];
}

/** The buildings of one grid with their houses, by name (a grid has tens of buildings, hundreds of flats). */
export async function listBuildings(db: Db, gridCode: string): Promise<BuildingView[]> {
  const list = await rows<Omit<BuildingView, 'houses'>>(
    db,
    sql`select b.id, g.code as "gridCode", g.name as "gridName", b.name, b.address,
          st_x(b.geom) as lng, st_y(b.geom) as lat
        from buildings b join org_nodes g on g.id = b.grid_id
        where g.code = ${gridCode} order by b.name, b.id limit 500`,
  );
  if (!list.length) return [];
  const houses = await rows<HouseView & { buildingId: number }>(
    db,
    sql`select ho.building_id as "buildingId", ho.id, ho.unit, ho.floor, ho.room, ho.is_rental as "isRental",
          exists (select 1 from households h where h.house_id = ho.id) as occupied
        from houses ho where ho.building_id = any(${`{${list.map((b) => b.id).join(',')}}`}::int[])
        order by ho.unit, ho.floor nulls first, ho.room, ho.id`,
  );
  return list.map((b) => ({
    ...b,
    houses: houses.filter((h) => h.buildingId === b.id).map(({ buildingId: _, ...h }) => h),
  }));
}

/** A building's id, grid, grid code and public address, or null when there is none. */
export function findBuilding(
  db: Db,
  id: number,
): Promise<{ id: number; gridId: number; gridCode: string; address: string } | null> {
  return one(
    db,
    sql`select b.id, b.grid_id as "gridId", g.code as "gridCode", b.address
        from buildings b join org_nodes g on g.id = b.grid_id where b.id = ${id}`,
  );
}
