import { isCalendarDate, normaliseIdNumber, type Relation } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { AppError, invalid } from '../../infra/errors.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { blindIndexOf, seal } from '../personal-data/fields.ts';
import { nameIndexes } from './person-indexes.ts';
import { assertPersonFields, type PersonFields } from './person-input.ts';
import type { TagRow } from './queries.ts';

/** A person entered by hand (console form): the fields, relation to the head, 流动人口 date and tags. */
export interface NewPerson extends PersonFields {
  relation: Relation;
  floatingRegisteredOn: string | null;
  tagIds: number[];
}

/**
 * Checks a hand-entered person as the import checks a row (GB 11643 number agreeing with the birth date and
 * gender, a phone, real dates) and returns it with the ID number in the form the blind index uses.
 */
export function checkNewPerson(p: NewPerson): NewPerson {
  const clean = {
    ...p,
    name: p.name.trim(),
    idNumber: p.idNumber?.trim() ? normaliseIdNumber(p.idNumber) : null,
    phone: p.phone?.trim() || null,
  };
  assertPersonFields(clean);
  if (!clean.birthDate)
    throw invalid([
      { field: 'birthDate', message: { zh: '请填写出生日期', en: 'the birth date is required' } },
    ]);
  if (clean.floatingRegisteredOn && !isCalendarDate(clean.floatingRegisteredOn))
    throw invalid([
      { field: 'floatingRegisteredOn', message: { zh: '登记日期无效', en: 'not a valid date' } },
    ]);
  return clean;
}

/** The tag ids of `wanted` the editor may assign: not derived, not retired, sensitive only when allowed. */
export function assignableTags(tags: TagRow[], wanted: number[], sensitive: boolean): number[] {
  return wanted.filter((id) =>
    tags.some((t) => t.id === id && t.derived === null && !t.retired && (sensitive || !t.sensitive)),
  );
}

/** Refuses a second resident head (户主) of a household (409 HOUSEHOLD_HAS_HEAD). */
export async function assertNoOtherHead(tx: Db, householdId: number, exceptPersonId = 0): Promise<void> {
  const head = await one<{ id: number }>(
    tx,
    sql`select id from persons where household_id = ${householdId} and relation = 'head'
          and status = 'resident' and id <> ${exceptPersonId} limit 1`,
  );
  if (head) throw new AppError('HOUSEHOLD_HAS_HEAD', 409);
}

/**
 * Inserts a checked person into a household with sealed fields and blind indexes, their tags, and a move-in
 * row (迁入): a hand entry is a person arriving in the archive. Runs inside the caller's transaction.
 */
export async function insertPerson(
  tx: Db,
  cipher: PersonalDataCipher,
  at: { householdId: number; gridId: number },
  p: NewPerson,
  move: { on: string; note: string | null; actorId: string },
): Promise<number> {
  const names = nameIndexes(cipher, p.name);
  const row = await one<{ id: number }>(
    tx,
    sql`insert into persons (household_id, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, gender,
          birth_date, id_type, id_number_enc, id_number_hash, phone_enc, phone_bidx, relation,
          floating_registered_on)
        values (${at.householdId}, ${at.gridId}, ${seal(cipher, p.name)}, ${names.nameBidx}, ${names.name1Bidx},
          ${names.name2Bidx}, ${p.gender}, ${p.birthDate}, ${p.idType}, ${seal(cipher, p.idNumber)},
          ${p.idNumber ? blindIndexOf(cipher, 'idNumber', p.idNumber) : null}, ${seal(cipher, p.phone)},
          ${p.phone ? blindIndexOf(cipher, 'phone', p.phone) : null}, ${p.relation}, ${p.floatingRegisteredOn})
        returning id`,
  );
  const id = row!.id;
  if (p.tagIds.length)
    await tx.execute(sql`insert into person_tags (tag_id, grid_id, person_id)
      select t, ${at.gridId}, ${id} from unnest(${`{${p.tagIds.join(',')}}`}::int[]) t on conflict do nothing`);
  await tx.execute(sql`
    insert into person_moves (person_id, kind, to_household_id, moved_on, note, actor_id)
    values (${id}, 'move_in', ${at.householdId}, ${move.on}, ${move.note}, ${move.actorId})`);
  return id;
}
