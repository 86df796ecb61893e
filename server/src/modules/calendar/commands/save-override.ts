import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { type CalendarOverride, invalidateCalendar } from '../load-calendar.ts';
import { findOverride } from '../queries.ts';

/** Who changes the calendar, for the audit row. */
export interface CalendarChangedBy {
  actorId: string | null;
  scopeCode: string | null;
  ip: string | null;
}

/** Throws CALENDAR_INVALID unless day is a real date 'YYYY-MM-DD' between 2000 and 2100. */
export function assertDay(day: string): void {
  const ok =
    /^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$/.test(day) &&
    !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
    new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  if (!ok)
    throw new AppError('CALENDAR_INVALID', 400, [
      { field: 'params/day', message: 'must be a date YYYY-MM-DD' },
    ]);
}

/** Makes a day a working day or a day off whatever the package says (e.g. a local holiday, a flood day). */
export async function saveOverride(
  db: Db,
  input: { day: string; isWorkday: boolean; note?: string | null },
  by: CalendarChangedBy,
): Promise<CalendarOverride> {
  assertDay(input.day);
  const after: CalendarOverride = {
    day: input.day,
    isWorkday: input.isWorkday,
    note: input.note?.trim() || null,
  };
  await db.transaction(async (tx) => {
    const before = await findOverride(tx, input.day);
    await tx.execute(
      sql`insert into calendar_overrides (day, is_workday, note) values (${after.day}, ${after.isWorkday}, ${after.note})
          on conflict (day) do update set is_workday = excluded.is_workday, note = excluded.note, updated_at = now()`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'calendar.override.set',
      entity: 'calendar_override',
      entityId: input.day,
      scopeCode: by.scopeCode,
      before: before ?? undefined,
      after,
      ip: by.ip,
    });
  });
  invalidateCalendar();
  return after;
}
