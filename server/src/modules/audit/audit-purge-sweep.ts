import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';

/** The shortest retention the database accepts (its trigger refuses younger deletions, whatever this says). */
const FLOOR_DAYS = 180;

/**
 * Deletes up to `batch` audit rows older than the retention (AUDIT_RETENTION_DAYS, never below 180 days);
 * returns how many. Several processes may run it at once: a row deleted by one is skipped by the others.
 */
export async function purgeAudit(db: Db, retentionDays: number, batch = 1_000): Promise<number> {
  const days = Math.max(retentionDays, FLOOR_DAYS);
  const { rows } = await db.execute<{ id: number }>(
    sql`delete from audit_log where id in (
          select id from audit_log where at < now() - make_interval(days => ${days}::int)
          order by id limit ${batch}::int for update skip locked)
        returning id`,
  );
  return rows.length;
}

/** The periodic purge of old audit rows, every six hours, when AUDIT_RETENTION_DAYS is set. */
export function auditPurgeSweep(db: Db, retentionDays: number): Sweep {
  return { name: 'audit-purge', everyMs: 6 * 3_600_000, run: () => purgeAudit(db, retentionDays) };
}
