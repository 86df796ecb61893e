import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { type DemoPerson, demoHousehold } from './demo-household.ts';
import { demoIdNumbers, IndexCache } from './demo-identity.ts';

/** Residents generated per grid: 100 households in 5 buildings, most of three people. */
const HOUSEHOLDS_PER_GRID = 100;
const FLATS_PER_BUILDING = 20;
/** Grids written per statement: about 7,000 persons, a few MB of text. */
const GRIDS_PER_CHUNK = 24;

/** A PostgreSQL array literal of values known to need no quoting (numbers, base64, hex, dates, plain words). */
const arr = (values: (string | number | boolean | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;

/** Draws n ids of a table's identity sequence, so rows of the next table can point at them before insert. */
async function drawIds(db: Db, table: string, n: number): Promise<number[]> {
  const found = await rows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`,
  );
  return found.map((r) => r.id);
}

/**
 * About 300 synthetic residents per grid in five buildings placed inside it (docs/people.md). Names, phones,
 * ID numbers and addresses are personal data, sealed in Node like any other (the key never reaches SQL), so
 * they are generated here and written a chunk of grids at a time: ids are drawn from each sequence first so
 * rows can point at each other, and each table gets one INSERT over unnested arrays. ~98,000 persons take
 * some seconds.
 */
export async function seedResidents(db: Db, districtCode: string, cipher: PersonalDataCipher): Promise<void> {
  const grids = await rows<{ id: number; community: string }>(
    db,
    sql`select g.id, c.name as community from org_nodes g join org_nodes c on c.id = g.parent_id
        where g.level = 'grid' and g.code like ${`${districtCode}%`} order by g.code`,
  );
  const index = new IndexCache(cipher);
  const ids = demoIdNumbers(districtCode);
  let k = 0;
  for (let i = 0; i < grids.length; i += GRIDS_PER_CHUNK) {
    const chunk = grids.slice(i, i + GRIDS_PER_CHUNK);
    const perGrid = HOUSEHOLDS_PER_GRID / FLATS_PER_BUILDING;
    const buildingIds = await drawIds(db, 'buildings', chunk.length * perGrid);
    const houseIds = await drawIds(db, 'houses', chunk.length * HOUSEHOLDS_PER_GRID);
    const householdIds = await drawIds(db, 'households', chunk.length * HOUSEHOLDS_PER_GRID);
    const buildings: { id: number; gridId: number; name: string; address: string; ordinal: number }[] = [];
    const houses: {
      id: number;
      buildingId: number;
      unit: string;
      floor: number;
      room: string;
      rental: boolean;
    }[] = [];
    const households: {
      id: number;
      houseId: number;
      gridId: number;
      addressEnc: string;
      phoneEnc: string;
    }[] = [];
    const persons: (DemoPerson & { householdId: number; gridId: number })[] = [];
    chunk.forEach((g, gi) => {
      for (let b = 0; b < perGrid; b++) {
        const name = `${b + 1}号楼`;
        buildings.push({
          id: buildingIds[gi * perGrid + b]!,
          gridId: g.id,
          name,
          address: `${g.community}${name}`,
          ordinal: b + 1,
        });
      }
      for (let h = 0; h < HOUSEHOLDS_PER_GRID; h++) {
        k++;
        const at = gi * HOUSEHOLDS_PER_GRID + h;
        const building = buildings[gi * perGrid + Math.floor(h / FLATS_PER_BUILDING)]!;
        // 20 flats a building: two entrances (单元) of five floors with two flats each
        const [unit, floor] = [String(Math.floor((h % 20) / 10) + 1), Math.floor((h % 10) / 2) + 1];
        const room = `${floor}0${(h % 2) + 1}`;
        const made = demoHousehold(k, ids);
        houses.push({ id: houseIds[at]!, buildingId: building.id, unit, floor, room, rental: made.rental });
        households.push({
          id: householdIds[at]!,
          houseId: houseIds[at]!,
          gridId: g.id,
          addressEnc: cipher.encrypt(`${building.address}${unit}单元${room}室`),
          phoneEnc: cipher.encrypt(made.members[0]!.phone!),
        });
        for (const m of made.members) persons.push({ ...m, householdId: householdIds[at]!, gridId: g.id });
      }
    });
    await writeChunk(db, index, { buildings, houses, households, persons });
  }
}

async function writeChunk(
  db: Db,
  index: IndexCache,
  c: {
    buildings: { id: number; gridId: number; name: string; address: string; ordinal: number }[];
    houses: { id: number; buildingId: number; unit: string; floor: number; room: string; rental: boolean }[];
    households: { id: number; houseId: number; gridId: number; addressEnc: string; phoneEnc: string }[];
    persons: (DemoPerson & { householdId: number; gridId: number })[];
  },
): Promise<void> {
  const { buildings: b, houses: ho, households: hh, persons: p } = c;
  // a point in the middle of the grid's box, spread by the building's ordinal; on the grid's surface otherwise
  await db.execute(sql`
    insert into buildings (id, grid_id, name, address, geom, is_demo) overriding system value
    select x.id, x.grid_id, x.name, x.address,
      case when ST_Contains(g.geom, pt) then pt else ST_PointOnSurface(g.geom) end, true
    from unnest(${arr(b.map((r) => r.id))}::int[], ${arr(b.map((r) => r.gridId))}::int[],
      ${arr(b.map((r) => r.name))}::text[], ${arr(b.map((r) => r.address))}::text[], ${arr(b.map((r) => r.ordinal))}::int[])
      as x(id, grid_id, name, address, ordinal)
    join org_nodes g on g.id = x.grid_id
    cross join lateral (select ST_SetSRID(ST_MakePoint(
      ST_XMin(g.geom) + (ST_XMax(g.geom) - ST_XMin(g.geom)) * (0.25 + 0.5 * ((x.ordinal * 37) % 11) / 10.0),
      ST_YMin(g.geom) + (ST_YMax(g.geom) - ST_YMin(g.geom)) * (0.25 + 0.5 * ((x.ordinal * 53) % 7) / 6.0)), 4326) as pt) q`);
  await db.execute(sql`
    insert into houses (id, building_id, unit, floor, room, is_rental) overriding system value
    select * from unnest(${arr(ho.map((r) => r.id))}::int[], ${arr(ho.map((r) => r.buildingId))}::int[],
      ${arr(ho.map((r) => r.unit))}::text[], ${arr(ho.map((r) => r.floor))}::int[],
      ${arr(ho.map((r) => r.room))}::text[], ${arr(ho.map((r) => r.rental))}::boolean[])`);
  await db.execute(sql`
    insert into households (id, house_id, grid_id, address_enc, contact_phone_enc, is_demo) overriding system value
    select *, true from unnest(${arr(hh.map((r) => r.id))}::int[], ${arr(hh.map((r) => r.houseId))}::int[],
      ${arr(hh.map((r) => r.gridId))}::int[], ${arr(hh.map((r) => r.addressEnc))}::text[],
      ${arr(hh.map((r) => r.phoneEnc))}::text[])`);
  const personIds = await drawIds(db, 'persons', p.length);
  const sealed = p.map((m) => ({ ...m, ...index.person(m) }));
  const col = <K extends keyof (typeof sealed)[number]>(key: K) =>
    arr(sealed.map((m) => m[key] as string | null));
  await db.execute(sql`
    insert into persons (id, household_id, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, gender, birth_date,
      id_type, id_number_enc, id_number_hash, phone_enc, phone_bidx, relation, floating_registered_on, is_demo)
      overriding system value
    select id, hid, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, gender, birth_date, 'id_card', id_enc,
      id_hash, phone_enc, phone_bidx, relation, floating, true
    from unnest(${arr(personIds)}::int[], ${col('householdId')}::int[], ${col('gridId')}::int[],
      ${col('nameEnc')}::text[], ${col('nameBidx')}::text[], ${col('name1Bidx')}::text[], ${col('name2Bidx')}::text[],
      ${col('gender')}::text[], ${col('birthDate')}::date[], ${col('idEnc')}::text[], ${col('idHash')}::text[],
      ${col('phoneEnc')}::text[], ${col('phoneBidx')}::text[], ${col('relation')}::text[], ${col('floating')}::date[])
      as x(id, hid, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, gender, birth_date, id_enc, id_hash,
        phone_enc, phone_bidx, relation, floating)`);
  const tagged = sealed.flatMap((m, n) =>
    m.tags.map((t) => ({ id: personIds[n]!, gridId: m.gridId, tag: t })),
  );
  await db.execute(sql`
    insert into person_tags (tag_id, grid_id, person_id)
    select a.id, x.grid_id, x.pid
    from unnest(${arr(tagged.map((t) => t.id))}::int[], ${arr(tagged.map((t) => t.gridId))}::int[],
      ${arr(tagged.map((t) => t.tag))}::text[]) as x(pid, grid_id, tag)
    join archive_tags a on a.name = x.tag`);
  await db.execute(sql`
    update households h set head_person_id = p.id from persons p
    where p.household_id = h.id and p.relation = 'head'
      and h.id between ${Math.min(...hh.map((r) => r.id))} and ${Math.max(...hh.map((r) => r.id))}`);
}
