import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { PersonRow } from '../queries.ts';

/** A move out (迁出) or a deregistration on death (注销), with its date and an optional note. */
export interface MoveOut {
  kind: 'move_out' | 'deceased';
  on: string;
  note?: string;
}

/**
 * Records that a resident moved out or died: the status changes only if the person still lives here
 * (a conditional UPDATE; zero rows is PERSON_NOT_RESIDENT), with a move-history row and an audit row in the
 * same transaction. The person's row and household stay, as history.
 */
export async function moveOutPerson(
  db: Db,
  by: { actorId: string; ip: string | null },
  p: PersonRow,
  m: MoveOut,
): Promise<void> {
  await db.transaction(async (tx) => {
    const status = m.kind === 'deceased' ? 'deceased' : 'moved_out';
    const changed = await rows<{ id: number }>(
      tx,
      sql`update persons set status = ${status}, status_changed_on = ${m.on}, updated_at = now()
          where id = ${p.id} and status = 'resident' returning id`,
    );
    if (!changed.length) throw new AppError('PERSON_NOT_RESIDENT', 409);
    await tx.execute(sql`
      insert into person_moves (person_id, kind, from_household_id, moved_on, note, actor_id)
      values (${p.id}, ${m.kind}, ${p.householdId}, ${m.on}, ${m.note?.trim() || null}, ${by.actorId})`);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: `person.${m.kind}`,
      entity: 'person',
      entityId: p.id,
      scopeCode: p.code,
      before: { status: p.status },
      after: { status, on: m.on },
      ip: by.ip,
    });
  });
}
