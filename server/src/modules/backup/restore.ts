import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { Config } from '../../infra/config.ts';
import { type Database, type Db, openPglite, rows } from '../../infra/db.ts';
import { migrate } from '../../infra/migrate.ts';
import { lockPgliteDir } from '../../infra/pglite-lock.ts';
import { PHOTO_FILE_NAMES, type PhotoFileName, photoDir, photoStore } from '../photos/photo-store.ts';
import { pgliteDir } from './backup.ts';
import {
  BACKUP_FORMAT,
  type BackupCounts,
  type BackupManifest,
  countRows,
  keyMismatch,
  MANIFEST,
  proveDecryption,
} from './manifest.ts';
import { runPgTool } from './pg-tools.ts';
import { readTarEntry, readTarIndex, type TarEntry } from './tar.ts';

/** A restore that was refused before anything changed; the message says why and what to do. */
export class RestoreRefused extends Error {}

export interface RestoreResult {
  manifest: BackupManifest;
  counts: BackupCounts;
  /** personal values opened as a check that the key fits (one per sealed column that has data) */
  decrypted: number;
  photoFiles: number;
  /** photo rows whose files were not in the archive */
  missingPhotos: number;
  /** migrations applied after the restore (the backup was older than this code) */
  upgraded: string[];
}

