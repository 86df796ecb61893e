import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { recordSightings } from './record-sightings.ts';

/**
 * A staff member saw the elder (见到了) or spoke to them on the phone (已电话联系): a sighting, and on an open
 * alert an act that stops its escalation (someone is on it; the alert stays open until its outcome is
 * recorded). One tap from the phone, so it is idempotent per minute: a double tap counts once.
 */
export async function markSeen(
  db: Db,
  actor: Actor,
  person: { id: number; code: string },
  how: 'staff' | 'call',
  ip: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const minute = Math.floor(now.getTime() / 60_000);
    await recordSightings(tx, [
      {
        personId: person.id,
        seenAt: now,
        source: how,
        dedupeKey: `${how}:${actor.userId}:${person.id}:${minute}`,
      },
    ]);
    const acted = await tx.execute<{ caseId: number }>(
      sql`update care_alerts set acted_at = ${now}, acted_by = ${actor.userId}
          where person_id = ${person.id} and closed_at is null and acted_at is null returning case_id as "caseId"`,
    );
    for (const a of acted.rows) {
      await tx.execute(
        sql`insert into care_alert_steps (case_id, at, kind, level, actor_id, note)
            values (${a.caseId}, ${now}, 'acted', 0, ${actor.userId}, ${how === 'call' ? '已电话联系' : '见到了'})`,
      );
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      action: how === 'call' ? 'care.called' : 'care.seen',
      entity: 'person',
      entityId: person.id,
      scopeCode: person.code,
      ip,
    });
  });
}
