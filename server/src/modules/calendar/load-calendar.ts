import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { packageDay } from './package-days.ts';
import { DEFAULT_WORKING_HOURS, periodProblems, WorkCalendar, type WorkingPeriod } from './work-calendar.ts';

/** The settings key holding `{ periods: [['08:30', '12:00'], …] }`. */
export const WORKING_HOURS_KEY = 'working_hours';

/** How long a process keeps a loaded calendar; changes made in another process show within this time. */
export const CALENDAR_CACHE_MS = 60_000;

/** An administrator's decision about one day, which beats the package's data. */
export interface CalendarOverride {
  day: string;
  isWorkday: boolean;
  note: string | null;
}

/** The working periods in force: the setting when it holds a valid list, otherwise the defaults. */
export async function readWorkingHours(db: Db): Promise<WorkingPeriod[]> {
  const row = await one<{ value: { periods?: unknown } }>(
    db,
    sql`select value from settings where key = ${WORKING_HOURS_KEY}`,
  );
  const periods = row?.value?.periods;
  const valid =
    Array.isArray(periods) &&
    periods.every((p) => Array.isArray(p) && p.every((x) => typeof x === 'string')) &&
    periodProblems(periods as string[][]).length === 0;
  return valid ? (periods as [string, string][]) : DEFAULT_WORKING_HOURS.map(([s, e]) => [s, e]);
}

/** Every override, optionally only those of one year. */
export function readOverrides(db: Db, year?: number): Promise<CalendarOverride[]> {
  const where = year ? sql`where day between ${`${year}-01-01`} and ${`${year}-12-31`}` : sql``;
  return rows<CalendarOverride>(
    db,
    sql`select day, is_workday as "isWorkday", note from calendar_overrides ${where} order by day`,
  );
}

/** The working-day rule: an override when there is one, else the package's holidays and 调休 days. */
export function workdayRule(overrides: readonly CalendarOverride[]): (day: string) => boolean {
  const decided = new Map(overrides.map((o) => [o.day, o.isWorkday]));
  return (day) => decided.get(day) ?? packageDay(day).isWorkday;
}

// Entries from before the latest invalidation are stale; a generation number needs no list of handles.
let generation = 0;
const cache = new WeakMap<Db, { generation: number; expires: number; calendar: Promise<WorkCalendar> }>();

/**
 * The district calendar (package data + overrides + working hours), cached per database handle for
 * CALENDAR_CACHE_MS; changes made through this process drop the cache at once (invalidateCalendar).
 */
export function loadCalendar(db: Db): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && hit.generation === generation && hit.expires > Date.now()) return hit.calendar;
  const calendar = (async () =>
    new WorkCalendar(workdayRule(await readOverrides(db)), await readWorkingHours(db)))();
  cache.set(db, { generation, expires: Date.now() + CALENDAR_CACHE_MS, calendar });
  calendar.catch(() => {
    if (cache.get(db)?.calendar === calendar) cache.delete(db);
  });
  return calendar;
}

/** Forgets every cached calendar; call after a committed change to overrides or working hours. */
export function invalidateCalendar(): void {
  generation++;
}
