import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import type { Localized } from '../../infra/validation-messages.ts';
import { spatialProblems, stageLayer } from './boundary-staging.ts';
import { type FeatureProblem, validateLayer } from './commands/validate-geojson.ts';
import { withMessages } from './problem-messages.ts';

/** Points that leave a node's outline and points that enter it. */
interface Moves {
  out: number;
  in: number;
}

/** What re-importing one feature would change: both outlines, their areas, and what lies between them. */
export interface FeatureChange {
  feature: number;
  code: string;
  level: string;
  name: string;
  isNew: boolean;
  oldGeometry: unknown;
  newGeometry: unknown;
  oldAreaM2: number | null;
  newAreaM2: number;
  /** null when the new outline is not a valid polygon, so nothing can be counted against it */
  cases: Moves | null;
  buildings: Moves | null;
  households: Moves | null;
}

/** The preview of a boundary import: per feature, the grid-level totals, and whatever would refuse it. */
export interface BoundaryPreview {
  features: FeatureChange[];
  /** open cases, buildings and households whose grid (by location) would differ, each counted once */
  inOtherGrid: { cases: number; buildings: number; households: number };
  problems: (FeatureProblem & { message: Localized })[];
}

const OPEN = sql`c.state not in ('closed', 'rejected') and c.location is not null`;

/** Counts of points whose position relative to old (o) and new (i) outline differs, by direction. */
function movesSql(from: SQL, point: SQL) {
  return sql`case when st_isvalid(i.geom) then json_build_object(
      'out', (select count(*)::int ${from} and st_intersects(o.geom, ${point}) and not st_intersects(i.geom, ${point})),
      'in', (select count(*)::int ${from} and st_intersects(i.geom, ${point})
        and (o.geom is null or not st_intersects(o.geom, ${point})))) end`;
}

/** Points in the changed area whose grid would differ: inside one of the grid's outlines but not the other. */
function otherGridSql(from: SQL, point: SQL) {
  return sql`select count(*)::int as n ${from} and ${point} && (select st_setsrid(st_extent(g)::geometry, 4326) from changed)
    and exists (select 1 from changed x where st_intersects(x.new_geom, ${point})
      is distinct from coalesce(st_intersects(x.old_geom, ${point}), false))`;
}

/**
 * What importing a boundary layer would change, without writing anything: each feature's old and new outline
 * and area, how many open cases, buildings and households would leave or enter it, and the problems that
 * would make the import refuse. Existing cases keep their grid whatever the outline; the counts say how many
 * would be filed in another grid if they were reported today.
 */
export async function previewBoundaries(
  db: Db,
  input: unknown,
  scopes: string[] | null,
): Promise<BoundaryPreview> {
  const { features, problems } = validateLayer(input, scopes);
  if (problems.length) throw new AppError('GEOJSON_INVALID', 422, withMessages(problems));
  return db.transaction(async (tx) => {
    await stageLayer(tx, features);
    const found = await spatialProblems(tx);
    const changes = await rows<FeatureChange>(
      tx,
      sql`select i.idx as feature, i.code, i.level, i.name, o.id is null as "isNew",
            st_asgeojson(o.geom, 6)::json as "oldGeometry", st_asgeojson(i.geom, 6)::json as "newGeometry",
            round(st_area(o.geom::geography))::float8 as "oldAreaM2",
            round(st_area(i.geom::geography))::float8 as "newAreaM2",
            ${movesSql(sql`from cases c where ${OPEN}`, sql`c.location`)} as cases,
            ${movesSql(sql`from buildings b where b.geom is not null`, sql`b.geom`)} as buildings,
            ${movesSql(
              sql`from households h join houses hs on hs.id = h.house_id join buildings b on b.id = hs.building_id
                  where b.geom is not null`,
              sql`b.geom`,
            )} as households
          from imp i left join org_nodes o on o.code = i.code order by i.idx`,
    );
    await tx.execute(sql`create temp table changed on commit drop as
      select i.geom as new_geom, o.geom as old_geom, coalesce(st_collect(i.geom, o.geom), i.geom) as g
      from imp i left join org_nodes o on o.code = i.code where i.level = 'grid' and st_isvalid(i.geom)`);
    const count = async (from: SQL, point: SQL) =>
      (await one<{ n: number }>(tx, otherGridSql(from, point)))?.n ?? 0;
    const inOtherGrid = {
      cases: await count(sql`from cases c where ${OPEN}`, sql`c.location`),
      buildings: await count(sql`from buildings b where b.geom is not null`, sql`b.geom`),
      households: await count(
        sql`from households h join houses hs on hs.id = h.house_id join buildings b on b.id = hs.building_id
            where b.geom is not null`,
        sql`b.geom`,
      ),
    };
    return { features: changes, inOtherGrid, problems: withMessages(found) };
  });
}
