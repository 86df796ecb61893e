import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { nameIndexes } from '../people/person-indexes.ts';
import { seal } from '../personal-data/fields.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';

/** A resident of a test household. */
export interface TestResident {
  name: string;
  birthDate: string;
  gender?: 'M' | 'F';
}

/**
 * A household in a building of a grid (at the grid's surface point) with its residents, written as the
 * archive writes them (sealed names with their blind index, sealed address); the first resident is the
 * head. For visit tests. Returns the household's id and its building's public address.
 */
export async function createHousehold(
  db: Db,
  gridId: number,
  opts: { building: string; address: string; residents: TestResident[] },
): Promise<{ id: number; buildingAddress: string }> {
  const cipher = testCipher();
  const buildingAddress = `测试路${randomBytes(4).toString('hex')}${opts.building}`;
  const house = await one<{ id: number }>(
    db,
    sql`with b as (insert into buildings (grid_id, name, address, geom)
          select id, ${opts.building}, ${buildingAddress}, st_pointonsurface(geom) from org_nodes where id = ${gridId}
          returning id)
        insert into houses (building_id, unit, floor, room) select id, '1', 1, '101' from b returning id`,
  );
  const h = await one<{ id: number }>(
    db,
    sql`insert into households (grid_id, house_id, address_enc)
        values (${gridId}, ${house!.id}, ${seal(cipher, opts.address)}) returning id`,
  );
  for (const [i, r] of opts.residents.entries()) {
    const idx = nameIndexes(cipher, r.name);
    await db.execute(
      sql`insert into persons (household_id, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, gender, birth_date,
            relation)
          values (${h!.id}, ${gridId}, ${seal(cipher, r.name)}, ${idx.nameBidx}, ${idx.name1Bidx}, ${idx.name2Bidx},
            ${r.gender ?? 'F'}, ${r.birthDate}, ${i === 0 ? 'head' : 'child'})`,
    );
  }
  return { id: h!.id, buildingAddress };
}
