import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../src/infra/db.ts';

/**
 * A building at a grid's surface point and a flat in it, for tests that need a household row (every household
 * lives in a house since migration 0040). The building's address is unique, so tests never collide.
 */
export async function makeHouse(db: Db, gridId: number, room = '101'): Promise<number> {
  const b = await one<{ id: number }>(
    db,
    sql`insert into buildings (grid_id, name, address, geom)
        select id, '1号楼', ${`测试楼${randomBytes(4).toString('hex')}`}, ST_PointOnSurface(geom)
        from org_nodes where id = ${gridId} returning id`,
  );
  const h = await one<{ id: number }>(
    db,
    sql`insert into houses (building_id, unit, floor, room) values (${b!.id}, '1', 1, ${room}) returning id`,
  );
  return h!.id;
}