async function readManifest(file: string, index: TarEntry[]): Promise<BackupManifest> {
  const entry = index.find((e) => e.name === MANIFEST);
  const manifest =
    entry && (JSON.parse((await buffer(readTarEntry(file, entry))).toString('utf8')) as BackupManifest);
  if (!manifest || manifest.format !== BACKUP_FORMAT)
    throw new RestoreRefused(
      `${file} is not a CivicGrid backup (no ${MANIFEST} of format ${BACKUP_FORMAT}).`,
    );
  return manifest;
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Loads the dumped PGlite data directory into DATA_DIR, moving an existing one aside when replace is set. */
async function restorePglite(
  config: Config,
  file: string,
  entry: TarEntry,
  replace: boolean,
): Promise<Database> {
  const dir = pgliteDir(config);
  const release = lockPgliteDir(dir);
  try {
    if (existsSync(path.join(dir, 'PG_VERSION'))) {
      if (!replace)
        throw new RestoreRefused(
          `${dir} already holds a database. Run restore with --replace to move it aside (it is kept as ` +
            'pglite.before-restore-<time>), or point DATA_DIR at an empty folder.',
        );
      const aside = `${dir}.before-restore-${stamp()}`;
      renameSync(dir, aside);
      const photos = photoDir(config);
      if (!config.photoStorage || config.photoStorage.kind === 'local')
        if (existsSync(photos)) renameSync(photos, `${photos}.before-restore-${stamp()}`);
    }
    const dump = new Blob([await buffer(readTarEntry(file, entry))]);
    // the database's close releases the lock from here on
    return await openPglite(dir, false, dump);
  } catch (err) {
    release();
    throw err;
  }
}

/** Restores a pg_dump into the configured PostgreSQL database, which must be empty. */
async function restorePostgres(
  database: Database,
  url: string,
  file: string,
  entry: TarEntry,
  noOwner: boolean,
) {
  const [used] = await rows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename <> 'spatial_ref_sys'`,
  );
  if (used!.n > 0)
    throw new RestoreRefused(
      'The database in DATABASE_URL is not empty. Restore into a new one (createdb -O <owner> civicgrid_restored; ' +
        'then set DATABASE_URL to it); restore never overwrites a database.',
    );
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'civicgrid-restore-'));
  try {
    const dump = path.join(tmp, 'postgres.dump');
    await pipeline(readTarEntry(file, entry), createWriteStream(dump));
    const owner = noOwner ? ['--no-owner', '--no-privileges'] : [];
    await runPgTool('pg_restore', ['--exit-on-error', '--single-transaction', ...owner, dump], url);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const PHOTO_ENTRY = /^photos\/[0-9a-f]{2}\/([0-9a-f-]{36})\/([a-z.]+)$/;

/** Writes the archive's photo files into the configured store; returns the ids written and the file count. */
async function restorePhotos(config: Config, file: string, index: TarEntry[]) {
  const store = photoStore(config);
  const ids = new Set<string>();
  let files = 0;
  for (const e of index) {
    const m = PHOTO_ENTRY.exec(e.name);
    if (!m || !PHOTO_FILE_NAMES.includes(m[2] as PhotoFileName)) continue;
    const name = m[2] as PhotoFileName;
    const mime = name.endsWith('.webp')
      ? 'image/webp'
      : name.endsWith('.jpg')
        ? 'image/jpeg'
        : 'application/octet-stream';
    await store.write(m[1]!, name, await buffer(readTarEntry(file, e)), mime);
    ids.add(m[1]!);
    files++;
  }
  return { ids, files };
}

/** Photo rows of the restored database whose files did not come back. */
async function missingPhotoFiles(db: Db, restored: Set<string>): Promise<number> {
  const all = await rows<{ id: string }>(
    db,
    sql`select id::text as id from case_photos union all select id::text from inspection_photos
        union all select id::text from rectification_photos`,
  );
  return all.filter((r) => !restored.has(r.id)).length;
}

/**
 * `restore FILE`: checks the backup (its format, and that this server holds every key its personal data is
 * sealed under — refused, with nothing changed, otherwise), loads the database (PGlite: into DATA_DIR;
 * PostgreSQL: pg_restore into the empty DATABASE_URL), brings its schema up to this code's migrations,
 * writes the photos into the configured store, and proves the copy: the counts of cases, events and photos
 * equal the manifest's, a value of every personal column decrypts, and every photo row has its files.
 */
export async function restoreBackup(
  config: Config,
  file: string,
  opts: { replace?: boolean; noOwner?: boolean; database?: Database; log?: (line: string) => void } = {},
): Promise<RestoreResult> {
  const log = opts.log ?? (() => undefined);
  if (!existsSync(file)) throw new RestoreRefused(`${file} does not exist.`);
  const index = await readTarIndex(file);
  const manifest = await readManifest(file, index);
  log(`backup of ${manifest.createdAt}: ${manifest.counts.cases} cases, ${manifest.photoFiles} photo files`);
  const mismatch = keyMismatch(manifest, config);
  if (mismatch) throw new RestoreRefused(mismatch);
  const target = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database !== target)
    throw new RestoreRefused(
      `This backup is of ${manifest.database === 'pglite' ? 'the embedded database' : 'PostgreSQL'}, and this ` +
        `server is configured for ${target === 'pglite' ? 'the embedded database' : 'PostgreSQL (DATABASE_URL)'}: ` +
        'restore it where it came from.',
    );
  const dump = index.find(
    (e) => e.name === `database/${target === 'pglite' ? 'pglite.tgz' : 'postgres.dump'}`,
  );
  if (!dump) throw new RestoreRefused(`${file} holds no database dump.`);

  let database: Database;
  if (target === 'pglite') database = await restorePglite(config, file, dump, opts.replace ?? false);
  else {
    if (!opts.database) throw new Error('a PostgreSQL restore needs the open database');
    database = opts.database;
    await restorePostgres(database, config.databaseUrl!, file, dump, opts.noOwner ?? false);
  }
  try {
    log('database loaded; applying newer migrations');
    const upgraded = await migrate(database);
    const counts = await countRows(database.db);
    const decrypted = await proveDecryption(database.db, config);
    const photos = await restorePhotos(config, file, index);
    const missingPhotos = await missingPhotoFiles(database.db, photos.ids);
    const wrong = (Object.keys(counts) as (keyof BackupCounts)[]).filter(
      (k) => counts[k] !== manifest.counts[k],
    );
    if (wrong.length)
      throw new Error(
        `The restored copy differs from the backup in ${wrong.map((k) => `${k} (${counts[k]} ≠ ${manifest.counts[k]})`).join(', ')}.`,
      );
    return { manifest, counts, decrypted, photoFiles: photos.files, missingPhotos, upgraded };
  } finally {
    if (target === 'pglite') await database.close();
  }
}
