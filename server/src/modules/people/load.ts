import type { PersonView } from '@civicgrid/shared';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { assertCan, can } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { presentPerson, tagsOf } from './present-person.ts';
import {
  assignedTags,
  findHousehold,
  findPerson,
  type HouseholdRow,
  type PersonRow,
  type TagRow,
} from './queries.ts';

/** A household the caller may read (people.read at its grid): 404 outside their scope, 403 when only visible. */
export async function loadHousehold(db: Db, actor: Actor, id: number): Promise<HouseholdRow> {
  const h = await findHousehold(db, id);
  if (!h) throw notFound();
  assertCan(actor, 'people.read', h.code);
  return h;
}

/** A person the caller may read, as loadHousehold decides. */
export async function loadPerson(db: Db, actor: Actor, id: number): Promise<PersonRow> {
  const p = await findPerson(db, id);
  if (!p) throw notFound();
  assertCan(actor, 'people.read', p.code);
  return p;
}

/** Persons as this caller sees them: masked fields, and the tags the caller may see at each one's grid. */
export async function presentMembers<T extends PersonRow>(
  db: Db,
  cipher: PersonalDataCipher,
  actor: Actor,
  persons: T[],
  tags: TagRow[],
  today: string,
): Promise<PersonView[]> {
  const assigned = await assignedTags(
    db,
    persons.map((p) => p.id),
  );
  return persons.map((p) => {
    const visible = tagsOf(p, assigned.get(p.id) ?? [], tags, can(actor, 'people.sensitive', p.code), today);
    const extra =
      'address' in p ? { address: p.address as string, gridName: (p as { gridName?: string }).gridName } : {};
    return { ...presentPerson(cipher, p, visible, today), ...extra };
  });
}
