import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** A building as its door plate shows it, with its grid and the grid's workers. */
export interface PlateRow {
  id: number;
  name: string;
  address: string;
  lng: number;
  lat: number;
  gridCode: string;
  gridName: string;
  communityName: string | null;
  /** the grid's workers: their names and the work phones they agreed to publish (never the private one) */
  workers: { name: string; publicPhone: string | null }[];
}

/** The grid of a building (its code for the policy), or null. */
export function findBuilding(db: Db, id: number) {
  return one<{ id: number; gridCode: string }>(
    db,
    sql`select b.id, g.code as "gridCode" from buildings b join org_nodes g on g.id = b.grid_id where b.id = ${id}`,
  );
}

/** The buildings of one grid, or one building, as door plates, by address. At most `limit`. */
export function plates(
  db: Db,
  by: { gridCode: string } | { buildingId: number },
  limit = 500,
): Promise<PlateRow[]> {
  const where: SQL = 'gridCode' in by ? sql`g.code = ${by.gridCode}` : sql`b.id = ${by.buildingId}`;
  return rows<PlateRow>(
    db,
    sql`select b.id, b.name, b.address, st_x(pt) as lng, st_y(pt) as lat, g.code as "gridCode", g.name as "gridName",
          c.name as "communityName",
          coalesce((select jsonb_agg(jsonb_build_object('name', u.display_name, 'publicPhone', u.public_phone)
                      order by u.display_name)
                    from grants gr join users u on u.id = gr.user_id
                    where gr.org_node_id = g.id and gr.role = 'grid_worker' and not u.disabled), '[]'::jsonb) as workers
        from buildings b join org_nodes g on g.id = b.grid_id left join org_nodes c on c.id = g.parent_id,
          lateral (select coalesce(b.geom, st_pointonsurface(g.geom)) as pt) p
        where ${where}
        order by b.address limit ${limit}`,
  );
}

/** The public work phone a user has published, or null. */
export async function publicPhoneOf(db: Db, userId: string): Promise<string | null> {
  return (
    (await one<{ p: string | null }>(db, sql`select public_phone as p from users where id = ${userId}`))?.p ??
    null
  );
}

/** A user's id and home code (for the audit row's scope), or null. */
export function findUserHome(db: Db, id: string) {
  return one<{ id: string; homeCode: string }>(
    db,
    sql`select id, home_code as "homeCode" from users where id = ${id}`,
  );
}
