import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import { makeHouse } from '../../../test/people-factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { insertCase } from '../case-reports/test-fixtures.ts';
import { PersonalDataCipher } from './cipher.ts';
import { blindIndexOf } from './fields.ts';
import { rotatePersonalData } from './rotate-keys.ts';

const OLD = 'a-retired-secret-key-that-is-long-enough-01';

let db: Db;
let t: Tenant;

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
});

/** A phone as the cipher before the keyring sealed it (v1, AES-256-GCM, no key id). */
function v1(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', createHash('sha256').update(`enc:${secret}`).digest(), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

describe('rotating the personal-data key', () => {
  it('re-seals values and blind indexes of a retired key under the current one, once', async () => {
    const old = new PersonalDataCipher(OLD);
    // the current key is the test apps' one, so rotating leaves every other test's rows as they are
    const current = new PersonalDataCipher(testConfig().secretKey, { previous: [OLD] });
    const c = await insertCase(db, t);
    await db.execute(
      sql`update cases set reporter_phone_enc = ${v1(OLD, '13812345678')}, reporter_name_enc = ${old.encrypt('张三')}
          where id = ${c.id}`,
    );
    const h = await one<{ id: number }>(
      db,
      sql`insert into households (grid_id, house_id, address_enc)
          values (${t.grids[0]!.id}, ${await makeHouse(db, t.grids[0]!.id)}, ${old.encrypt('测试社区2号楼')})
          returning id`,
    );
    const p = await one<{ id: number }>(
      db,
      // with the prefix indexes a sealed name always has, so the start-up completion leaves the row alone
      sql`insert into persons (household_id, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx, id_number_enc,
            id_number_hash)
          values (${h!.id}, ${t.grids[0]!.id}, ${old.encrypt('李四')}, ${blindIndexOf(old, 'name', '李四')},
            ${blindIndexOf(old, 'name', '李')}, ${blindIndexOf(old, 'name', '李四')},
            ${old.encrypt('41160219900101123X')}, ${blindIndexOf(old, 'idNumber', '41160219900101123X')})
          returning id`,
    );
    const read = async () => ({
      case: await one<{ phone: string; name: string }>(
        db,
        sql`select reporter_phone_enc as phone, reporter_name_enc as name from cases where id = ${c.id}`,
      ),
      household: await one<{ address: string }>(
        db,
        sql`select address_enc as address from households where id = ${h!.id}`,
      ),
      person: await one<{ name: string; bidx: string; idn: string; idHash: string }>(
        db,
        sql`select name_enc as name, name_bidx as bidx, id_number_enc as idn, id_number_hash as "idHash"
            from persons where id = ${p!.id}`,
      ),
    });

    const counts = await rotatePersonalData(db, current, { batch: 1 });
    const after = await read();
    for (const v of [
      after.case!.phone,
      after.case!.name,
      after.household!.address,
      after.person!.name,
      after.person!.idn,
    ])
      expect(current.isCurrent(v)).toBe(true);
    expect(current.decrypt(after.case!.phone)).toBe('13812345678');
    expect(current.decrypt(after.case!.name)).toBe('张三');
    expect(current.decrypt(after.household!.address)).toBe('测试社区2号楼');
    expect(current.decrypt(after.person!.name)).toBe('李四');
    expect(after.person!.bidx).toBe(blindIndexOf(current, 'name', '李四'));
    expect(after.person!.idHash).toBe(blindIndexOf(current, 'idNumber', '41160219900101123X'));
    expect(counts.find((x) => x.column === 'persons.name_enc')!.resealed).toBeGreaterThanOrEqual(1);
    // the retired secret alone no longer opens anything of these rows
    expect(() => old.decrypt(after.person!.name)).toThrow();

    await rotatePersonalData(db, current);
    expect(await read()).toEqual(after);
  });

  it('finds a person by a searched name under either key while a rotation is under way', async () => {
    const old = new PersonalDataCipher(OLD);
    const current = new PersonalDataCipher(testConfig().secretKey, { previous: [OLD] });
    const { blindIndexMatches } = await import('./fields.ts');
    const h = await one<{ id: number }>(
      db,
      sql`insert into households (grid_id, house_id, address_enc)
          values (${t.grids[1]!.id}, ${await makeHouse(db, t.grids[1]!.id)}, ${old.encrypt('测试')}) returning id`,
    );
    await db.execute(
      // the prefix columns are set (to any value) so the start-up completion of other tests leaves these rows alone
      sql`insert into persons (household_id, grid_id, name_enc, name_bidx, name1_bidx, name2_bidx) values
            (${h!.id}, ${t.grids[1]!.id}, ${old.encrypt('周七')}, ${blindIndexOf(old, 'name', '周七')}, '-', '-'),
            (${h!.id}, ${t.grids[1]!.id}, ${current.encrypt('周七')}, ${blindIndexOf(current, 'name', '周七')}, '-', '-'),
            (${h!.id}, ${t.grids[1]!.id}, ${current.encrypt('周八')}, ${blindIndexOf(current, 'name', '周八')}, '-', '-')`,
    );
    const found = await rows<{ name: string }>(
      db,
      sql`select name_enc as name from persons p where p.household_id = ${h!.id}
          and ${blindIndexMatches(current, sql`p.name_bidx`, 'name', ' 周七 ')}`,
    );
    expect(found.map((r) => current.decrypt(r.name))).toEqual(['周七', '周七']);
  });
});
