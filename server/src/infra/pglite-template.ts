import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where migration files live; their contents key the template so a changed schema gets a new one. */
export const MIGRATIONS_DIR = path.join(import.meta.dirname, '../../migrations');
const CACHE_DIR = path.join(import.meta.dirname, '../../../node_modules/.cache/civicgrid');

/**
 * A fresh PGlite database costs ~7 s of initdb plus ~5 s for CREATE EXTENSION postgis, every time. Both
 * are deterministic, so a migrated empty database is dumped once (by `npm ci`'s prepare step, or on first
 * use) and later fresh databases — `npm start` on a new data folder, every test worker — start from it.
 */
export function templateFile(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort())
    hash.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  return path.join(CACHE_DIR, `pglite-${hash.digest('hex').slice(0, 16)}.tgz`);
}

/** The template tarball if it has been made, else null. */
export function readTemplate(): Blob | null {
  const file = templateFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : null;
}

/** Stores a dumped data directory as the template (atomically, so parallel workers never read half a file). */
export async function writeTemplate(dump: Blob): Promise<void> {
  const file = templateFile();
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
}
