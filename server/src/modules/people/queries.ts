import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** A tag as the archive defines it. */
export interface TagRow {
  id: number;
  name: string;
  nameEn: string | null;
  sensitive: boolean;
  derived: 'age80' | 'floating' | null;
  /** seeded by the migration (its Chinese name is what code looks it up by): never retired */
  seeded: boolean;
  /** retired by an administrator: offered no more, still shown on the persons who carry it */
  retired: boolean;
}

/** A household with where it lives: house, building, grid. `code` is the grid's org code (its scope). */
export interface HouseholdRow {
  id: number;
  gridId: number;
  code: string;
  gridName: string;
  houseId: number;
  unit: string;
  floor: number | null;
  room: string;
  isRental: boolean;
  buildingId: number;
  buildingName: string;
  buildingAddress: string;
  lng: number | null;
  lat: number | null;
  headPersonId: number | null;
  addressEnc: string | null;
  contactPhoneEnc: string | null;
}

/** A person's row with the sealed fields still sealed. `code` is the grid's org code. */
export interface PersonRow {
  id: number;
  householdId: number;
  gridId: number;
  code: string;
  nameEnc: string;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  idType: 'id_card' | 'hmt_residence' | 'passport';
  idNumberEnc: string | null;
  phoneEnc: string | null;
  relation: string;
  status: 'resident' | 'moved_out' | 'deceased';
  statusChangedOn: string | null;
  floatingRegisteredOn: string | null;
}

/** The columns of PersonRow over `persons p join org_nodes g on g.id = p.grid_id`. */
export const PERSON_COLUMNS = sql`p.id, p.household_id as "householdId", p.grid_id as "gridId", g.code,
  p.name_enc as "nameEnc", p.gender, p.birth_date as "birthDate", p.id_type as "idType",
  p.id_number_enc as "idNumberEnc", p.phone_enc as "phoneEnc", p.relation, p.status,
  p.status_changed_on as "statusChangedOn", p.floating_registered_on as "floatingRegisteredOn"`;

/** The full address of a house, as the archive writes it: 富民社区3号楼1单元101室. */
export const HOUSE_ADDRESS = sql`b.address || case when ho.unit <> '' then ho.unit || '单元' else '' end || ho.room
  || case when ho.room ~ '[0-9]$' then '室' else '' end`;

/** Every tag, in display order. */
export function listTags(db: Db): Promise<TagRow[]> {
  return rows<TagRow>(
    db,
    sql`select id, name, name_en as "nameEn", sensitive, derived, seeded, retired_at is not null as retired
        from archive_tags order by sort, id`,
  );
}

/** One household with its house, building and grid, or null. */
export function findHousehold(db: Db, id: number): Promise<HouseholdRow | null> {
  return one<HouseholdRow>(
    db,
    sql`select h.id, h.grid_id as "gridId", g.code, g.name as "gridName", ho.id as "houseId", ho.unit, ho.floor,
          ho.room, ho.is_rental as "isRental", b.id as "buildingId", b.name as "buildingName",
          b.address as "buildingAddress", ST_X(b.geom) as lng, ST_Y(b.geom) as lat,
          h.head_person_id as "headPersonId", h.address_enc as "addressEnc",
          h.contact_phone_enc as "contactPhoneEnc"
        from households h join houses ho on ho.id = h.house_id join buildings b on b.id = ho.building_id
        join org_nodes g on g.id = h.grid_id where h.id = ${id}`,
  );
}

/** One person, or null. */
export function findPerson(db: Db, id: number): Promise<PersonRow | null> {
  return one<PersonRow>(
    db,
    sql`select ${PERSON_COLUMNS} from persons p join org_nodes g on g.id = p.grid_id where p.id = ${id}`,
  );
}

/** The members of a household, the head first, then by birth date. */
export function householdMembers(db: Db, householdId: number): Promise<PersonRow[]> {
  return rows<PersonRow>(
    db,
    sql`select ${PERSON_COLUMNS} from persons p join org_nodes g on g.id = p.grid_id
        where p.household_id = ${householdId}
        order by p.status <> 'resident', p.relation <> 'head', p.birth_date, p.id`,
  );
}

/** The assigned tag ids of persons, by person (derived tags are not assigned: see derivedTags). */
export async function assignedTags(db: Db, personIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!personIds.length) return out;
  const found = await rows<{ personId: number; tagId: number }>(
    db,
    sql`select person_id as "personId", tag_id as "tagId" from person_tags
        where person_id = any(${`{${personIds.join(',')}}`}::int[])`,
  );
  for (const r of found) out.set(r.personId, [...(out.get(r.personId) ?? []), r.tagId]);
  return out;
}

/** One move of a person (迁入/迁出/注销). */
export interface MoveRow {
  id: number;
  personId: number;
  kind: string;
  movedOn: string;
  note: string | null;
  actorName: string | null;
  fromHouseholdId: number | null;
  toHouseholdId: number | null;
  /** the org codes of those households: the page names the other one only to a caller who may read it */
  fromCode: string | null;
  toCode: string | null;
  /** sealed: a person who moved to another household is no member here any more, so the page needs it */
  nameEnc: string | null;
}

/** The move history of a household's members, newest first. */
export function householdMoves(db: Db, householdId: number): Promise<MoveRow[]> {
  return rows<MoveRow>(
    db,
    sql`select m.id, m.person_id as "personId", m.kind, m.moved_on as "movedOn", m.note,
          u.display_name as "actorName", m.from_household_id as "fromHouseholdId",
          m.to_household_id as "toHouseholdId", p.name_enc as "nameEnc",
          (select g.code from households h join org_nodes g on g.id = h.grid_id where h.id = m.from_household_id)
            as "fromCode",
          (select g.code from households h join org_nodes g on g.id = h.grid_id where h.id = m.to_household_id)
            as "toCode"
        from person_moves m join persons p on p.id = m.person_id left join users u on u.id = m.actor_id
        -- the moves into or out of this household; a member's moves elsewhere belong to that household's page
        where m.from_household_id = ${householdId} or m.to_household_id = ${householdId}
          or (p.household_id = ${householdId} and m.from_household_id is null and m.to_household_id is null)
        order by m.moved_on desc, m.id desc`,
  );
}

/** The ids of grids under an org code, as an int array parameter for `grid_id = any(…)` conditions. */
export function gridsUnder(condition: SQL): SQL {
  return sql`array(select id from org_nodes where level = 'grid' and (${condition}))`;
}

/** The org code of a node, or null. */
export function findNodeCode(db: Db, id: number): Promise<{ code: string } | null> {
  return one<{ code: string }>(db, sql`select code from org_nodes where id = ${id}`);
}
