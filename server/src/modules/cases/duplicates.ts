import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';

export interface DuplicateCandidate {
  id: number;
  trackingCode: string;
  state: string;
  description: string;
  distanceM: number;
  reportedAt: Date;
}

/** How far back a report is still a likely duplicate. */
const DUPLICATE_DAYS = 7;

/** Metres per degree of latitude, rounded down (the WGS84 minimum is 110,574), so boxes err on the large side. */
const M_PER_DEGREE = 110_000;

/**
 * A lon/lat box that contains every point within radiusM metres of the point: the distance test on geography
 * cannot use the GiST index of `cases.location` (a geometry), the box can, so it narrows a million cases to
 * the few around the point before the exact test. Near the poles the box spans every longitude; it does not
 * wrap the antimeridian, where no district lies.
 */
function searchBox(point: SQL, lat: number, radiusM: number): SQL {
  const dLat = radiusM / M_PER_DEGREE;
  const edge = Math.abs(lat) + dLat;
  const dLng = edge >= 89 ? 360 : dLat / Math.cos((edge * Math.PI) / 180);
  return sql`st_expand(${point}, ${dLng}::float8, ${dLat}::float8)`;
}

/** Where and what to look for: a point, a category and its duplicate radius; optionally a case to leave out. */
export interface DuplicateQuery {
  categoryCode: string;
  lng: number;
  lat: number;
  radiusM: number;
  excludeId?: number;
}

/**
 * The SELECT behind findDuplicates, for statements that embed it (intake runs it inside its insert, where the
 * new case is not visible yet); its rows are DuplicateCandidates with reportedAt as a timestamp.
 */
export function duplicatesSql(q: DuplicateQuery): SQL {
  const point = sql`st_setsrid(st_point(${q.lng}, ${q.lat}), 4326)`;
  return sql`select c.id, c.tracking_code as "trackingCode", c.state, left(c.description, 200) as description,
          round(st_distance(c.location::geography, ${point}::geography))::int as "distanceM", c.reported_at as "reportedAt"
        from cases c
        where c.category_code = ${q.categoryCode}
          and c.state not in ('closed', 'rejected')
          and c.reported_at > now() - make_interval(days => ${DUPLICATE_DAYS})
          and c.location && ${searchBox(point, q.lat, q.radiusM)}
          and st_dwithin(c.location::geography, ${point}::geography, ${q.radiusM})
          ${q.excludeId ? sql`and c.id <> ${q.excludeId}` : sql``}
        order by st_distance(c.location::geography, ${point}::geography), c.id
        limit 10`;
}

/** Open cases of the same category within the radius reported in the last 7 days, nearest first. */
export function findDuplicates(db: Db, q: DuplicateQuery): Promise<DuplicateCandidate[]> {
  return rows<DuplicateCandidate>(db, duplicatesSql(q));
}
