import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { loadCalendar } from '../calendar/load-calendar.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { Category } from '../categories/queries.ts';

export type Amount = { value: number; unit: 'hour' | 'day' };
export type Stage = 'accept' | 'dispatch' | 'sign' | 'dispose' | 'check' | 'report_in';

const DEFAULT_STAGE_LIMITS: Record<Exclude<Stage, 'dispose'>, Amount> = {
  accept: { value: 1, unit: 'hour' },
  dispatch: { value: 1, unit: 'hour' },
  sign: { value: 1, unit: 'hour' },
  check: { value: 4, unit: 'hour' },
  report_in: { value: 2, unit: 'hour' },
};

/** Reads a numeric or JSON setting, falling back to a default. */
export async function setting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await one<{ value: T }>(db, sql`select value from settings where key = ${key}`);
  return row?.value ?? fallback;
}

/** Working-time clock of the district: deadlines and elapsed working minutes. */
export class Deadlines {
  constructor(
    readonly calendar: WorkCalendar,
    private readonly stageLimits: Record<string, Amount>,
  ) {}

  /** Loads the calendar and the stage limits. */
  static async load(db: Db): Promise<Deadlines> {
    const limits = await setting(db, 'stage_limits', DEFAULT_STAGE_LIMITS);
    return new Deadlines(await loadCalendar(db), { ...DEFAULT_STAGE_LIMITS, ...limits });
  }

  /** The deadline of a stage that starts at `from` (disposal uses the category's limit by urgency). */
  stageDeadline(
    stage: Stage,
    from: Date,
    category?: Category,
    urgency: 'normal' | 'urgent' | 'critical' = 'normal',
  ): Date {
    if (stage === 'dispose') return this.calendar.addWorkingTime(from, this.disposalLimit(category, urgency));
    return this.calendar.addWorkingTime(from, this.stageLimits[stage] ?? DEFAULT_STAGE_LIMITS.accept);
  }

  /** The category's disposal limit for an urgency, falling back to normal and then to 2 working days. */
  disposalLimit(category: Category | undefined, urgency: 'normal' | 'urgent' | 'critical'): Amount {
    const limits = (category?.limits ?? {}) as Partial<Record<string, Amount>>;
    return limits[urgency] ?? limits.normal ?? { value: 2, unit: 'day' };
  }

  /** Share of a stage's working time used at `now`: < 0.8 green, ≤ 1 yellow, above red. */
  light(start: Date | null, deadline: Date | null, now = new Date()): 'green' | 'yellow' | 'red' | null {
    if (!start || !deadline) return null;
    const total = this.calendar.workingMinutesBetween(start, deadline);
    const used = this.calendar.workingMinutesBetween(start, now);
    if (now > deadline) return 'red';
    if (total <= 0) return 'yellow';
    const share = used / total;
    return share < 0.8 ? 'green' : share <= 1 ? 'yellow' : 'red';
  }
}
