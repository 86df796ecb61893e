/** The district keeps China Standard Time (UTC+8, no daylight saving) whatever the browser's zone. */
const DISTRICT_OFFSET_MS = 8 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

function shifted(value: string | Date): Date | null {
  const at = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(at.getTime()) ? null : new Date(at.getTime() + DISTRICT_OFFSET_MS);
}

/** "YYYY-MM-DD HH:mm" in district time, or "—" for no value. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const d = value ? shifted(value) : null;
  if (!d) return '—';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "MM-DD HH:mm" in district time: compact, for tables and lists. */
export function formatShort(value: string | Date | null | undefined): string {
  const full = formatDateTime(value);
  return full === '—' ? full : full.slice(5);
}

/** The district calendar day (YYYY-MM-DD) of an instant, today by default. */
export function districtDay(at: Date = new Date()): string {
  return shifted(at)!.toISOString().slice(0, 10);
}

/** The day `days` after a YYYY-MM-DD day (negative for before). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week a YYYY-MM-DD day lies in (Chinese weeks start on Monday). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Whole minutes from now until an instant (negative when it has passed). */
export function minutesUntil(value: string): number {
  return Math.round((new Date(value).getTime() - Date.now()) / 60_000);
}
