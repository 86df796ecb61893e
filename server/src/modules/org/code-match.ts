import { type SQL, sql } from 'drizzle-orm';

/**
 * Org codes have a fixed length per level (district 6, street 9, community 12, grid 15: migration 0001), so the
 * longest, a grid's, is the prefix of no other code. A grid's cases are therefore matched by equality, which
 * the (org_code, sort column) indexes answer as one ordered range; the prefix match (`like 'code%'`) is a range
 * PostgreSQL cannot read in the list's order, so it fetched every case of the grid (≈ 15,000 at 5,000,000
 * cases) and sorted them for a page of 50 (docs/PERFORMANCE.md, "The list page at scale").
 */
export const GRID_CODE_LENGTH = 15;

/** The condition "the org code in `column` lies under `code`" (the node itself included). */
export function underOrg(column: SQL, code: string): SQL {
  return code.length === GRID_CODE_LENGTH ? sql`${column} = ${code}` : sql`${column} like ${`${code}%`}`;
}
