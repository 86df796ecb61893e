import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { type CalendarOverride, readOverrides } from './load-calendar.ts';
import { PACKAGE_YEARS, packageDay } from './package-days.ts';

/** One day of the district calendar as the console shows it. */
export interface CalendarDay {
  date: string;
  isWorkday: boolean;
  /** who decided: an administrator's override, a plain weekend, or the package (holidays, 调休, weekdays) */
  source: 'package' | 'override' | 'weekend';
  /** what the package says the day is, whatever the override decided */
  kind: 'holiday' | 'makeup' | 'weekend' | 'workday';
  /** the festival of a holiday or 调休 make-up working day */
  holidayZh: string | null;
  holidayEn: string | null;
  /** the administrator's note on an override */
  note: string | null;
}

/** The local dates of a year, 'YYYY-MM-DD'. */
export function daysOfYear(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Every day of a year with its working status and where that status comes from. */
export async function calendarYear(
  db: Db,
  year: number,
): Promise<{ days: CalendarDay[]; packageCoversYear: boolean }> {
  const overrides = new Map((await readOverrides(db, year)).map((o) => [o.day, o]));
  const days = daysOfYear(year).map((date): CalendarDay => {
    const pkg = packageDay(date);
    const override = overrides.get(date);
    const base = { date, kind: pkg.kind, holidayZh: pkg.nameZh, holidayEn: pkg.nameEn };
    if (override) return { ...base, isWorkday: override.isWorkday, source: 'override', note: override.note };
    return {
      ...base,
      isWorkday: pkg.isWorkday,
      source: pkg.kind === 'weekend' ? 'weekend' : 'package',
      note: null,
    };
  });
  return { days, packageCoversYear: PACKAGE_YEARS.has(year) };
}

/** The override of one day, or null. */
export function findOverride(db: Db, day: string): Promise<CalendarOverride | null> {
  return one<CalendarOverride>(
    db,
    sql`select day, is_workday as "isWorkday", note from calendar_overrides where day = ${day}`,
  );
}
