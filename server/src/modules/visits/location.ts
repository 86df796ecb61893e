import { type SQL, sql } from 'drizzle-orm';

/**
 * Where a household is, as a PostGIS point, for the check-in distance, the "nearest first" list and the
 * location of the cases its needs become: its building's point (the archive places every household in a
 * house of a building), or its grid's representative point for a building without one.
 */
export function householdPoint(h: SQL): SQL {
  return sql`(select coalesce(b.geom, st_pointonsurface(g.geom)) from houses ho
      join buildings b on b.id = ho.building_id join org_nodes g on g.id = b.grid_id
    where ho.id = ${h}.house_id)`;
}

/** The building of a household (`b`), joined after `households h`. */
export const HOUSEHOLD_BUILDING = sql`join houses ho on ho.id = h.house_id join buildings b on b.id = ho.building_id`;

/** A check-in farther than this from the household's point is flagged (phones stray tens of metres). */
export const FAR_METRES = 200;
