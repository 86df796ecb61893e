import { invalid } from '../../infra/errors.ts';

/**
 * The district's wall clock. Chinese districts all keep UTC+8 (no daylight saving), so calendar days of
 * reports and ledgers are fixed-offset days; a day is [00:00, 24:00) +08:00.
 */
export const DISTRICT_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3600_000;

/** A period of whole district days, from and to inclusive, as the instants [start, end). */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** The district calendar day (YYYY-MM-DD) of an instant. */
export function districtDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a district day starts, or null for text that is not a real calendar date. */
export function dayStart(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const at = new Date(`${day}T00:00:00${DISTRICT_OFFSET}`);
  // rejects 2025-02-30 and the like, which Date would roll over into the next month
  return Number.isNaN(at.getTime()) || districtDay(at) !== day ? null : at;
}

/** The instant after the last moment of a district day. */
export function dayEnd(day: string): Date | null {
  const start = dayStart(day);
  return start ? new Date(start.getTime() + 24 * 3600_000) : null;
}

/** A checked period; defaults to the current month up to today. 400 for bad dates or from after to. */
export function periodOf(from: string | undefined, to: string | undefined, now = new Date()): Period {
  const today = districtDay(now);
  const f = from ?? `${today.slice(0, 8)}01`;
  const t = to ?? today;
  const start = dayStart(f);
  const end = dayEnd(t);
  if (!start) throw invalid([{ field: '/from', message: 'not a calendar date' }]);
  if (!end) throw invalid([{ field: '/to', message: 'not a calendar date' }]);
  if (end <= start) throw invalid([{ field: '/to', message: 'must not be before from' }]);
  return { from: f, to: t, start, end };
}
