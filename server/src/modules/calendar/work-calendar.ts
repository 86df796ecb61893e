/**
 * Working time on the district calendar, without a database: which days are working days (a function the
 * caller builds from holidays and overrides) and the working periods of a working day, in China Standard
 * Time (UTC+8, no daylight saving). Rules: docs/calendar.md.
 */

/** A working period of the day as 'HH:MM' start and end, end exclusive. */
export type WorkingPeriod = readonly [string, string];

/** A time limit in working hours or working days. */
export interface WorkingAmount {
  value: number;
  unit: 'hour' | 'day';
}

/** 08:30–12:00 and 13:30–17:30, the usual office hours of a district government. */
export const DEFAULT_WORKING_HOURS: readonly WorkingPeriod[] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];

/** Asia/Shanghai has been UTC+8 all year since 1991. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far to look for the next working day before deciding the calendar has none (ten years). */
const SEARCH_DAYS = 3660;
const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * What is wrong with a list of working periods: each 'HH:MM'–'HH:MM' (24:00 allowed as an end), each
 * ending after it starts, in increasing order without overlapping; between one and six periods.
 */
export function periodProblems(
  periods: readonly (readonly string[])[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (periods.length < 1 || periods.length > 6) {
    problems.push({ field: 'periods', message: 'give between one and six periods' });
  }
  let previousEnd = -1;
  periods.forEach((p, i) => {
    const field = `periods/${i}`;
    const [start, end] = p;
    if (p.length !== 2 || !start || !end || !HHMM.test(start) || !HHMM.test(end) || start === '24:00') {
      problems.push({ field, message: 'must be two times HH:MM' });
      return;
    }
    if (minutesOf(end) <= minutesOf(start)) problems.push({ field, message: 'must end after it starts' });
    if (minutesOf(start) < previousEnd)
      problems.push({ field, message: 'overlaps or precedes the previous period' });
    previousEnd = minutesOf(end);
  });
  return problems;
}

/** Working days and hours, with deadline arithmetic in working time. */
export class WorkCalendar {
  /** working periods as [start, end) minutes after midnight */
  private readonly spans: readonly { start: number; end: number }[];
  private readonly offset: number;

  /**
   * isWorkday answers for a local date 'YYYY-MM-DD'; periods must pass periodProblems (else a RangeError).
   */
  constructor(
    private readonly workday: (day: string) => boolean,
    readonly periods: readonly WorkingPeriod[] = DEFAULT_WORKING_HOURS,
    offsetMinutes = CHINA_UTC_OFFSET_MINUTES,
  ) {
    const problems = periodProblems(periods);
    if (problems.length > 0) throw new RangeError(`invalid working periods: ${JSON.stringify(problems)}`);
    this.spans = periods.map(([s, e]) => ({ start: minutesOf(s), end: minutesOf(e) }));
    this.offset = offsetMinutes * MINUTE;
  }

  /** True when the local date 'YYYY-MM-DD' is a working day. */
  isWorkday(day: string): boolean {
    return this.workday(day);
  }

  /** Working minutes in one working day (450 with the default hours). */
  get dayMinutes(): number {
    return this.spans.reduce((sum, s) => sum + s.end - s.start, 0);
  }

  /** The local date 'YYYY-MM-DD' of an instant. */
  dayOf(t: Date): string {
    return this.dayString(this.dayIndex(t.getTime()));
  }

  /** True when the instant lies inside a working period of a working day. */
  isWorkingTime(t: Date): boolean {
    const ms = t.getTime();
    return this.nextSpan(ms).start <= ms;
  }

  /** The instant itself when it is working time, otherwise the start of the next working period. */
  nextWorkingInstant(t: Date): Date {
    const ms = t.getTime();
    return new Date(Math.max(ms, this.nextSpan(ms).start));
  }

  /**
   * The deadline `amount` of working time after start. Hours walk the working minutes (nights, days off and
   * lunch do not count; a deadline falling exactly on a period's end stays there). Days land on the same
   * working time of day N working days later, counted from the next working instant when start is outside
   * working time; a fraction of a day is added as that share of a working day's hours.
   */
  addWorkingTime(start: Date, amount: WorkingAmount): Date {
    if (!(amount.value >= 0) || !Number.isFinite(amount.value)) throw new RangeError('amount must be ≥ 0');
    if (amount.unit === 'hour')
      return new Date(this.addMs(start.getTime(), Math.round(amount.value * 60 * MINUTE)));
    const whole = Math.floor(amount.value);
    const from = this.nextWorkingInstant(start).getTime();
    let index = this.dayIndex(from);
    const timeOfDay = from - this.dayStart(index);
    for (let left = whole, searched = 0; left > 0; searched++) {
      if (searched > SEARCH_DAYS) throw new RangeError('no working day within ten years');
      index++;
      if (this.workday(this.dayString(index))) left--;
    }
    const landed = this.dayStart(index) + timeOfDay;
    const rest = Math.round((amount.value - whole) * this.dayMinutes * MINUTE);
    return new Date(this.addMs(landed, rest));
  }

  /** Working minutes from a to b (0 when b is not after a); fractional when the instants carry seconds. */
  workingMinutesBetween(a: Date, b: Date): number {
    const from = a.getTime();
    const to = b.getTime();
    if (to <= from) return 0;
    let total = 0;
    for (let index = this.dayIndex(from); index <= this.dayIndex(to); index++) {
      if (!this.workday(this.dayString(index))) continue;
      const midnight = this.dayStart(index);
      for (const span of this.spans) {
        const overlap =
          Math.min(midnight + span.end * MINUTE, to) - Math.max(midnight + span.start * MINUTE, from);
        if (overlap > 0) total += overlap;
      }
    }
    return total / MINUTE;
  }

  /** ms of working time after `from`, walking period by period. */
  private addMs(from: number, amount: number): number {
    let t = from;
    let left = amount;
    while (left > 0) {
      const span = this.nextSpan(t);
      t = Math.max(t, span.start);
      if (left <= span.end - t) return t + left;
      left -= span.end - t;
      t = span.end;
    }
    return t;
  }

  /** The working period containing ms, or else the next one, as absolute ms. */
  private nextSpan(ms: number): { start: number; end: number } {
    const first = this.dayIndex(ms);
    for (let index = first; index <= first + SEARCH_DAYS; index++) {
      if (!this.workday(this.dayString(index))) continue;
      const midnight = this.dayStart(index);
      for (const span of this.spans) {
        const end = midnight + span.end * MINUTE;
        if (end > ms) return { start: midnight + span.start * MINUTE, end };
      }
    }
    throw new RangeError('no working day within ten years');
  }

  private dayIndex(ms: number): number {
    return Math.floor((ms + this.offset) / DAY);
  }

  private dayStart(index: number): number {
    return index * DAY - this.offset;
  }

  private dayString(index: number): string {
    return new Date(index * DAY).toISOString().slice(0, 10);
  }
}
