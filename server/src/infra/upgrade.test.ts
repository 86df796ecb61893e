import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { cipherFromConfig } from '../modules/personal-data/cipher.ts';
import { sealLegacyPlaintext } from '../modules/personal-data/seal-legacy.ts';
import { type Database, one, openPglite, openPostgres } from './db.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS_DIR } from './pglite-template.ts';
import { UPGRADE_LEVELS, upgradeMismatches } from './upgrade-data.ts';

const FILES = readdirSync(MIGRATIONS_DIR)
  .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
  .sort();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Applies the migrations up to and including `last`, as a server of that version would have. */
async function migrateTo(database: Database, last: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-migrations-'));
  dirs.push(dir);
  for (const f of FILES.filter((f) => f <= last))
    copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  return migrate(database, dir);
}

/**
 * A database of the version whose last migration is `prefix`, holding the data of every level up to it,
 * each written when its tables appeared (the walk a real installation takes), then upgraded to this code.
 * Returns the migrations the upgrade applied.
 */
async function upgradeFrom(database: Database, prefix: string): Promise<string[]> {
  for (const level of UPGRADE_LEVELS.filter((l) => l.at <= prefix)) {
    await migrateTo(database, level.at);
    await database.withLock(1, ({ exec }) => exec(level.insert));
  }
  await migrateTo(database, prefix);
  return migrate(database);
}

const SECRET = { secretKey: 'upgrade-test-secret-key-long-enough-0000' };

/** The personal data written in clear before 0014 reads back sealed after the start-up step. */
async function personalDataSurvived(database: Database): Promise<void> {
  const cipher = cipherFromConfig(SECRET);
  await sealLegacyPlaintext(database, cipher);
  const row = await one<{ name: string; address: string; person: string }>(
    database.db,
    sql`select c.reporter_name_enc as name, h.address_enc as address, p.name_enc as person
        from cases c, households h join persons p on p.household_id = h.id
        where c.tracking_code = 'UPG0000001' and h.grid_id = c.grid_id`,
  );
  expect([cipher.decrypt(row!.name), cipher.decrypt(row!.address), cipher.decrypt(row!.person)]).toEqual([
    '王小明',
    '幸福路1号',
    '李大爷',
  ]);
}

describe('upgrading from earlier schemas', () => {
  it('has a data level for the first migration, and levels in migration order', () => {
    expect(UPGRADE_LEVELS[0]!.at).toBe(FILES[0]);
    for (const level of UPGRADE_LEVELS) expect(FILES).toContain(level.at);
  });

  // On PGlite (npm test) one database walks every level: each migration runs against the data of all the
  // levels before it. The full matrix — a database at every prefix — runs on PostgreSQL below.
  it.skipIf(process.env.DATABASE_URL)(
    'keeps the data of every level when a database walks from 0001 to the latest schema (PGlite)',
    async () => {
      const database = await openPglite('memory://', false);
      try {
        const last = UPGRADE_LEVELS.at(-1)!.at;
        const applied = await upgradeFrom(database, last);
        expect(applied).toEqual(FILES.filter((f) => f > last));
        expect(await upgradeMismatches(database.db, last)).toEqual([]);
        await personalDataSurvived(database);
      } finally {
        await database.close();
      }
    },
    1_200_000,
  );

  it.runIf(process.env.DATABASE_URL)(
    'upgrades a database at every migration prefix 0001…N, with its data, to the latest schema (PostgreSQL)',
    async () => {
      const url = process.env.DATABASE_URL!;
      const admin = await openPostgres(url, 1);
      try {
        for (const prefix of FILES) {
          const name = `cg_upgrade_${process.pid}_${prefix.slice(0, 4)}`;
          await admin.db.execute(sql.raw(`drop database if exists ${name}`));
          await admin.db.execute(sql.raw(`create database ${name}`));
          const target = new URL(url);
          target.pathname = `/${name}`;
          const database = await openPostgres(target.toString(), 2);
          try {
            const applied = await upgradeFrom(database, prefix);
            expect(applied, prefix).toEqual(FILES.filter((f) => f > prefix));
            expect(await upgradeMismatches(database.db, prefix), prefix).toEqual([]);
            if (prefix >= '0002') await personalDataSurvived(database);
          } finally {
            await database.close();
            await admin.db.execute(sql.raw(`drop database if exists ${name}`));
          }
        }
      } finally {
        await admin.close();
      }
    },
    900_000,
  );
});
