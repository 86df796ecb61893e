import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, rows } from '../../infra/db.ts';
import { migrate } from '../../infra/migrate.ts';
import { MIGRATIONS_DIR } from '../../infra/pglite-template.ts';

const MIGRATION = '0013_event_visibility.sql';
const dir = mkdtempSync(path.join(tmpdir(), 'cg-migrations-'));
let database: Database | null = null;

afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`migration ${MIGRATION}`, () => {
  it('turns existing events internal except the report, the filing and the close, and every old note internal', async () => {
    // a database as it stood before the migration, with events written when everything was public
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f < MIGRATION)) {
      copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    }
    database = await openPglite('memory://', false);
    await migrate(database, dir);
    const db = database.db;
    await db.execute(
      sql`insert into categories (code, parent_code, name_zh, name_en) values ('99', null, '测试', 'Test'),
            ('99.01', '99', '测试小类', 'Test item')`,
    );
    await db.execute(
      sql`insert into cases (tracking_code, source, category_code, state, description, org_code)
          values ('CG0000-MIGRAT', 'resident', '99.01', 'closed', 'x', '411602')`,
    );
    const actions = [
      'report',
      'file',
      'dispatch',
      'sign',
      'request_extension',
      'feedback',
      'close',
      'fix_on_spot',
    ];
    for (const action of actions) {
      await db.execute(
        sql`insert into case_events (case_id, action, to_state, reason)
            select id, ${action}, 'closed', ${`old note of ${action}`} from cases`,
      );
    }
    copyFileSync(path.join(MIGRATIONS_DIR, MIGRATION), path.join(dir, MIGRATION));
    expect(await migrate(database, dir)).toEqual([MIGRATION]);
    const after = await rows<{ action: string; public: boolean; notePublic: boolean; reason: string }>(
      db,
      sql`select action, public, note_public as "notePublic", reason from case_events order by id`,
    );
    expect(after.filter((e) => e.public).map((e) => e.action)).toEqual([
      'report',
      'file',
      'close',
      'fix_on_spot',
    ]);
    expect(after.every((e) => !e.notePublic && e.reason === `old note of ${e.action}`)).toBe(true);
    // a new event nobody marks is internal
    await db.execute(
      sql`insert into case_events (case_id, action, to_state) select id, 'comment', 'closed' from cases`,
    );
    const fresh = await rows<{ public: boolean; notePublic: boolean }>(
      db,
      sql`select public, note_public as "notePublic" from case_events where action = 'comment'`,
    );
    expect(fresh).toEqual([{ public: false, notePublic: false }]);
  }, 180_000);
});
