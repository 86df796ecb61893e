import { NEARBY_CLOSED_DAYS, NEARBY_EXCLUDED_CATEGORIES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { PUBLIC_PHOTO, type PublicCaseRow, selectPublicCases } from '../cases/public-queries.ts';
import { searchBoxDegrees } from './search-box.ts';

const EXCLUDED = sql.join(
  NEARBY_EXCLUDED_CATEGORIES.map((code) =>
    code.length === 2 ? sql`c.category_code like ${`${code}.%`}` : sql`c.category_code = ${code}`,
  ),
  sql` or `,
);

/**
 * The public cases near a point for the resident's map (FixMyStreet's "reports nearby"): read through the
 * public case query (public columns of public cases only), then narrowed to what a neighbour may see — no
 * rejected or merged reports, no category of NEARBY_EXCLUDED_CATEGORIES, closed ones only for 30 days —
 * nearest first. The box uses the location index; the distance orders what is inside it.
 */
export function listNearbyCases(
  db: Db,
  at: { lng: number; lat: number; radiusM: number; limit: number },
): Promise<(PublicCaseRow & { distanceM: number })[]> {
  const { dLng, dLat } = searchBoxDegrees(at.lat, at.radiusM);
  const point = sql`st_setsrid(st_point(${at.lng}, ${at.lat}), 4326)`;
  return selectPublicCases(
    db,
    sql`c.location && st_makeenvelope(${at.lng - dLng}, ${at.lat - dLat}, ${at.lng + dLng}, ${at.lat + dLat}, 4326)
        and st_dwithin(c.location::geography, ${point}::geography, ${at.radiusM})
        and c.state <> 'rejected' and c.master_case_id is null
        and (c.state <> 'closed' or c.closed_at > now() - ${`${NEARBY_CLOSED_DAYS} days`}::interval)
        and not (${EXCLUDED})`,
    { limit: at.limit, offset: 0 },
  ).then(async (found) => {
    if (!found.length) return [];
    const distances = await rows<{ id: number; m: number }>(
      db,
      sql`select id, round(st_distance(location::geography, ${point}::geography))::int as m from cases
          where id in (${sql.join(
            found.map((c) => sql`${c.id}`),
            sql`, `,
          )})`,
    );
    const byId = new Map(distances.map((d) => [d.id, d.m]));
    return found
      .map((c) => ({ ...c, distanceM: byId.get(c.id) ?? 0 }))
      .sort((a, b) => a.distanceM - b.distanceM);
  });
}

/** The first photo of each case that staff approved for the public (it may show faces or number plates). */
export async function approvedPhotos(db: Db, caseIds: number[]): Promise<Map<number, string>> {
  if (!caseIds.length) return new Map();
  const found = await rows<{ caseId: number; id: string }>(
    db,
    sql`select distinct on (p.case_id) p.case_id as "caseId", p.id::text as id from case_photos p
        where p.case_id in (${sql.join(
          caseIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and p.public_approved_at is not null and ${PUBLIC_PHOTO}
        order by p.case_id, p.created_at, p.id`,
  );
  return new Map(found.map((p) => [p.caseId, p.id]));
}
