import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import { makeHouse } from '../../../test/people-factories.ts';
import { type Database, one, rows } from '../../infra/db.ts';
import { insertCase } from '../case-reports/test-fixtures.ts';
import { blindIndexOf } from './fields.ts';
import { sealLegacyPlaintext } from './seal-legacy.ts';
import { testCipher } from './test-fixtures.ts';

let database: Database;
let t: Tenant;

beforeAll(async () => {
  database = await testDatabase();
  t = await createTenant(database.db);
});

/** Rows as a version before 0014 left them: names and addresses in clear (now the legacy_* columns). */
async function legacyRows() {
  const db = database.db;
  const c = await insertCase(db, t);
  await db.execute(sql`update cases set legacy_reporter_name = '张三' where id = ${c.id}`);
  const h = await one<{ id: number }>(
    db,
    sql`insert into households (grid_id, house_id, legacy_address)
        values (${t.grids[0]!.id}, ${await makeHouse(db, t.grids[0]!.id)}, '测试社区1号楼101室')
        returning id`,
  );
  const persons = await rows<{ id: number }>(
    db,
    sql`insert into persons (household_id, grid_id, legacy_name)
        select ${h!.id}, ${t.grids[0]!.id}, n from unnest(array['李四', '王五', '赵六']) n returning id`,
  );
  return { caseId: c.id, householdId: h!.id, personIds: persons.map((p) => p.id) };
}

async function stored(ids: Awaited<ReturnType<typeof legacyRows>>) {
  const db = database.db;
  return {
    case: await one<{ legacy: string | null; enc: string }>(
      db,
      sql`select legacy_reporter_name as legacy, reporter_name_enc as enc from cases where id = ${ids.caseId}`,
    ),
    household: await one<{ legacy: string | null; enc: string }>(
      db,
      sql`select legacy_address as legacy, address_enc as enc from households where id = ${ids.householdId}`,
    ),
    persons: await rows<{ legacy: string | null; enc: string; bidx: string }>(
      db,
      sql`select legacy_name as legacy, name_enc as enc, name_bidx as bidx from persons
          where id in (${sql.join(ids.personIds, sql`, `)}) order by id`,
    ),
  };
}

describe('sealing personal data stored in clear by an older version', () => {
  it('seals every legacy value, clears the plaintext and indexes names for exact search', async () => {
    const ids = await legacyRows();
    await sealLegacyPlaintext(database, testCipher(), 2);
    const after = await stored(ids);
    const cipher = testCipher();
    expect(after.case!.legacy).toBeNull();
    expect(cipher.decrypt(after.case!.enc)).toBe('张三');
    expect(after.household!.legacy).toBeNull();
    expect(cipher.decrypt(after.household!.enc)).toBe('测试社区1号楼101室');
    expect(after.persons.map((p) => p.legacy)).toEqual([null, null, null]);
    expect(after.persons.map((p) => cipher.decrypt(p.enc))).toEqual(['李四', '王五', '赵六']);
    expect(after.persons.map((p) => p.bidx)).toEqual(
      ['李四', '王五', '赵六'].map((n) => blindIndexOf(cipher, 'name', n)),
    );
  });

  it('seals each row once, also when two processes start together and when it runs again', async () => {
    const ids = await legacyRows();
    const counts = await Promise.all([
      sealLegacyPlaintext(database, testCipher(), 2),
      sealLegacyPlaintext(database, testCipher(), 2),
    ]);
    const total = (key: string) => counts.reduce((n, c) => n + (c[key] ?? 0), 0);
    expect(total('persons.legacy_name')).toBe(3);
    expect(total('households.legacy_address')).toBe(1);
    expect(total('cases.legacy_reporter_name')).toBe(1);
    const first = await stored(ids);
    expect(await sealLegacyPlaintext(database, testCipher())).toEqual({});
    expect(await stored(ids)).toEqual(first);
  });
});
