import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { maskForAudit } from '../../personal-data/mask.ts';
import { assertNoOtherHead, insertPerson, type NewPerson } from '../insert-person.ts';
import { isIdNumberTaken } from '../person-input.ts';
import type { HouseholdRow } from '../queries.ts';

/**
 * A newcomer moves into a household (迁入, e.g. a birth, a marriage, a tenant from outside the district): the
 * person is entered with a move-in row and an audit row (personal values masked) in one transaction. A second
 * head is refused (HOUSEHOLD_HAS_HEAD), as is an ID number already on file (PERSON_ID_TAKEN: that person is
 * moved in from their household instead).
 */
export async function addMember(
  db: Db,
  cipher: PersonalDataCipher,
  by: { actorId: string; ip: string | null },
  h: HouseholdRow,
  p: NewPerson,
  move: { on: string; note: string | null },
): Promise<{ personId: number }> {
  return db
    .transaction(async (tx) => {
      if (p.relation === 'head') await assertNoOtherHead(tx, h.id);
      const personId = await insertPerson(tx, cipher, { householdId: h.id, gridId: h.gridId }, p, {
        ...move,
        actorId: by.actorId,
      });
      if (p.relation === 'head')
        await tx.execute(sql`update households set head_person_id = ${personId} where id = ${h.id}`);
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'person.move_in',
        entity: 'person',
        entityId: personId,
        scopeCode: h.code,
        after: maskForAudit(
          {
            householdId: h.id,
            name: p.name,
            idNumber: p.idNumber,
            phone: p.phone,
            relation: p.relation,
            tagIds: p.tagIds,
            on: move.on,
          },
          { name: 'name', idNumber: 'idNumber', phone: 'phone' },
        ),
        ip: by.ip,
      });
      return { personId };
    })
    .catch((err) => {
      throw isIdNumberTaken(err) ? new AppError('PERSON_ID_TAKEN', 409) : err;
    });
}
