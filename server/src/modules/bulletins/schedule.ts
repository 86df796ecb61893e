import { addDays, mondayOf } from '../scores/weeks.ts';

export const BULLETIN_KINDS = ['daily', 'weekly', 'monthly'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** A bulletin that is due: its kind and the district days it covers (inclusive). */
export interface DueBulletin {
  kind: BulletinKind;
  from: string;
  to: string;
}

/** The working day before `day` (searching back at most a month; holidays never last that long). */
export function previousWorkday(day: string, isWorkday: (d: string) => boolean): string {
  let d = addDays(day, -1);
  for (let i = 0; i < 31 && !isWorkday(d); i++) d = addDays(d, -1);
  return d;
}

/** True when `day` is the first working day on or after `first` (the first working day of a week or month). */
function firstWorkdayFrom(first: string, day: string, isWorkday: (d: string) => boolean): boolean {
  if (!isWorkday(day)) return false;
  for (let d = first; d < day; d = addDays(d, 1)) if (isWorkday(d)) return false;
  return true;
}

/**
 * The bulletins due on a district day (docs/supervision-scores.md, "Bulletins"): on a working day, the daily
 * bulletin covering every day since the previous working day up to yesterday (Monday's covers Friday to Sunday;
 * the first day after a holiday covers the holiday); on the first working day of a week, the weekly one for the
 * last week (Monday–Sunday); on the first working day of a month, the monthly review of the last month.
 */
export function dueOn(day: string, isWorkday: (d: string) => boolean): DueBulletin[] {
  if (!isWorkday(day)) return [];
  const out: DueBulletin[] = [{ kind: 'daily', from: previousWorkday(day, isWorkday), to: addDays(day, -1) }];
  const monday = mondayOf(day);
  if (firstWorkdayFrom(monday, day, isWorkday)) {
    out.push({ kind: 'weekly', from: addDays(monday, -7), to: addDays(monday, -1) });
  }
  const first = `${day.slice(0, 8)}01`;
  if (firstWorkdayFrom(first, day, isWorkday)) {
    const lastMonthEnd = addDays(first, -1);
    out.push({ kind: 'monthly', from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd });
  }
  return out;
}
