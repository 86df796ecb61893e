import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { blindIndexOf, seal, unseal } from '../../personal-data/fields.ts';
import { maskForAudit } from '../../personal-data/mask.ts';
import { nameIndexes } from '../person-indexes.ts';
import { assertPersonFields, isIdNumberTaken, type PersonFields } from '../person-input.ts';
import type { PersonRow, TagRow } from '../queries.ts';

/** The fields an edit may change; missing ones stay. `tagIds` replaces the assigned tags the editor sees. */
export interface PersonEdit extends Partial<PersonFields> {
  relation?: string;
  floatingRegisteredOn?: string | null;
  tagIds?: number[];
}

/**
 * Edits a person: the merged fields are checked together (an ID number must agree with the birth date and
 * gender), sealed values and blind indexes rewritten, tags replaced, and an audit row (personal values
 * masked) written in the same transaction. An editor who may not see sensitive tags leaves them as they are.
 */
export async function updatePerson(
  db: Db,
  cipher: PersonalDataCipher,
  by: { actorId: string; ip: string | null; sensitive: boolean },
  current: PersonRow,
  edit: PersonEdit,
  tags: TagRow[],
): Promise<void> {
  const before: PersonFields = {
    name: unseal(cipher, current.nameEnc) ?? '',
    gender: current.gender,
    birthDate: current.birthDate,
    idType: current.idType,
    idNumber: unseal(cipher, current.idNumberEnc),
    phone: unseal(cipher, current.phoneEnc),
  };
  const after: PersonFields = { ...before, ...stripUndefined(edit) };
  assertPersonFields(after);
  const names = nameIndexes(cipher, after.name);
  // a retired tag is kept where it is: it is no longer offered, so the form cannot have meant to drop it
  const editable = tags
    .filter((t) => t.derived === null && !t.retired && (by.sensitive || !t.sensitive))
    .map((t) => t.id);
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`
        update persons set name_enc = ${seal(cipher, after.name)}, name_bidx = ${names.nameBidx},
          name1_bidx = ${names.name1Bidx}, name2_bidx = ${names.name2Bidx}, gender = ${after.gender},
          birth_date = ${after.birthDate}, id_type = ${after.idType}, id_number_enc = ${seal(cipher, after.idNumber)},
          id_number_hash = ${after.idNumber ? blindIndexOf(cipher, 'idNumber', after.idNumber) : null},
          phone_enc = ${seal(cipher, after.phone)},
          phone_bidx = ${after.phone ? blindIndexOf(cipher, 'phone', after.phone) : null},
          relation = ${edit.relation ?? current.relation},
          floating_registered_on = ${edit.floatingRegisteredOn === undefined ? current.floatingRegisteredOn : edit.floatingRegisteredOn},
          updated_at = now()
        where id = ${current.id}`);
      if (edit.tagIds) {
        const keep = edit.tagIds.filter((id) => editable.includes(id));
        await tx.execute(sql`delete from person_tags where person_id = ${current.id}
          and tag_id = any(${`{${editable.join(',')}}`}::int[])`);
        if (keep.length)
          await tx.execute(sql`insert into person_tags (tag_id, grid_id, person_id)
            select t, ${current.gridId}, ${current.id} from unnest(${`{${keep.join(',')}}`}::int[]) t
            on conflict do nothing`);
      }
      const kinds = { name: 'name', idNumber: 'idNumber', phone: 'phone' } as const;
      await writeAudit(tx, {
        actorId: by.actorId,
        action: 'person.update',
        entity: 'person',
        entityId: current.id,
        scopeCode: current.code,
        before: maskForAudit({ ...before }, kinds),
        after: maskForAudit({ ...after, relation: edit.relation, tagIds: edit.tagIds }, kinds),
        ip: by.ip,
      });
    })
    .catch((err) => {
      throw isIdNumberTaken(err) ? new AppError('PERSON_ID_TAKEN', 409) : err;
    });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
