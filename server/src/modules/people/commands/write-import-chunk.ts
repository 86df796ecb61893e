import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { blindIndexOf, seal } from '../../personal-data/fields.ts';
import { drawIds } from '../draw-ids.ts';
import type { PlannedHousehold, PlannedPerson } from '../import/plan-chunk.ts';
import { nameIndexes } from '../person-indexes.ts';
import { houseAddress } from '../present-person.ts';

/** What one chunk wrote. */
export interface ChunkResult {
  written: number;
  unchanged: number;
}

const ints = (v: (number | null)[]) => `{${v.map((x) => x ?? 'NULL').join(',')}}`;
const texts = (v: (string | null)[]) =>
  `{${v.map((x) => (x === null ? 'NULL' : `"${x.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;

/** The sealed columns and indexes of a person row. */
function sealPerson(cipher: PersonalDataCipher, m: PlannedPerson) {
  const p = m.p;
  const names = nameIndexes(cipher, p.name);
  return {
    id: m.personId,
    nameEnc: seal(cipher, p.name)!,
    ...names,
    idEnc: seal(cipher, p.idNumber),
    idHash: p.idNumber ? blindIndexOf(cipher, 'idNumber', p.idNumber) : null,
    phoneEnc: seal(cipher, p.phone),
    phoneBidx: p.phone ? blindIndexOf(cipher, 'phone', p.phone) : null,
  };
}

/**
 * Writes one chunk of planned households in one transaction, so a household is written whole or not at all:
 * new buildings (shared by households of the chunk), houses and households, new persons with a move-in row,
 * changed persons rewritten, and the tags the importer may set replaced. Members left unchanged are not
 * touched.
 */
export async function writeImportChunk(
  db: Db,
  cipher: PersonalDataCipher,
  by: { actorId: string | null; today: string; editableTags: (gridCode: string) => number[] },
  plan: PlannedHousehold[],
): Promise<ChunkResult> {
  return db.transaction(async (tx) => {
    const fresh = plan.filter((h) => h.newBuilding);
    if (fresh.length) {
      const nb = fresh.map((h) => ({ gridId: h.gridId, ...h.newBuilding! }));
      const made = await rows<{ id: number; key: string }>(
        tx,
        sql`with x as (select distinct on (grid_id, address) * from unnest(${ints(nb.map((b) => b.gridId))}::int[],
              ${texts(nb.map((b) => b.address))}::text[], ${texts(nb.map((b) => b.name))}::text[],
              ${`{${nb.map((b) => b.lng).join(',')}}`}::float8[], ${`{${nb.map((b) => b.lat).join(',')}}`}::float8[])
              as u(grid_id, address, name, lng, lat))
            insert into buildings (grid_id, name, address, geom)
            select grid_id, name, address, ST_SetSRID(ST_MakePoint(lng, lat), 4326) from x
            returning id, grid_id || '|' || address as key`,
      );
      const idOf = new Map(made.map((b) => [b.key, b.id]));
      for (const h of fresh) h.buildingId = idOf.get(`${h.gridId}|${h.newBuilding!.address}`)!;
    }
    const noHouse = plan.filter((h) => h.houseId === null);
    if (noHouse.length) {
      const first = noHouse.map((h) => h.members[0]!.p);
      const ids = await drawIds(tx, 'houses', noHouse.length);
      await tx.execute(
        sql`insert into houses (id, building_id, unit, floor, room, is_rental) overriding system value
            select * from unnest(${ints(ids)}::int[], ${ints(noHouse.map((h) => h.buildingId))}::int[],
              ${texts(first.map((p) => p.unit))}::text[], ${ints(first.map((p) => p.floor))}::int[],
              ${texts(first.map((p) => p.room))}::text[], ${`{${first.map((p) => p.rental).join(',')}}`}::boolean[])`,
      );
      noHouse.forEach((h, i) => {
        h.houseId = ids[i]!;
      });
    }
    const noHousehold = plan.filter((h) => h.householdId === null);
    if (noHousehold.length) {
      const first = noHousehold.map((h) => h.members[0]!.p);
      const heads = noHousehold.map((h) => h.members.find((m) => m.p.relation === 'head')!.p);
      const ids = await drawIds(tx, 'households', noHousehold.length);
      await tx.execute(
        sql`insert into households (id, house_id, grid_id, address_enc, contact_phone_enc) overriding system value
            select * from unnest(${ints(ids)}::int[], ${ints(noHousehold.map((h) => h.houseId))}::int[],
              ${ints(noHousehold.map((h) => h.gridId))}::int[],
              ${texts(first.map((p) => cipher.encrypt(houseAddress(p.building, p.unit, p.room))))}::text[],
              ${texts(heads.map((p) => seal(cipher, p.phone)))}::text[])`,
      );
      noHousehold.forEach((h, i) => {
        h.householdId = ids[i]!;
      });
    }
    const inserts = plan.flatMap((h) =>
      h.members.filter((m) => m.action === 'insert').map((m) => ({ h, m })),
    );
    const updates = plan.flatMap((h) =>
      h.members.filter((m) => m.action === 'update').map((m) => ({ h, m })),
    );
    const personIds = await drawIds(tx, 'persons', inserts.length);
    inserts.forEach((x, i) => {
      x.m.personId = personIds[i]!;
    });
    const changed = [...inserts, ...updates];
    if (changed.length) await upsertPersons(tx, cipher, changed);
    if (inserts.length)
      await tx.execute(sql`
        insert into person_moves (person_id, kind, to_household_id, moved_on, note, actor_id)
        select id, 'move_in', hid, ${by.today}, '表格导入', ${by.actorId}
        from unnest(${ints(inserts.map((x) => x.m.personId))}::int[], ${ints(inserts.map((x) => x.h.householdId))}::int[]) as u(id, hid)`);
    if (changed.length) {
      const tagRows = changed.flatMap((x) =>
        x.m.p.tagIds.map((t) => [t, x.h.gridId, x.m.personId!] as const),
      );
      const editable = changed.flatMap((x) =>
        by.editableTags(x.m.p.gridCode).map((t) => [x.m.personId!, t] as const),
      );
      await tx.execute(sql`
        delete from person_tags t using unnest(${ints(editable.map((e) => e[0]))}::int[], ${ints(editable.map((e) => e[1]))}::int[])
          as u(pid, tid) where t.person_id = u.pid and t.tag_id = u.tid`);
      if (tagRows.length)
        await tx.execute(sql`
          insert into person_tags (tag_id, grid_id, person_id)
          select * from unnest(${ints(tagRows.map((r) => r[0]))}::int[], ${ints(tagRows.map((r) => r[1]))}::int[],
            ${ints(tagRows.map((r) => r[2]))}::int[]) on conflict do nothing`);
    }
    await tx.execute(sql`
      update households h set head_person_id = p.id from persons p
      where h.id = any(${ints(plan.map((x) => x.householdId))}::int[]) and h.head_person_id is null
        and p.household_id = h.id and p.relation = 'head'`);
    const unchanged = plan.reduce((n, h) => n + h.members.filter((m) => m.action === 'unchanged').length, 0);
    return { written: changed.length, unchanged };
  });
}

