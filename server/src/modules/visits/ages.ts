import { type SQL, sql } from 'drizzle-orm';

/** A person's age in whole years on a day (a date or timestamp expression), from the archive's birth date. */
export function ageOn(p: SQL, day: SQL): SQL {
  return sql`date_part('year', age((${day})::date, ${p}.birth_date))::int`;
}

/** The people who count as residents (not moved out or deceased/注销). */
export function isResident(p: SQL): SQL {
  return sql`${p}.status = 'resident'`;
}
