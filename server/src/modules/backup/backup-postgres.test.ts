import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/database.ts';
import { buildApp } from '../../app.ts';
import type { Config } from '../../infra/config.ts';
import { type Database, openPostgres } from '../../infra/db.ts';
import { migrate } from '../../infra/migrate.ts';
import { seedCategories } from '../categories/seed-categories.ts';
import { seedChecklists } from '../inspections/seed-checklists.ts';
import { takeBackup } from './backup.ts';
import { RestoreRefused, restoreBackup } from './restore.ts';
import { backupWorld, PHONE, whatStaffSee } from './test-fixtures.ts';

const url = process.env.DATABASE_URL;
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** A new, empty database on the test cluster (dropped after the file), and a config pointing at it. */
async function freshDatabase(name: string): Promise<{ config: Config; database: Database }> {
  const admin = await openPostgres(url!, 1);
  const db = `cg_${name}_${process.pid}`;
  await admin.db.execute(sql.raw(`drop database if exists ${db} with (force)`));
  await admin.db.execute(sql.raw(`create database ${db}`));
  const target = new URL(url!);
  target.pathname = `/${db}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `cg-${name}-`));
  const database = await openPostgres(target.toString(), 3);
  cleanup.push(async () => {
    await database.close();
    await admin.db.execute(sql.raw(`drop database if exists ${db} with (force)`));
    await admin.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { config: testConfig({ databaseUrl: target.toString(), dataDir }), database };
}

async function serve(config: Config, database: Database): Promise<FastifyInstance> {
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  cleanup.push(() => app.close());
  return app;
}

describe.runIf(url)('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
  it('restores into an empty database a copy that serves the same cases, timelines, photos and phones', async () => {
    const source = await freshDatabase('backup_src');
    await migrate(source.database);
    await seedCategories(source.database.db);
    await seedChecklists(source.database.db);
    const app = await serve(source.config, source.database);
    const world = await backupWorld(app, source.database.db);
    const before = await whatStaffSee(app, world);
    const file = path.join(source.config.dataDir, 'civicgrid.backup');
    // taken while the server runs: pg_dump reads the snapshot the manifest's counts come from
    const manifest = await takeBackup(source.config, file, { database: source.database });
    expect(manifest).toMatchObject({ database: 'postgres', photoFiles: 3, counts: { photos: 1 } });

    const target = await freshDatabase('backup_dst');
    const result = await restoreBackup(target.config, file, { database: target.database });
    expect(result).toMatchObject({ counts: manifest.counts, missingPhotos: 0, upgraded: [] });
    const restored = await serve(target.config, target.database);
    const after = await whatStaffSee(restored, world);
    expect(JSON.stringify(after.revealed)).toContain(PHONE);
    expect(after).toEqual(before);

    // a second restore into the now full database is refused: restore never overwrites
    await expect(restoreBackup(target.config, file, { database: target.database })).rejects.toThrow(
      RestoreRefused,
    );
  }, 300_000);
});
