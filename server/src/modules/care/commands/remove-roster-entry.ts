import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { notFound } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import type { RosterEntry } from '../roster-queries.ts';

/** Takes a name off an area's roster, with what it was in the audit row. Alerts already told keep their steps. */
export async function removeRosterEntry(db: Db, actor: Actor, entry: RosterEntry, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await one(tx, sql`delete from care_roster where id = ${entry.id} returning id`);
    if (!gone) throw notFound();
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'care.roster.remove',
      entity: 'care_roster',
      entityId: entry.id,
      scopeCode: entry.code,
      before: { userId: entry.userId, fromDay: entry.fromDay, toDay: entry.toDay },
      ip,
    });
  });
}
