import { sql } from 'drizzle-orm';
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

/** Open cases of the same category within the radius reported in the last 7 days, nearest first. */
export function findDuplicates(
  db: Db,
  q: { categoryCode: string; lng: number; lat: number; radiusM: number; excludeId?: number },
): Promise<DuplicateCandidate[]> {
  const point = sql`st_setsrid(st_point(${q.lng}, ${q.lat}), 4326)`;
  return rows<DuplicateCandidate>(
    db,
    sql`select c.id, c.tracking_code as "trackingCode", c.state, left(c.description, 200) as description,
          round(st_distance(c.location::geography, ${point}::geography))::int as "distanceM", c.reported_at as "reportedAt"
        from cases c
        where c.category_code = ${q.categoryCode}
          and c.state not in ('closed', 'rejected')
          and c.reported_at > now() - make_interval(days => ${DUPLICATE_DAYS})
          and st_dwithin(c.location::geography, ${point}::geography, ${q.radiusM})
          ${q.excludeId ? sql`and c.id <> ${q.excludeId}` : sql``}
        order by st_distance(c.location::geography, ${point}::geography), c.id
        limit 10`,
  );
}
