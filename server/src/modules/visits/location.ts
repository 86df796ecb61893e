import { type SQL, sql } from 'drizzle-orm';

/**
 * Where a household is, as a PostGIS point, for the check-in distance, the "nearest first" list and the
 * location of the cases its needs become. The archive places households in buildings with coordinates;
 * until a household has one, its grid's representative point stands in for it (`precise` false).
 */
export function householdPoint(h: SQL): SQL {
  return sql`(select st_pointonsurface(g.geom) from org_nodes g where g.id = ${h}.grid_id)`;
}

/** Whether the household's point is its own building's (not the grid's stand-in). */
export function householdPointPrecise(_h: SQL): SQL {
  return sql`false`;
}

/** A check-in farther than this from the household's point is flagged (phones stray tens of metres). */
export const FAR_METRES = 200;
