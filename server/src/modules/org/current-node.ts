import { type SQL, sql } from 'drizzle-orm';

/**
 * The condition for an org node (aliased `alias`, or unaliased) to be in force today: a re-imported boundary
 * ends the old grid (valid_to) and starts the new one (valid_from), and only the grid in force takes a point.
 */
export function inForceSql(alias?: string): SQL {
  const col = (c: string) => (alias ? sql.raw(`${alias}.${c}`) : sql.raw(c));
  return sql`${col('valid_from')} <= current_date and (${col('valid_to')} is null or ${col('valid_to')} > current_date)`;
}
