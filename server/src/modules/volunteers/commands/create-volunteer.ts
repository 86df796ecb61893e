import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';

/**
 * Adds a person of the archive as a volunteer (discovered or recommended), in a community or street that
 * contains the person's grid. A person is a volunteer once (409 when already).
 */
export async function createVolunteer(
  db: Db,
  actor: Actor,
  input: { personId: number; orgCode: string; categoryCode: string; note?: string },
  ip: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const cat = await one(
      tx,
      sql`select 1 from volunteer_categories where code = ${input.categoryCode} and active`,
    );
    if (!cat) throw new AppError('VALIDATION_FAILED', 400, [{ field: 'body/categoryCode' }]);
    const made = await one<{ id: number }>(
      tx,
      sql`insert into volunteers (person_id, org_code, category_code)
          values (${input.personId}, ${input.orgCode}, ${input.categoryCode})
          on conflict (person_id) do nothing returning id`,
    );
    if (!made) throw new AppError('CONFLICT', 409);
    await tx.execute(
      sql`insert into volunteer_stage_events (volunteer_id, from_stage, to_stage, note, actor_id)
          values (${made.id}, null, 'recommended', ${input.note ?? null}, ${actor.userId})`,
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.create',
      entity: 'volunteer',
      entityId: made.id,
      scopeCode: input.orgCode,
      after: { personId: input.personId, categoryCode: input.categoryCode },
      ip,
    });
    return made.id;
  });
}