/** Inserts the new persons and rewrites the matched ones that changed, by id, in one statement. */
async function upsertPersons(
  tx: Db,
  cipher: PersonalDataCipher,
  list: { h: PlannedHousehold; m: PlannedPerson }[],
): Promise<void> {
  const s = list.map((x) => sealPerson(cipher, x.m));
  const p = list.map((x) => x.m.p);
  await tx.execute(sql`
    insert into persons (id, household_id, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, gender, birth_date,
      id_type, id_number_enc, id_number_hash, phone_enc, phone_bidx, relation, floating_registered_on)
      overriding system value
    select * from unnest(${ints(s.map((x) => x.id))}::int[], ${ints(list.map((x) => x.h.householdId))}::int[],
      ${ints(list.map((x) => x.h.gridId))}::int[], ${texts(s.map((x) => x.nameEnc))}::text[],
      ${texts(s.map((x) => x.nameBidx))}::text[], ${texts(s.map((x) => x.name1Bidx))}::text[],
      ${texts(s.map((x) => x.name2Bidx))}::text[], ${texts(p.map((x) => x.gender))}::text[],
      ${texts(p.map((x) => x.birthDate))}::date[], ${texts(p.map((x) => x.idType))}::text[],
      ${texts(s.map((x) => x.idEnc))}::text[], ${texts(s.map((x) => x.idHash))}::text[],
      ${texts(s.map((x) => x.phoneEnc))}::text[], ${texts(s.map((x) => x.phoneBidx))}::text[],
      ${texts(p.map((x) => x.relation))}::text[], ${texts(p.map((x) => x.floating))}::date[])
    -- matched persons (ids of rows that exist) are rewritten; a number given keeps the one on file otherwise
    on conflict (id) do update set name_enc = excluded.name_enc, name_bidx = excluded.name_bidx,
      name1_bidx = excluded.name1_bidx, name2_bidx = excluded.name2_bidx, gender = excluded.gender,
      birth_date = excluded.birth_date, id_type = excluded.id_type,
      id_number_enc = coalesce(excluded.id_number_enc, persons.id_number_enc),
      id_number_hash = coalesce(excluded.id_number_hash, persons.id_number_hash),
      phone_enc = excluded.phone_enc, phone_bidx = excluded.phone_bidx, relation = excluded.relation,
      floating_registered_on = excluded.floating_registered_on, updated_at = now()`);
}
