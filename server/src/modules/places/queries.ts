import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { areaNameSql } from '../org/area-name.ts';
import { inForceSql } from '../org/current-node.ts';

/** A place an address search found: a building of the archive or a grid, with the point to pin. */
export interface PlaceHit {
  kind: 'building' | 'grid';
  name: string;
  address: string | null;
  /** 社区 · 网格 of the place */
  area: string;
  lng: number;
  lat: number;
}

/**
 * Places whose name or address contains the text, within the org areas `scope` allows (a condition on the grid
 * `g`): the archive's buildings (楼栋, with their address) first, then grids by name (their centre), so a call
 * taker pins "人民路 12 号" or "富民社区第3网格" without a map service. Up to `limit`, shortest names first.
 */
export function searchPlaces(db: Db, text: string, scope: SQL, limit = 10): Promise<PlaceHit[]> {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return rows<PlaceHit>(
    db,
    sql`select kind, name, address, area, lng, lat from (
        (select 'building' as kind, b.name, b.address, ${areaNameSql('zh')} as area, st_x(b.geom) as lng, st_y(b.geom) as lat, length(b.address) as len
         from buildings b join org_nodes g on g.id = b.grid_id join org_nodes cm on cm.id = g.parent_id
         where b.geom is not null and (b.address ilike ${like} or b.name ilike ${like}) and (${scope})
         order by length(b.address), b.id limit ${limit})
        union all
        (select 'grid', g.name, null, ${areaNameSql('zh')}, st_x(st_pointonsurface(g.geom)),
           st_y(st_pointonsurface(g.geom)), length(g.name)
         from org_nodes g join org_nodes cm on cm.id = g.parent_id
         where g.level = 'grid' and g.geom is not null and g.name ilike ${like} and (${scope})
           and ${inForceSql('g')}
         order by length(g.name), g.code limit ${limit})
        ) p order by kind, len limit ${limit}`,
  );
}
