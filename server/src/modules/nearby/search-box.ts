/** A lon/lat search box around a point, for the map's "nearby" queries (cases near a resident, grids near a point). */

/** Metres per degree of latitude, rounded down (the WGS84 minimum is 110,574), so boxes err on the large side. */
const M_PER_DEGREE = 110_000;

/**
 * The half-width and half-height in degrees of a lon/lat box that contains every point within radiusM metres
 * of a point at latitude lat: the distance test on geography cannot use the GiST index of `cases.location` (a
 * geometry), the box can, so it narrows a million cases to the few around the point before the exact test.
 * (The intake's probes, duplicates and recurrences, list place cells instead: place_cells of migration 0165.)
 * Near the poles the box spans every longitude; it does not wrap the antimeridian, where no district lies.
 */
export function searchBoxDegrees(lat: number, radiusM: number): { dLng: number; dLat: number } {
  const dLat = radiusM / M_PER_DEGREE;
  const edge = Math.abs(lat) + dLat;
  return { dLng: edge >= 89 ? 360 : dLat / Math.cos((edge * Math.PI) / 180), dLat };
}
