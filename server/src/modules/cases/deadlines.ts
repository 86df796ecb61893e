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

/** How long a process keeps the stage limits; they change only through the settings table, like the calendar. */
export const STAGE_LIMITS_CACHE_MS = 60_000;

// Every workflow command builds a Deadlines; reading the setting each time cost a round trip per command.
const limitsCache = new WeakMap<Db, { expires: number; limits: Promise<Record<string, Amount>> }>();

/** The stage limits in force (defaults overlaid by the setting), cached per database handle. */
function stageLimits(db: Db): Promise<Record<string, Amount>> {
  const hit = limitsCache.get(db);
  if (hit && hit.expires > Date.now()) return hit.limits;
  const limits = setting(db, 'stage_limits', DEFAULT_STAGE_LIMITS).then((l) => ({
    ...DEFAULT_STAGE_LIMITS,
    ...l,
  }));
  limitsCache.set(db, { expires: Date.now() + STAGE_LIMITS_CACHE_MS, limits });
  limits.catch(() => {
    if (limitsCache.get(db)?.limits === limits) limitsCache.delete(db);
  });
  return limits;
}

/** Drops the cached stage limits of a database handle, so a changed setting applies at once in this process. */
export function forgetStageLimits(db: Db): void {
  limitsCache.delete(db);
}

/** Working-time clock of the district: deadlines and elapsed working minutes. */
export class Deadlines {
  constructor(
    readonly calendar: WorkCalendar,
    private readonly stageLimits: Record<string, Amount>,
  ) {}

  /** Loads the calendar and the stage limits (both cached per process for a minute). */
  static async load(db: Db): Promise<Deadlines> {
    const [calendar, limits] = await Promise.all([loadCalendar(db), stageLimits(db)]);
    return new Deadlines(calendar, limits);
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
