import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { blindIndexOf } from '../../personal-data/fields.ts';
import { normalise } from '../../personal-data/mask.ts';
import type { ImportPerson, RowError } from './validate-rows.ts';

/** One member of a planned household: insert it, update the matched person, or leave them as they are. */
export interface PlannedPerson {
  p: ImportPerson;
  action: 'insert' | 'update' | 'unchanged';
  personId: number | null;
}

/** One household to write: where it lives (existing or new rows) and its members. */
export interface PlannedHousehold {
  gridId: number;
  buildingId: number | null;
  newBuilding: { address: string; name: string; lng: number; lat: number } | null;
  houseId: number | null;
  householdId: number | null;
  hasHead: boolean;
  members: PlannedPerson[];
}

interface Existing {
  id: number;
  householdId: number;
  nameBidx: string;
  gender: string | null;
  birthDate: string | null;
  idType: string;
  idHash: string | null;
  phoneBidx: string | null;
  relation: string;
  floating: string | null;
  tagIds: number[] | null;
}

const intArray = (values: number[]) => `{${values.join(',')}}`;
const textArray = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * Matches a chunk of checked households against the archive: their buildings (existing, or new ones whose
 * point must lie inside the grid), houses and households, and each member (by ID number under every key of
 * the ring, else by household + name + birth date). A member already living in another household refuses
 * its household. Matched members whose fields and tags are all the same are left unchanged, which is what
 * makes a re-import of the same file write nothing.
 */
export async function planChunk(
  db: Db,
  cipher: PersonalDataCipher,
  households: ImportPerson[][],
  editableTags: (gridCode: string) => number[],
): Promise<{ plan: PlannedHousehold[]; errors: RowError[] }> {
  const errors: RowError[] = [];
  const refuse = (members: ImportPerson[], reason: string) => {
    for (const m of members) errors.push({ row: m.row, reasons: [reason] });
  };
  const firsts = households.map((h) => h[0]!);
  const buildings = await rows<{ id: number; key: string }>(
    db,
    sql`select b.id, b.grid_id || '|' || b.address as key from buildings b
        join unnest(${intArray(firsts.map((p) => p.gridId))}::int[], ${textArray(firsts.map((p) => p.building))}::text[])
          as x(grid_id, address) on b.grid_id = x.grid_id and b.address = x.address`,
  );
  const buildingOf = new Map(buildings.map((b) => [b.key, b.id]));
  const wanted = households.map((h) => h.find((m) => m.lng !== null) ?? h[0]!);
  const inside = await rows<{ i: number; inside: boolean }>(
    db,
    sql`select x.i, coalesce(ST_Contains(g.geom, ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326)), false) as inside
        from unnest(${intArray(wanted.map((_, i) => i))}::int[], ${intArray(wanted.map((p) => p.gridId))}::int[],
          ${`{${wanted.map((p) => p.lng ?? 'NULL').join(',')}}`}::float8[],
          ${`{${wanted.map((p) => p.lat ?? 'NULL').join(',')}}`}::float8[]) as x(i, grid_id, lng, lat)
        join org_nodes g on g.id = x.grid_id where x.lng is not null`,
  );
  const insideAt = new Map(inside.map((r) => [r.i, r.inside]));
  const houses = await rows<{ id: number; key: string; householdId: number | null }>(
    db,
    sql`select ho.id, ho.building_id || '|' || ho.unit || '|' || ho.room as key, h.id as "householdId"
        from houses ho left join households h on h.house_id = ho.id
        where ho.building_id = any(${intArray([...new Set(buildings.map((b) => b.id))])}::int[])`,
  );
  const houseOf = new Map(houses.map((h) => [h.key, h]));
  const hashesOf = (id: string) => cipher.blindIndexes(normalise('idNumber', id));
  const allHashes = households.flat().flatMap((m) => (m.idNumber ? hashesOf(m.idNumber) : []));
  const householdIds = houses.flatMap((h) => (h.householdId ? [h.householdId] : []));
  const existing = await rows<Existing>(
    db,
    sql`select p.id, p.household_id as "householdId", p.name_bidx as "nameBidx", p.gender,
          p.birth_date as "birthDate", p.id_type as "idType", p.id_number_hash as "idHash",
          p.phone_bidx as "phoneBidx", p.relation, p.floating_registered_on as floating,
          (select array_agg(t.tag_id order by t.tag_id) from person_tags t where t.person_id = p.id) as "tagIds"
        from persons p
        where p.id_number_hash = any(${textArray(allHashes)}::text[])
           or p.household_id = any(${intArray(householdIds)}::int[])`,
  );
  const byHash = new Map(existing.filter((e) => e.idHash).map((e) => [e.idHash!, e]));
  const byNameBirth = new Map(existing.map((e) => [`${e.householdId}|${e.nameBidx}|${e.birthDate}`, e]));
  const plan: PlannedHousehold[] = [];
  const planOne = (members: ImportPerson[], i: number): PlannedHousehold | string => {
    const first = members[0]!;
    const buildingId = buildingOf.get(`${first.gridId}|${first.building}`) ?? null;
    let newBuilding: PlannedHousehold['newBuilding'] = null;
    if (buildingId === null) {
      const w = wanted[i]!;
      if (w.lng === null || w.lat === null) return '楼栋不存在：新楼栋请填写楼栋经纬度';
      if (!insideAt.get(i)) return '楼栋坐标不在该网格范围内';
      const name = first.building.match(/[^社区村]*号楼$/)?.[0] ?? first.building;
      newBuilding = { address: first.building, name, lng: w.lng, lat: w.lat };
    }
    const house = buildingId === null ? undefined : houseOf.get(`${buildingId}|${first.unit}|${first.room}`);
    const householdId = house?.householdId ?? null;
    const planned: PlannedPerson[] = [];
    for (const p of members) {
      const nameBidx = blindIndexOf(cipher, 'name', p.name);
      const match =
        (p.idNumber
          ? hashesOf(p.idNumber)
              .map((h) => byHash.get(h))
              .find(Boolean)
          : undefined) ?? byNameBirth.get(`${householdId}|${nameBidx}|${p.birthDate}`);
      if (match && match.householdId !== householdId)
        return `第${p.row}行的证件号码已登记在其他住户（请先办理迁出）`;
      if (!match) {
        planned.push({ p, action: 'insert', personId: null });
        continue;
      }
      const editable = editableTags(p.gridCode);
      const before = (match.tagIds ?? []).filter((t) => editable.includes(t)).join(',');
      const same =
        match.nameBidx === nameBidx &&
        match.gender === p.gender &&
        match.birthDate === p.birthDate &&
        (p.idNumber
          ? match.idType === p.idType && match.idHash === blindIndexOf(cipher, 'idNumber', p.idNumber)
          : true) &&
        match.phoneBidx === (p.phone ? blindIndexOf(cipher, 'phone', p.phone) : null) &&
        match.relation === p.relation &&
        match.floating === p.floating &&
        before === [...p.tagIds].sort((a, b) => a - b).join(',');
      planned.push({ p, action: same ? 'unchanged' : 'update', personId: match.id });
    }
    if (householdId === null && !members.some((m) => m.relation === 'head')) return '新住户须有一名「户主」';
    return {
      gridId: first.gridId,
      buildingId,
      newBuilding,
      houseId: house?.id ?? null,
      householdId,
      hasHead: members.some((m) => m.relation === 'head'),
      members: planned,
    };
  };
  households.forEach((members, i) => {
    const planned = planOne(members, i);
    if (typeof planned === 'string') refuse(members, planned);
    else plan.push(planned);
  });
  return { plan, errors };
}
