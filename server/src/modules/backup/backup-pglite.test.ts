import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/database.ts';
import { buildApp } from '../../app.ts';
import type { Config } from '../../infra/config.ts';
import { type Database, openPglite } from '../../infra/db.ts';
import { migrate } from '../../infra/migrate.ts';
import { seedCategories } from '../categories/seed-categories.ts';
import { seedChecklists } from '../inspections/seed-checklists.ts';
import { pgliteDir, takeBackup } from './backup.ts';
import type { BackupManifest } from './manifest.ts';
import { RestoreRefused, restoreBackup } from './restore.ts';
import { type BackupWorld, backupWorld, PHONE, whatStaffSee } from './test-fixtures.ts';

const folders: string[] = [];
const folder = async (name: string) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), `cg-${name}-`));
  folders.push(dir);
  return dir;
};
// the embedded database, whatever the run's DATABASE_URL says
const embedded = (dataDir: string, overrides: Partial<Config> = {}) =>
  testConfig({ dataDir, databaseUrl: null, ...overrides });

/** A server on the embedded database of a DATA_DIR, as `npm start` opens it. */
async function serve(config: Config): Promise<{ app: FastifyInstance; database: Database }> {
  const database = await openPglite(pgliteDir(config));
  await migrate(database);
  await seedCategories(database.db);
  await seedChecklists(database.db);
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return { app, database };
}

const stop = async (s: { app: FastifyInstance; database: Database }) => {
  await s.app.close();
  await s.database.close();
};

let source: Config;
let world: BackupWorld;
let before: Awaited<ReturnType<typeof whatStaffSee>>;
let file: string;
let manifest: BackupManifest;
let target: Config;

beforeAll(async () => {
  source = embedded(await folder('backup-source'));
  const server = await serve(source);
  world = await backupWorld(server.app, server.database.db);
  before = await whatStaffSee(server.app, world);
  await stop(server);
  file = path.join(await folder('backup-file'), 'civicgrid.backup');
  manifest = await takeBackup(source, file);
}, 600_000);

afterAll(() => Promise.all(folders.map((d) => rm(d, { recursive: true, force: true }))));

// PGlite only: the integration run on PostgreSQL has backup-postgres.test.ts
describe.skipIf(process.env.DATABASE_URL)('backup and restore of the embedded database', () => {
  it('records the counts, the schema level and the public id of the key, never the key', async () => {
    expect(manifest.database).toBe('pglite');
    expect(manifest.counts.cases).toBeGreaterThanOrEqual(3);
    expect(manifest.counts.photos).toBe(1);
    expect(manifest.photoFiles).toBe(3);
    expect(manifest.migrations.at(-1)).toMatch(/^\d{4}_/);
    expect(manifest.sealedUnder).toEqual([manifest.secretKeyId]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file).includes(Buffer.from(source.secretKey))).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('restores a copy that serves the same cases, timelines, photos and decrypted phones', async () => {
    target = embedded(await folder('restore-target'));
    const result = await restoreBackup(target, file);
    expect(result).toMatchObject({ counts: manifest.counts, photoFiles: 3, missingPhotos: 0, upgraded: [] });
    expect(result.decrypted).toBeGreaterThanOrEqual(2);
    const server = await serve(target);
    try {
      // the sessions came back too: the same cookies work on the restored copy
      const after = await whatStaffSee(server.app, world);
      expect(after.revealed.data.phone ?? JSON.stringify(after.revealed)).toContain(PHONE);
      expect(after.photos).toEqual(before.photos);
      expect(after.cases).toEqual(before.cases);
      expect(after.revealed).toEqual(before.revealed);
    } finally {
      await stop(server);
    }
  }, 600_000);

  it('refuses plainly, changing nothing, when this server does not hold the key the phones are sealed under', async () => {
    const target = embedded(await folder('restore-wrong-key'), {
      secretKey: 'another-secret-that-is-long-enough-0000',
    });
    const refused = restoreBackup(target, file);
    await expect(refused).rejects.toThrow(RestoreRefused);
    await expect(refused).rejects.toThrow(
      /could not decrypt them\. Set SECRET_KEY to the secret the backup was made with/,
    );
    expect(existsSync(pgliteDir(target))).toBe(false);
    // with the old secret kept as a previous one the data opens, so the restore goes ahead
    const rotated = embedded(await folder('restore-rotated'), {
      secretKey: 'another-secret-that-is-long-enough-0000',
      previousSecretKeys: [source.secretKey],
    });
    expect((await restoreBackup(rotated, file)).decrypted).toBeGreaterThanOrEqual(2);
  }, 600_000);

  it('never overwrites a database unless told to, and then keeps the old one aside', async () => {
    await expect(restoreBackup(target, file)).rejects.toThrow(
      /already holds a database\. Run restore with --replace/,
    );
    await restoreBackup(target, file, { replace: true });
    expect(readdirSync(target.dataDir).filter((f) => f.startsWith('pglite.before-restore-'))).toHaveLength(1);
    expect(readdirSync(target.dataDir).filter((f) => f.startsWith('photos.before-restore-'))).toHaveLength(1);
  }, 600_000);

  it('says the server must stop when another process has the embedded database open', async () => {
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${pgliteDir(source)}.pid`, String(other.pid));
      await expect(takeBackup(source, path.join(path.dirname(file), 'while-running.backup'))).rejects.toThrow(
        `is open in process ${other.pid} (a running server?). PGlite serves one process at a time: stop the server`,
      );
      expect(existsSync(path.join(path.dirname(file), 'while-running.backup.partial'))).toBe(false);
    } finally {
      other.kill();
    }
  });
});
