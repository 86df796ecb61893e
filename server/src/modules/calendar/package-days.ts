import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** What the chinese-days package says about one day. */
export interface PackageDay {
  /** 'holiday' (public holiday, including its bridging weekend days), 'makeup' (调休 working weekend day),
   * 'weekend', 'workday' */
  kind: 'holiday' | 'makeup' | 'weekend' | 'workday';
  isWorkday: boolean;
  /** the festival a holiday or make-up day belongs to */
  nameZh: string | null;
  nameEn: string | null;
}

// Entries read "English name,中文名,n" (n numbers the festival); the package's functions parse dates in the
// server's local time zone, so the calendar reads its data file and keeps days as plain 'YYYY-MM-DD' text.
const holidays: Record<string, string> = holidayData.holidays;
const makeUpDays: Record<string, string> = holidayData.workdays;

/** Years the package has holiday data for (2004 onwards, up to the latest State Council notice it ships). */
export const PACKAGE_YEARS: ReadonlySet<number> = new Set(
  Object.keys(holidays).map((d) => Number(d.slice(0, 4))),
);

/** Day of the week of a 'YYYY-MM-DD' date, 0 = Sunday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function named(entry: string): { nameZh: string; nameEn: string } {
  const [en = '', zh = ''] = entry.split(',');
  return { nameZh: zh, nameEn: en };
}

/** The package's view of a day; outside the years it covers, only weekends are days off. */
export function packageDay(day: string): PackageDay {
  const holiday = holidays[day];
  if (holiday) return { kind: 'holiday', isWorkday: false, ...named(holiday) };
  const makeUp = makeUpDays[day];
  if (makeUp) return { kind: 'makeup', isWorkday: true, ...named(makeUp) };
  const weekday = weekdayOf(day);
  const weekend = weekday === 0 || weekday === 6;
  return { kind: weekend ? 'weekend' : 'workday', isWorkday: !weekend, nameZh: null, nameEn: null };
}
