import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { blindIndexOf, seal } from '../personal-data/fields.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';

/** A resident of a test household. */
export interface TestResident {
  name: string;
  birthYear: number;
  gender?: 'M' | 'F';
}

/**
 * A household in a grid with its residents, written as the archive writes them (sealed names with their
 * blind index, sealed address), for visit tests.
 */
export async function createHousehold(
  db: Db,
  gridId: number,
  opts: { building: string; address: string; residents: TestResident[] },
): Promise<number> {
  const cipher = testCipher();
  const h = await one<{ id: number }>(
    db,
    sql`insert into households (grid_id, building, address_enc)
        values (${gridId}, ${opts.building}, ${seal(cipher, opts.address)}) returning id`,
  );
  for (const r of opts.residents) {
    await db.execute(
      sql`insert into persons (household_id, grid_id, name_enc, name_bidx, gender, birth_year)
          values (${h!.id}, ${gridId}, ${seal(cipher, r.name)}, ${blindIndexOf(cipher, 'name', r.name)},
            ${r.gender ?? 'F'}, ${r.birthYear})`,
    );
  }
  return h!.id;
}
