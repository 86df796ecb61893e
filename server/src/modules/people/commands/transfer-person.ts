import type { Relation } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { assertNoOtherHead } from '../insert-person.ts';
import type { HouseholdRow, PersonRow } from '../queries.ts';

/** A move into another household: the date, the relation to its head there, an optional note. */
export interface Transfer {
  on: string;
  relation: Relation;
  note?: string;
}

/**
 * Moves a person of the archive into another household (户间迁移): a resident from their household, or one
 * who had moved out coming back (迁回). The person keeps their id, history and tags (which follow them to
 * the new grid); the move history gets one row naming both households, and an audit row is written, in one
 * transaction. The update is conditional on where the person was read (zero rows: PERSON_NOT_RESIDENT).
 */
export async function transferPerson(
  db: Db,
  by: { actorId: string; ip: string | null },
  p: PersonRow,
  to: HouseholdRow,
  t: Transfer,
): Promise<void> {
  if (p.householdId === to.id && p.status === 'resident') throw new AppError('PERSON_SAME_HOUSEHOLD', 409);
  if (p.status === 'deceased') throw new AppError('PERSON_NOT_RESIDENT', 409);
  const kind = p.status === 'moved_out' ? 'return' : 'transfer';
  await db.transaction(async (tx) => {
    if (t.relation === 'head') await assertNoOtherHead(tx, to.id, p.id);
    const moved = await rows<{ id: number }>(
      tx,
      sql`update persons set household_id = ${to.id}, grid_id = ${to.gridId}, relation = ${t.relation},
            status = 'resident', status_changed_on = ${t.on}, updated_at = now()
          where id = ${p.id} and household_id = ${p.householdId} and status = ${p.status} returning id`,
    );
    if (!moved.length) throw new AppError('PERSON_NOT_RESIDENT', 409);
    // tags are kept by grid so "this tag within a community" stays one index range
    await tx.execute(sql`update person_tags set grid_id = ${to.gridId} where person_id = ${p.id}`);
    await tx.execute(sql`update households set head_person_id = null
      where id = ${p.householdId} and head_person_id = ${p.id}`);
    if (t.relation === 'head')
      await tx.execute(sql`update households set head_person_id = ${p.id} where id = ${to.id}`);
    await tx.execute(sql`
      insert into person_moves (person_id, kind, from_household_id, to_household_id, moved_on, note, actor_id)
      values (${p.id}, ${kind}, ${p.householdId}, ${to.id}, ${t.on}, ${t.note?.trim() || null}, ${by.actorId})`);
    await writeAudit(tx, {
      actorId: by.actorId,
      action: `person.${kind}`,
      entity: 'person',
      entityId: p.id,
      scopeCode: to.code,
      before: { householdId: p.householdId, gridCode: p.code, status: p.status, relation: p.relation },
      after: { householdId: to.id, gridCode: to.code, status: 'resident', relation: t.relation, on: t.on },
      ip: by.ip,
    });
  });
}
