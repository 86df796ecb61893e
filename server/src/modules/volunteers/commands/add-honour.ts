import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';

/** Records an honour (身边好人, 道德模范) a volunteer was awarded, with its level and date. */
export async function addHonour(
  db: Db,
  actor: Actor,
  v: { id: number; orgCode: string },
  input: { kind: string; level: string; awardedOn: string; note?: string },
  ip: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      sql`insert into volunteer_honours (volunteer_id, kind, level, awarded_on, note, actor_id)
          values (${v.id}, ${input.kind}, ${input.level}, ${input.awardedOn}, ${input.note ?? null}, ${actor.userId})
          returning id`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.honour',
      entity: 'volunteer',
      entityId: v.id,
      scopeCode: v.orgCode,
      after: { kind: input.kind, level: input.level, awardedOn: input.awardedOn },
      ip,
    });
    return row!.id;
  });
}
