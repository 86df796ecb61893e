import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { invalidateCalendar, readWorkingHours, WORKING_HOURS_KEY } from '../load-calendar.ts';
import { periodProblems, type WorkingPeriod } from '../work-calendar.ts';
import type { CalendarChangedBy } from './save-override.ts';

/** Replaces the working periods of a working day; CALENDAR_INVALID (400) unless they are well-formed. */
export async function setWorkingHours(
  db: Db,
  periods: string[][],
  by: CalendarChangedBy,
): Promise<WorkingPeriod[]> {
  const problems = periodProblems(periods).map((p) => ({ ...p, field: `body/${p.field}` }));
  if (problems.length > 0) throw new AppError('CALENDAR_INVALID', 400, problems);
  const after = periods.map(([s, e]) => [s, e] as [string, string]);
  await db.transaction(async (tx) => {
    const before = await readWorkingHours(tx);
    await tx.execute(
      sql`insert into settings (key, value) values (${WORKING_HOURS_KEY}, ${JSON.stringify({ periods: after })}::jsonb)
          on conflict (key) do update set value = excluded.value, updated_at = now()`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'calendar.hours.set',
      entity: 'setting',
      entityId: WORKING_HOURS_KEY,
      scopeCode: by.scopeCode,
      before: { periods: before },
      after: { periods: after },
      ip: by.ip,
    });
  });
  invalidateCalendar();
  return after;
}
