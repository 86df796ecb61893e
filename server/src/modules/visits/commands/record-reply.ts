import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import type { NeedRow } from '../queries.ts';

/** States in which the case a need became has its answer: 件件有回音 asks that the resident then hears it. */
export const HANDLED_STATES = ['closed', 'rejected'];

/**
 * Records that the resident was told how the case their need became ended (回音): once, after the case is
 * handled (409 when already recorded, VISIT_REPLY_EARLY before). The conditional UPDATE makes two phones
 * replying at once record it once.
 */
export async function recordReply(
  db: Db,
  actor: Actor,
  need: NeedRow,
  note: string,
  ip: string,
): Promise<{ repliedAt: Date }> {
  if (need.repliedAt) throw new AppError('CONFLICT', 409);
  if (!need.caseState || !HANDLED_STATES.includes(need.caseState))
    throw new AppError('VISIT_REPLY_EARLY', 409);
  return db.transaction(async (tx) => {
    const done = await one<{ repliedAt: Date }>(
      tx,
      sql`update visit_needs set replied_at = now(), reply_note = ${note.trim()}, replied_by = ${actor.userId}
          where id = ${need.id} and replied_at is null returning replied_at as "repliedAt"`,
    );
    if (!done) throw new AppError('CONFLICT', 409);
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'visit.reply',
      entity: 'visit_need',
      entityId: need.id,
      scopeCode: need.orgCode,
      after: { caseId: need.caseId, onTime: need.replyDueAt ? done.repliedAt <= need.replyDueAt : null },
      ip,
    });
    return done;
  });
}
