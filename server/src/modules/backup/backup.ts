import { createReadStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../../infra/config.ts';
import { type Database, type Db, openPglite, rows } from '../../infra/db.ts';
import { keyId } from '../personal-data/cipher.ts';
import { photoStore } from '../photos/photo-store.ts';
import { BACKUP_FORMAT, type BackupManifest, countRows, MANIFEST, sealedKeyIds } from './manifest.ts';
import { runPgTool } from './pg-tools.ts';
import { TarWriter } from './tar.ts';

/** The embedded database's folder under DATA_DIR (as openDatabase opens it). */
export const pgliteDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'pglite');

/** What the database part of a backup records besides the dump itself. */
type DatabaseFacts = Pick<BackupManifest, 'migrations' | 'sealedUnder' | 'counts'>;

async function facts(db: Db): Promise<DatabaseFacts> {
  const migrations = (
    await rows<{ name: string }>(db, sql`select name from schema_migrations order by name`)
  ).map((r) => r.name);
  return { migrations, sealedUnder: await sealedKeyIds(db), counts: await countRows(db) };
}

/** Dumps the embedded database (the server must be stopped: PGlite serves one process). */
async function dumpPglite(config: Config, tar: TarWriter): Promise<DatabaseFacts> {
  const dir = pgliteDir(config);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) throw new Error(`There is no embedded database in ${dir}.`);
  const database: Database = await openPglite(dir);
  try {
    const known = await facts(database.db);
    const dump = Buffer.from(await (await database.dump!()).arrayBuffer());
    await tar.add('database/pglite.tgz', dump, dump.length);
    return known;
  } finally {
    await database.close();
  }
}

/**
 * Dumps PostgreSQL with pg_dump (custom format) from a snapshot this process exported, so the counts and
 * key ids recorded are those of exactly the dumped data, while the server keeps running and writing.
 */
async function dumpPostgres(database: Database, url: string, tar: TarWriter): Promise<DatabaseFacts> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'civicgrid-backup-'));
  try {
    const file = path.join(tmp, 'postgres.dump');
    const known = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const [snap] = await rows<{ id: string }>(tx, sql`select pg_export_snapshot() as id`);
      const known = await facts(tx);
      await runPgTool('pg_dump', ['--format=custom', `--snapshot=${snap!.id}`, `--file=${file}`], url);
      return known;
    });
    await tar.add('database/postgres.dump', createReadStream(file), statSync(file).size);
    return known;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * `backup FILE`: one tar archive with the database dump, every photo file and a manifest (counts, schema
 * level, the public ids of the keys personal data is sealed under — never a key). The photos are copied
 * after the database snapshot: photo files are written before their rows commit and never change, so every
 * photo the dump knows is in the archive (plus perhaps a few newer ones, which the orphan sweep removes).
 * Written to FILE.partial and renamed at the end: a FILE that exists is a whole backup.
 */
export async function takeBackup(
  config: Config,
  file: string,
  opts: { database?: Database; log?: (line: string) => void } = {},
): Promise<BackupManifest> {
  const log = opts.log ?? (() => undefined);
  if (existsSync(file)) throw new Error(`${file} exists already; give the backup a new name.`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const tar = new TarWriter(partial);
  try {
    const started = Date.now();
    let known: DatabaseFacts;
    if (config.databaseUrl) {
      if (!opts.database) throw new Error('a PostgreSQL backup needs the open database');
      known = await dumpPostgres(opts.database, process.env.BACKUP_DATABASE_URL || config.databaseUrl, tar);
    } else known = await dumpPglite(config, tar);
    log(`database dumped in ${Date.now() - started} ms (${known.counts.cases} cases)`);
    const store = photoStore(config);
    let photoFiles = 0;
    let photoBytes = 0;
    for await (const batch of store.list()) {
      for (const o of batch) {
        const found = await store.read(o.id, o.file);
        if (!found) continue; // removed by the orphan sweep since it was listed
        await tar.add(
          `photos/${o.id.slice(0, 2)}/${o.id}/${o.file}`,
          found.body,
          found.size,
          new Date(o.modifiedMs),
        );
        photoFiles++;
        photoBytes += found.size;
      }
    }
    log(`${photoFiles} photo files (${Math.round(photoBytes / 1024)} KiB) copied from ${store.description}`);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database: config.databaseUrl ? 'postgres' : 'pglite',
      ...known,
      secretKeyId: keyId(config.secretKey),
      photoFiles,
      photoBytes,
    };
    const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await tar.add(MANIFEST, json, json.length);
    await tar.close();
    renameSync(partial, file);
    return manifest;
  } catch (err) {
    await tar.close().catch(() => undefined);
    rmSync(partial, { force: true });
    throw err;
  }
}
