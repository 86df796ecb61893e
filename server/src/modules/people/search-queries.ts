import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { blindIndexMatches } from '../personal-data/fields.ts';
import { nameSearchColumn } from './person-indexes.ts';
import { gridsUnder, HOUSE_ADDRESS, PERSON_COLUMNS, type PersonRow, type TagRow } from './queries.ts';

/** What a search asks for; every given condition must hold. */
export interface PersonSearch {
  /** an org code to narrow to (within the caller's scope) */
  org?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  tag?: TagRow;
  status?: 'resident' | 'moved_out' | 'deceased' | 'all';
  /** persons with an id above this (the next page) */
  after?: number;
  limit: number;
}

/** A hit: the person and the address of their house. */
export interface PersonHit extends PersonRow {
  address: string;
  gridName: string;
}

/**
 * Persons matching a search within the caller's scope. Every condition is an index match: blind indexes for
 * names, ID numbers and phones (no row is decrypted to filter), the tag's (tag, grid) range, the birth-date
 * index for 80岁以上. The grids the caller may see are listed first and the person indexes are read per grid
 * (`grid_id = any(…)`), so a search within a community reads only that community's entries. A sensitive tag
 * is searched only within the caller's people.sensitive scope.
 */
export function searchPersons(
  db: Db,
  cipher: PersonalDataCipher,
  actor: Actor,
  s: PersonSearch,
): Promise<PersonHit[]> {
  const action = s.tag?.sensitive ? 'people.sensitive' : 'people.read';
  const scope = sql`(${scopeCondition(actor, action, sql`code`)})${s.org ? sql` and code like ${`${s.org}%`}` : sql``}`;
  const grids = gridsUnder(scope);
  const where: SQL[] = [sql`p.grid_id = any(${grids})`];
  if (s.name) {
    const column = sql.identifier(nameSearchColumn(s.name));
    where.push(blindIndexMatches(cipher, sql`p.${column}`, 'name', s.name));
  }
  if (s.idNumber) where.push(blindIndexMatches(cipher, sql`p.id_number_hash`, 'idNumber', s.idNumber));
  if (s.phone) where.push(blindIndexMatches(cipher, sql`p.phone_bidx`, 'phone', s.phone));
  if (s.address) where.push(sql`(${HOUSE_ADDRESS}) like ${`%${s.address.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (s.tag?.derived === 'age80') where.push(sql`p.birth_date <= current_date - interval '80 years'`);
  else if (s.tag?.derived === 'floating') where.push(sql`p.floating_registered_on is not null`);
  else if (s.tag)
    where.push(sql`p.id = any(array(select t.person_id from person_tags t
      where t.tag_id = ${s.tag.id} and t.grid_id = any(${grids})))`);
  if (s.status !== 'all') where.push(sql`p.status = ${s.status ?? 'resident'}`);
  if (s.after) where.push(sql`p.id > ${s.after}`);
  // the page of persons is chosen from the persons' indexes alone; only its rows are joined to their houses
  // (an address search needs the houses to choose, so it joins them first)
  const joins = sql`join households h on h.id = p.household_id join houses ho on ho.id = h.house_id
        join buildings b on b.id = ho.building_id`;
  return rows<PersonHit>(
    db,
    sql`with hit as (select p.id from persons p ${s.address ? joins : sql``}
          where ${sql.join(where, sql` and `)} order by p.id limit ${s.limit})
        select ${PERSON_COLUMNS}, g.name as "gridName", ${HOUSE_ADDRESS} as address
        from hit join persons p on p.id = hit.id join org_nodes g on g.id = p.grid_id ${joins}
        order by p.id`,
  );
}
