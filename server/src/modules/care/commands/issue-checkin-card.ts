import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { newCheckinToken } from '../checkin-token.ts';

/**
 * Issues a printed check-in card: a new secret for the elder's link (only its hash is kept, so a card can
 * only be printed with a new one), which voids every earlier card and link at once — a lost card is dealt
 * with by printing another. The audit row says a card was issued, never the secret. A watch that has ended
 * gets no card (409).
 */
export async function issueCheckinCard(
  db: Db,
  actor: Actor,
  person: { id: number; code: string },
  ip: string,
  now = new Date(),
): Promise<string> {
  const { token, hash } = newCheckinToken();
  await db.transaction(async (tx) => {
    const row = await one(
      tx,
      sql`update care_watched set checkin_token_hash = ${hash}, updated_at = ${now}
          where person_id = ${person.id} and ended_at is null returning person_id`,
    );
    if (!row) throw new AppError('CONFLICT', 409);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'care.checkin_card',
      entity: 'person',
      entityId: person.id,
      scopeCode: person.code,
      after: { issuedAt: now.toISOString() },
      ip,
    });
  });
  return token;
}
