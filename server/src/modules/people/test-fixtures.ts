import { type Gender, makeIdNumber } from '@civicgrid/shared';
import { gridCentre, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { writeImportChunk } from './commands/write-import-chunk.ts';
import { planChunk } from './import/plan-chunk.ts';
import type { ImportPerson } from './import/validate-rows.ts';
import { districtToday } from './present-person.ts';
import { listTags } from './queries.ts';

let sequence = 0;

/** A valid ID number of the tenant's region, distinct within this test process. */
export function idFor(t: Tenant, birthDate: string, gender: Gender): string {
  sequence++;
  return makeIdNumber(t.district.code, birthDate, gender, sequence);
}

/** One member of a test household; what is not given is filled with a plausible resident. */
export function member(t: Tenant, over: Partial<ImportPerson> = {}): Partial<ImportPerson> {
  const birthDate = over.birthDate ?? '1960-05-04';
  const gender = over.gender ?? 'M';
  return {
    name: '张三',
    relation: 'head',
    gender,
    birthDate,
    idNumber: idFor(t, birthDate, gender),
    ...over,
  };
}

/**
 * A household in grid `gridIndex` of the tenant, written through the import's own planning and writing (a
 * building at the grid's centre, room `room`), with tags by name. Returns the household and person ids.
 */
/**
 * Rooms handed out in sequence: a random room in 100–999 collided (same building, unit and room)
 * once a test made a few dozen households in one grid. The random start keeps separate test
 * processes that share a database apart too.
 */
let roomSeq = Math.floor(Math.random() * 1e6);
const nextRoom = () => String(100 + roomSeq++);

export async function addHousehold(
  db: Db,
  t: Tenant,
  gridIndex: number,
  members: Partial<ImportPerson>[],
  opts: { room?: string; building?: string; tags?: string[][] } = {},
): Promise<{ householdId: number; personIds: number[] }> {
  const grid = t.grids[gridIndex]!;
  const at = gridCentre(t, gridIndex);
  const tags = await listTags(db);
  const rows: ImportPerson[] = members.map((m, i) => ({
    row: i + 2,
    gridId: grid.id,
    gridCode: grid.code,
    building: opts.building ?? `${grid.name}1号楼`,
    lng: at.lng,
    lat: at.lat,
    unit: '1',
    floor: 1,
    room: opts.room ?? nextRoom(),
    rental: false,
    name: '张三',
    relation: 'head',
    gender: 'M',
    birthDate: '1960-05-04',
    idType: 'id_card',
    idNumber: null,
    phone: null,
    floating: null,
    tagIds: (opts.tags?.[i] ?? []).map((name) => tags.find((x) => x.name === name)!.id),
    ...m,
  }));
  const editable = () => tags.filter((x) => !x.derived).map((x) => x.id);
  const cipher = testCipher();
  const { plan, errors } = await planChunk(db, cipher, [rows], editable);
  if (errors.length) throw new Error(`addHousehold: ${JSON.stringify(errors)}`);
  await writeImportChunk(db, cipher, { actorId: null, today: districtToday(), editableTags: editable }, plan);
  return { householdId: plan[0]!.householdId!, personIds: plan[0]!.members.map((m) => m.personId!) };
}
