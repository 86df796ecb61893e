import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { blindIndexOf } from '../personal-data/fields.ts';
import { GIVEN, SURNAMES } from './names.ts';

/** Residents generated per grid: 100 households, most of three people, one in 25 an elder living alone. */
const HOUSEHOLDS_PER_GRID = 100;
/** Grids written per statement: about 7,000 persons, a few MB of JSON. */
const GRIDS_PER_CHUNK = 24;

/** A deterministic 32-bit hash (FNV-1a), so the demo district is the same on every fresh start. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const pick = (chars: string, key: string) => chars[hash(key) % chars.length]!;

interface DemoHousehold {
  k: number;
  gridId: number;
  building: string;
  addressEnc: string;
}

interface DemoPerson {
  k: number;
  gridId: number;
  nameEnc: string;
  nameBidx: string;
  gender: 'M' | 'F';
  birthYear: number;
  tags: string[];
}

/** The people of one household k: an elder living alone, or three people of mixed ages. */
function membersOf(
  k: number,
  gridId: number,
  cipher: PersonalDataCipher,
  indexOf: (name: string) => string,
): DemoPerson[] {
  const alone = k % 25 === 0;
  const out: DemoPerson[] = [];
  for (let p = 1; p <= (alone ? 1 : 3); p++) {
    const name =
      pick(SURNAMES, `${k}s${p}`) + pick(GIVEN, `${k}g${p}`) + (p % 2 === 0 ? '' : pick(GIVEN, `${k}h${p}`));
    const birthYear = alone ? 1931 + (hash(`${k}e`) % 20) : 1945 + (hash(`${k}y${p}`) % 78);
    const tags = [
      birthYear <= 1946 ? '80岁以上' : null,
      alone ? '独居老人' : null,
      hash(`${k}d${p}`) % 40 === 0 ? '党员' : null,
    ].filter((t): t is string => t !== null);
    out.push({
      k,
      gridId,
      nameEnc: cipher.encrypt(name),
      nameBidx: indexOf(name),
      gender: hash(`${k}x${p}`) % 2 === 0 ? 'M' : 'F',
      birthYear,
      tags,
    });
  }
  return out;
}

/** A PostgreSQL array literal of values known to need no quoting (numbers, base64, hex, 号楼 labels). */
const arr = (values: (string | number)[]) => `{${values.join(',')}}`;

/**
 * About 300 synthetic residents per grid. Names and addresses are personal data, sealed in Node like any
 * other (the key never reaches SQL), so they are generated here and written a chunk of grids at a time:
 * household ids are drawn from their sequence first so members can point at them, and each table gets one
 * INSERT over unnested arrays (cheaper to parse than JSON at this size). ~98,000 persons take a few seconds.
 */
export async function seedResidents(db: Db, districtCode: string, cipher: PersonalDataCipher): Promise<void> {
  const grids = await rows<{ id: number; community: string }>(
    db,
    sql`select g.id, c.name as community from org_nodes g join org_nodes c on c.id = g.parent_id
        where g.level = 'grid' and g.code like ${`${districtCode}%`} order by g.code`,
  );
  // a blind index depends on the name alone, and the demo's names repeat: compute each once
  const indexes = new Map<string, string>();
  const indexOf = (name: string) => {
    const known = indexes.get(name);
    if (known !== undefined) return known;
    const index = blindIndexOf(cipher, 'name', name);
    indexes.set(name, index);
    return index;
  };
  let k = 0;
  for (let i = 0; i < grids.length; i += GRIDS_PER_CHUNK) {
    const households: DemoHousehold[] = [];
    const persons: DemoPerson[] = [];
    for (const g of grids.slice(i, i + GRIDS_PER_CHUNK)) {
      for (let h = 0; h < HOUSEHOLDS_PER_GRID; h++) {
        k++;
        const building = `${Math.floor(h / 20) + 1}号楼`;
        // 20 flats a building: two entrances (单元) of five floors with two flats each
        const flat = `${Math.floor((h % 20) / 10) + 1}单元${Math.floor((h % 10) / 2) + 1}0${(h % 2) + 1}室`;
        const address = `${g.community}${building}${flat}`;
        households.push({ k, gridId: g.id, building, addressEnc: cipher.encrypt(address) });
        persons.push(...membersOf(k, g.id, cipher, indexOf));
      }
    }
    const ids = await rows<{ id: number }>(
      db,
      sql`select nextval(pg_get_serial_sequence('households', 'id'))::int as id
          from generate_series(1, ${households.length})`,
    );
    const idOf = new Map(households.map((h, n) => [h.k, ids[n]!.id]));
    await db.execute(sql`
      insert into households (id, grid_id, building, address_enc, is_demo) overriding system value
      select id, grid_id, building, address_enc, true
      from unnest(${arr(households.map((h) => idOf.get(h.k)!))}::int[], ${arr(households.map((h) => h.gridId))}::int[],
        ${arr(households.map((h) => h.building))}::text[], ${arr(households.map((h) => h.addressEnc))}::text[])
        as x(id, grid_id, building, address_enc)`);
    await db.execute(sql`
      insert into persons (household_id, grid_id, name_enc, name_bidx, gender, birth_year, tags, is_demo)
      select hid, grid_id, name_enc, name_bidx, gender, birth_year, string_to_array(tags, ';'), true
      from unnest(${arr(persons.map((p) => idOf.get(p.k)!))}::int[], ${arr(persons.map((p) => p.gridId))}::int[],
        ${arr(persons.map((p) => p.nameEnc))}::text[], ${arr(persons.map((p) => p.nameBidx))}::text[],
        ${arr(persons.map((p) => p.gender))}::text[], ${arr(persons.map((p) => p.birthYear))}::int[],
        ${arr(persons.map((p) => `"${p.tags.join(';')}"`))}::text[])
        as x(hid, grid_id, name_enc, name_bidx, gender, birth_year, tags)`);
  }
}
