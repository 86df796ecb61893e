import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError, invalid } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { newCheckinToken } from '../checkin-token.ts';

export interface WatchChange {
  thresholdHours?: number;
  status?: 'home' | 'away' | 'hospital';
  statusUntil?: string | null;
  /** ends the watch (consent withdrawn, moved away …) with this reason */
  endReason?: string;
}

/**
 * Changes a watch: its threshold, its status (away or in hospital until a time pauses it; home resumes it and
 * the lapse counts from now, not from before the pause), or ends it. A watch already ended changes no more.
 */
export async function updateWatch(
  db: Db,
  actor: Actor,
  person: { id: number; code: string },
  change: WatchChange,
  ip: string,
  now = new Date(),
): Promise<void> {
  const sets = [sql`updated_at = ${now}`];
  if (change.thresholdHours !== undefined) sets.push(sql`threshold_hours = ${change.thresholdHours}`);
  if (change.status === 'home') sets.push(sql`status = 'home', status_until = null, watch_from = ${now}`);
  else if (change.status) {
    const until = change.statusUntil ? new Date(change.statusUntil) : null;
    if (!until || until <= now) throw invalid([{ field: '/statusUntil', message: 'a time after now' }]);
    sets.push(sql`status = ${change.status}, status_until = ${until}`);
  }
  if (change.endReason)
    sets.push(sql`ended_at = ${now}, ended_by = ${actor.userId}, end_reason = ${change.endReason.trim()}`);
  await db.transaction(async (tx) => {
    const row = await one(
      tx,
      sql`update care_watched set ${sql.join(sets, sql`, `)}
          where person_id = ${person.id} and ended_at is null returning person_id`,
    );
    if (!row) throw new AppError('CONFLICT', 409);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: change.endReason ? 'care.end' : 'care.change',
      entity: 'person',
      entityId: person.id,
      scopeCode: person.code,
      after: change,
      ip,
    });
  });
}

/** A new check-in link for a watched person: the old one stops working. Returns the secret, once. */
export async function reissueCheckinLink(
  db: Db,
  actor: Actor,
  person: { id: number; code: string },
  ip: string,
): Promise<string> {
  const { token, hash } = newCheckinToken();
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update care_watched set checkin_token_hash = ${hash} where person_id = ${person.id}`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'care.checkin_link',
      entity: 'person',
      entityId: person.id,
      scopeCode: person.code,
      ip,
    });
  });
  return token;
}
