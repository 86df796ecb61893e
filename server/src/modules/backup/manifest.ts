import { sql } from 'drizzle-orm';
import type { Config } from '../../infra/config.ts';
import { type Db, rows } from '../../infra/db.ts';
import { cipherFromConfig, keyId } from '../personal-data/cipher.ts';
import { SEALED_COLUMNS } from '../personal-data/sealed-columns.ts';

export const BACKUP_FORMAT = 'civicgrid-backup/1';
export const MANIFEST = 'civicgrid-backup.json';

/** The rows a restored copy must have again (checked after every restore). */
export interface BackupCounts {
  cases: number;
  caseEvents: number;
  photos: number;
}

/** What a backup says about itself: the first member of the archive, readable with `tar xOf FILE civicgrid-backup.json`. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** which engine the dump is for: a PGlite data directory or a pg_dump custom-format file */
  database: 'pglite' | 'postgres';
  /** the migrations the dumped schema has; a restore on newer code applies the rest */
  migrations: string[];
  /**
   * The public id of the current SECRET_KEY (the one ciphertexts carry, never the key itself) and the ids of
   * every key some personal value in the dump is sealed under: the restoring side must hold all of them.
   */
  secretKeyId: string;
  sealedUnder: string[];
  counts: BackupCounts;
  /** photo files in the archive */
  photoFiles: number;
  photoBytes: number;
}

/** The counts a backup records and a restore compares. */
export async function countRows(db: Db): Promise<BackupCounts> {
  const [c] = await rows<BackupCounts>(
    db,
    sql`select (select count(*) from cases)::int as cases, (select count(*) from case_events)::int as "caseEvents",
          ((select count(*) from case_photos) + (select count(*) from inspection_photos)
            + (select count(*) from rectification_photos))::int as photos`,
  );
  return c!;
}

/** The key ids personal data in this database is sealed under (`v2.<suite>.<key id>.…`; `v1` before ids). */
export async function sealedKeyIds(db: Db): Promise<string[]> {
  const ids = new Set<string>();
  for (const c of SEALED_COLUMNS) {
    const exists = await rows<{ ok: boolean }>(db, sql`select to_regclass(${c.table}) is not null as ok`);
    if (!exists[0]?.ok) continue;
    const found = await rows<{ kid: string }>(
      db,
      sql`select distinct case when ${sql.identifier(c.column)} like 'v1.%' then 'v1'
                 else split_part(${sql.identifier(c.column)}, '.', 3) end as kid
          from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} is not null`,
    );
    for (const r of found) ids.add(r.kid);
  }
  return [...ids].sort();
}

/**
 * Why this server could not read the backup's personal data, or null when it can: the backup's key and every
 * key its data is sealed under must be SECRET_KEY or one of SECRET_KEY_PREVIOUS. The message says plainly what to set.
 */
export function keyMismatch(manifest: BackupManifest, config: Config): string | null {
  const held = [config.secretKey, ...(config.previousSecretKeys ?? [])].map(keyId);
  // the backup's own key too: blind indexes and sessions depend on it even where no value is sealed yet
  const wanted = [...new Set([manifest.secretKeyId, ...manifest.sealedUnder])];
  const missing = wanted.filter((kid) => kid !== 'v1' && !held.includes(kid));
  if (!missing.length) return null;
  return (
    `This backup's personal data (names, phones, addresses) is sealed under key ${missing.join(', ')}, and ` +
    `this server holds key ${held.join(', ')}: it could not decrypt them. Set SECRET_KEY to the secret the ` +
    'backup was made with (embedded: put that secret.key into DATA_DIR), or add it to SECRET_KEY_PREVIOUS, ' +
    'and run restore again. Nothing was changed.'
  );
}

/** Opens one value of every sealed column and throws a plain message when one does not open. */
export async function proveDecryption(db: Db, config: Config): Promise<number> {
  const cipher = cipherFromConfig(config);
  let opened = 0;
  for (const c of SEALED_COLUMNS) {
    const exists = await rows<{ ok: boolean }>(db, sql`select to_regclass(${c.table}) is not null as ok`);
    if (!exists[0]?.ok) continue;
    const sample = await rows<{ v: string }>(
      db,
      sql`select ${sql.identifier(c.column)} as v from ${sql.identifier(c.table)}
          where ${sql.identifier(c.column)} is not null limit 1`,
    );
    for (const r of sample) {
      try {
        cipher.decrypt(r.v);
        opened++;
      } catch (err) {
        throw new Error(
          `The restored ${c.table}.${c.column} does not decrypt with this SECRET_KEY: ${(err as Error).message}`,
        );
      }
    }
  }
  return opened;
}
