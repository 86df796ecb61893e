import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, openPglite, rows } from '../../infra/db.ts';
import { migrate } from '../../infra/migrate.ts';
import { MIGRATIONS_DIR } from '../../infra/pglite-template.ts';
import { blindIndexOf } from './fields.ts';
import { sealLegacyPlaintext } from './seal-legacy.ts';
import { testCipher } from './test-fixtures.ts';

// An installation of the version before 0014, with personal data in clear, upgraded the way a server start
// upgrades it: the migration, then the sealing step. A database of its own, started from an older schema.
let database: Database;

/** A folder holding only the migrations older than 0014, as an installation of the previous version has. */
function olderMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'civicgrid-pre0014-'));
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f < '0014'))
    symlinkSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  return dir;
}

// without the template: initdb and PostGIS from scratch, minutes on a busy machine
beforeAll(async () => {
  database = await openPglite('memory://', false);
  await migrate(database, olderMigrations());
  const db = database.db;
  await db.execute(sql`insert into org_nodes (code, level, name) values ('411699', 'district', '旧区')`);
  await db.execute(sql`insert into categories (code, name_zh, name_en) values ('05', '市政', 'Utilities')`);
  await db.execute(
    sql`insert into categories (code, parent_code, name_zh, name_en) values ('05.02', '05', '路灯', 'Lights')`,
  );
  await db.execute(sql`
    insert into cases (tracking_code, source, category_code, state, description, org_code, reporter_name)
    values ('OLD-1', 'hotline', '05.02', 'reported', '路灯不亮', '411699', '张三')`);
  await db.execute(sql`
    insert into households (grid_id, address) select id, '旧区1号楼101室' from org_nodes where code = '411699'`);
  await db.execute(sql`
    insert into persons (household_id, grid_id, name)
    select h.id, h.grid_id, n from households h cross join unnest(array['李四', '王五']) n`);
  // what migration 0040 turns into buildings, houses, birth dates and tag rows
  await db.execute(sql`update households set building = '3号楼'`);
  await db.execute(sql`update persons set birth_year = 1950, tags = '{党员,自定义}' where name = '李四'`);
  await db.execute(sql`
    insert into audit_log (action, entity, entity_id, before, after) values
      ('user.create', 'user', 'u1', null, '{"username": "li4", "phone": "13812345678"}'),
      ('user.update', 'user', 'u1', '{"phone": "13812345678"}', '{"phone": "+86 139-0000-2222"}'),
      ('unit.update', 'unit', '7', '{"phone": "0394-8101001"}', '{"phone": "0394-8101002"}')`);
  await migrate(database);
}, 300_000);
afterAll(() => database.close());

describe('upgrading an installation that stored personal data in clear', () => {
  it('keeps the clear values aside until the start-up step seals them, then holds none', async () => {
    const db = database.db;
    const before = await one<{ name: string | null; enc: string | null }>(
      db,
      sql`select legacy_reporter_name as name, reporter_name_enc as enc from cases where tracking_code = 'OLD-1'`,
    );
    expect(before).toEqual({ name: '张三', enc: null });

    const sealed = await sealLegacyPlaintext(database, testCipher());
    expect(sealed).toEqual({
      'cases.legacy_reporter_name': 1,
      'households.legacy_address': 1,
      'persons.legacy_name': 2,
    });
    const cipher = testCipher();
    const c = await one<{ legacy: string | null; enc: string }>(
      db,
      sql`select legacy_reporter_name as legacy, reporter_name_enc as enc from cases where tracking_code = 'OLD-1'`,
    );
    expect(c!.legacy).toBeNull();
    expect(cipher.decrypt(c!.enc)).toBe('张三');
    const h = await one<{ legacy: string | null; enc: string }>(
      db,
      sql`select legacy_address as legacy, address_enc as enc from households`,
    );
    expect(h!.legacy).toBeNull();
    expect(cipher.decrypt(h!.enc)).toBe('旧区1号楼101室');
    const p = await rows<{ legacy: string | null; enc: string; bidx: string }>(
      db,
      sql`select legacy_name as legacy, name_enc as enc, name_bidx as bidx from persons order by id`,
    );
    expect(p.map((x) => [x.legacy, cipher.decrypt(x.enc), x.bidx])).toEqual([
      [null, '李四', blindIndexOf(cipher, 'name', '李四')],
      [null, '王五', blindIndexOf(cipher, 'name', '王五')],
    ]);
    expect(await sealLegacyPlaintext(database, cipher)).toEqual({});
  });

  it('masks the phones users’ audit rows held in clear, and leaves units’ office numbers', async () => {
    const audit = await rows<{ action: string; before: unknown; after: unknown }>(
      database.db,
      sql`select action, before, after from audit_log order by id`,
    );
    expect(audit).toEqual([
      { action: 'user.create', before: null, after: { username: 'li4', phone: '138****5678' } },
      { action: 'user.update', before: { phone: '138****5678' }, after: { phone: '139****2222' } },
      { action: 'unit.update', before: { phone: '0394-8101001' }, after: { phone: '0394-8101002' } },
    ]);
  });

  it('refuses a value in clear in a sealed column from now on', async () => {
    await expect(
      database.db.execute(sql`update cases set reporter_name_enc = '张三' where tracking_code = 'OLD-1'`),
    ).rejects.toThrow(/check constraint/);
    await expect(
      database.db.execute(
        sql`update cases set reporter_phone_enc = '13812345678' where tracking_code = 'OLD-1'`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('moves households into buildings and houses, birth years into dates, tags into rows (0040)', async () => {
    const db = database.db;
    const placed = await rows<{ address: string; room: string; head: number | null }>(
      db,
      sql`select b.address, ho.room, h.head_person_id as head from households h join houses ho on ho.id = h.house_id
          join buildings b on b.id = ho.building_id`,
    );
    expect(placed).toHaveLength(1);
    expect(placed[0]!.address).toBe('3号楼');
    expect(placed[0]!.head).not.toBeNull();
    const people = await rows<{ birth: string | null; relation: string; tags: string[] | null }>(
      db,
      sql`select p.birth_date as birth, p.relation,
            (select array_agg(a.name order by a.name) from person_tags t join archive_tags a on a.id = t.tag_id
             where t.person_id = p.id) as tags
          from persons p order by p.id`,
    );
    expect(people[0]).toMatchObject({ relation: 'head', tags: ['党员', '自定义'] });
    expect(people[0]!.birth).toMatch(/^1950-\d\d-\d\d$/);
    expect(people[1]).toMatchObject({ birth: null, relation: 'child', tags: null });
  });
});
