import { type SQL, sql } from 'drizzle-orm';
import { NOT_CARE_ALERT, type Window } from '../case-reports/kpi-definitions.ts';
import { dayStart } from '../case-reports/period.ts';
import { nextDay } from './summary-rows.ts';

/**
 * 复发率's numerator for the closings the stored rollups cannot answer for (migration 0170, docs/kpis.md
 * "Recurrences settle"): a closing can still be made a recurrence for 30 days, so the rollups count recurrences
 * only on the days up to `settled`, and the closings of the window after it are counted here from the cases,
 * in the partial index of recurred closings (`cases_recurred_closed`: closing time, org code, id, unit).
 */

/** The instant from which a window's recurred closings are counted live: the window's start, or later. */
export function liveRecurrenceStart(w: Window, settled: string | null): Date {
  if (settled === null) return w.start;
  return new Date(Math.max(dayStart(nextDay(settled))!.getTime(), w.start.getTime()));
}

/**
 * One row (key, n) per group: the recurred closings of `[from, w.endAt)` under `orgPattern` (a LIKE pattern),
 * held by `unit` when given, keyed as a rollup query keys its rows (`key`: SQL over `c`) and kept by `narrow`.
 */
export function liveRecurredSql(
  w: Window,
  from: Date,
  orgPattern: string,
  unit: number | undefined,
  key: SQL,
  narrow: SQL,
): SQL {
  const held = unit === undefined ? sql`true` : sql`c.unit_id = ${unit}`;
  return sql`select ${key} as key, count(*)::int as n from cases c
    where c.recurred_at is not null and c.state = 'closed'
      and c.closed_at >= ${from.toISOString()}::timestamptz and c.closed_at < ${w.endAt.toISOString()}::timestamptz
      and c.org_code like ${orgPattern} and ${held} and ${narrow} and ${NOT_CARE_ALERT}
    group by 1`;
}
