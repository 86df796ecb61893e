import { idDocumentProblem } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import { makeHouse } from '../../../test/people-factories.ts';
import { type Database, one, rows } from '../../infra/db.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { completeResidents } from './complete-demo-residents.ts';
import { nameIndexes } from './person-indexes.ts';

let database: Database;
let t: Tenant;
beforeAll(async () => {
  database = await testDatabase();
  t = await createTenant(database.db);
});

describe('completing residents moved by migration 0040', () => {
  it('gives demo persons a valid ID number agreeing with birth and gender, and indexes name prefixes', async () => {
    const db = database.db;
    const cipher = testCipher();
    const h = await one<{ id: number }>(
      db,
      sql`insert into households (grid_id, house_id, is_demo)
          values (${t.grids[0]!.id}, ${await makeHouse(db, t.grids[0]!.id)}, true) returning id`,
    );
    const made = await rows<{ id: number }>(
      db,
      sql`insert into persons (household_id, grid_id, name_enc, name_bidx, gender, birth_date, is_demo)
          values (${h!.id}, ${t.grids[0]!.id}, ${cipher.encrypt('欧阳娜娜')}, 'x', 'F', '1941-05-06', true),
                 (${h!.id}, ${t.grids[0]!.id}, ${cipher.encrypt('李四')}, 'y', 'M', '1941-05-06', true)
          returning id`,
    );
    await completeResidents(database, cipher);
    const after = await rows<{
      id_number_enc: string;
      birth_date: string;
      gender: 'M' | 'F';
      name1_bidx: string;
    }>(
      db,
      sql`select id_number_enc, birth_date, gender, name1_bidx from persons
          where id in (${made[0]!.id}, ${made[1]!.id}) order by id`,
    );
    for (const p of after) {
      const id = cipher.decrypt(p.id_number_enc);
      expect(id.slice(0, 6)).toBe(t.district.code);
      expect(idDocumentProblem('id_card', id, { birthDate: p.birth_date, gender: p.gender })).toBeNull();
    }
    expect(after[0]!.name1_bidx).toBe(nameIndexes(cipher, '欧阳娜娜').name1Bidx);
    expect(await completeResidents(database, cipher)).toBe(0);
  });
});
