import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { STAGES, type Stage } from '../schemas.ts';

/**
 * Which steps the lifecycle allows: forward one step at a time (recommended → selected 选树 → trained →
 * active), retiring from any stage, and a retired volunteer coming back as active.
 */
export function stageAllowed(from: Stage, to: Stage): boolean {
  if (to === 'retired') return from !== 'retired';
  if (from === 'retired') return to === 'active';
  return STAGES.indexOf(to) === STAGES.indexOf(from) + 1;
}

/** Moves a volunteer to the next stage, with its history row; the conditional UPDATE refuses a stale step. */
export async function changeStage(
  db: Db,
  actor: Actor,
  v: { id: number; stage: Stage; orgCode: string },
  to: Stage,
  note: string | undefined,
  ip: string,
): Promise<void> {
  if (!stageAllowed(v.stage, to)) throw new AppError('CONFLICT', 409, [{ field: 'body/stage' }]);
  await db.transaction(async (tx) => {
    const done = await one(
      tx,
      sql`update volunteers set stage = ${to}, stage_changed_at = now()
          where id = ${v.id} and stage = ${v.stage} returning id`,
    );
    if (!done) throw new AppError('CONFLICT', 409);
    await tx.execute(
      sql`insert into volunteer_stage_events (volunteer_id, from_stage, to_stage, note, actor_id)
          values (${v.id}, ${v.stage}, ${to}, ${note ?? null}, ${actor.userId})`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.stage',
      entity: 'volunteer',
      entityId: v.id,
      scopeCode: v.orgCode,
      before: { stage: v.stage },
      after: { stage: to },
      ip,
    });
  });
}
