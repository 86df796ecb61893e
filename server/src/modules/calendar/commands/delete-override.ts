import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { notFound } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { invalidateCalendar } from '../load-calendar.ts';
import { findOverride } from '../queries.ts';
import { assertDay, type CalendarChangedBy } from './save-override.ts';

/** Removes an override so the package's data decides the day again; 404 when there is none. */
export async function deleteOverride(db: Db, day: string, by: CalendarChangedBy): Promise<void> {
  assertDay(day);
  await db.transaction(async (tx) => {
    const before = await findOverride(tx, day);
    if (!before) throw notFound();
    await tx.execute(sql`delete from calendar_overrides where day = ${day}`);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'calendar.override.delete',
      entity: 'calendar_override',
      entityId: day,
      scopeCode: by.scopeCode,
      before,
      ip: by.ip,
    });
  });
  invalidateCalendar();
}
