import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';

/**
 * A photo folder is written before the transaction that attaches it commits; a crash in between leaves it
 * with no case_photos row. Only folders older than this are orphans for sure: no request (upload, decode,
 * queued report, transaction) takes anywhere near six hours.
 */
export const ORPHAN_MIN_AGE_MS = 6 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// an orphan is claimed by renaming it to `<id>.orphan` (atomic: of several processes exactly one succeeds)
const CLAIMED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.orphan$/;
const PREFIX = /^[0-9a-f]{2}$/;

export interface OrphanSweepOptions {
  minAgeMs?: number;
  everyMs?: number;
}

const listDir = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);

/** The photo ids among `ids` that no case, inspection or re-check photo row knows. */
async function unattached(db: Db, ids: string[]): Promise<Set<string>> {
  const known = await rows<{ id: string }>(
    db,
    // inspection answers, re-checks and five-star evidence keep photos of their own (docs/supervision.md)
    sql`select id::text as id from case_photos where id = any(${`{${ids.join(',')}}`}::uuid[])
        union select id::text from inspection_photos where id = any(${`{${ids.join(',')}}`}::uuid[])
        union select id::text from rectification_photos where id = any(${`{${ids.join(',')}}`}::uuid[])
        union select id::text from five_star_photos where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const attached = new Set(known.map((r) => r.id));
  return new Set(ids.filter((id) => !attached.has(id)));
}

/** Renames the folder to its claimed name; false when another process got there first (or it is gone). */
async function claim(folder: string): Promise<string | null> {
  const claimed = `${folder}.orphan`;
  return rename(folder, claimed).then(
    () => claimed,
    () => null,
  );
}

/** Removes the orphans of one prefix folder (`<dir>/ab/`) older than the cut-off; returns how many. */
async function sweepPrefix(db: Db, folder: string, cutoff: number): Promise<number> {
  const entries = (await listDir(folder)).filter((e) => e.isDirectory());
  // folders a process claimed and then died before removing
  for (const e of entries.filter((e) => CLAIMED.test(e.name))) {
    await rm(path.join(folder, e.name), { recursive: true, force: true, maxRetries: 3 });
  }
  const ids = entries.filter((e) => UUID.test(e.name)).map((e) => e.name);
  if (!ids.length) return 0;
  let removed = 0;
  for (const id of await unattached(db, ids)) {
    const photoFolder = path.join(folder, id);
    const modified = await stat(photoFolder).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (modified === null || modified > cutoff) continue;
    const claimed = await claim(photoFolder);
    if (!claimed) continue;
    await rm(claimed, { recursive: true, force: true, maxRetries: 3 });
    removed++;
  }
  return removed;
}

/**
 * Deletes photo folders under `dir` that have no case_photos row and are older than minAgeMs (originals
 * keep their GPS EXIF, so a crash must not leave them forever). Safe with several processes sharing the
 * folder: each orphan is claimed by an atomic rename before it is removed, and only one claim succeeds.
 */
export async function sweepOrphanPhotos(db: Db, dir: string, minAgeMs = ORPHAN_MIN_AGE_MS): Promise<number> {
  const cutoff = Date.now() - minAgeMs;
  let removed = 0;
  for (const prefix of await listDir(dir)) {
    if (prefix.isDirectory() && PREFIX.test(prefix.name)) {
      removed += await sweepPrefix(db, path.join(dir, prefix.name), cutoff);
    }
  }
  return removed;
}

/** The hourly orphan-photo sweep over `dir` (the photo folder). */
export function orphanPhotoSweep(db: Db, dir: string, opts: OrphanSweepOptions = {}): Sweep {
  return {
    name: 'orphan-photos',
    everyMs: opts.everyMs ?? 3_600_000,
    run: () => sweepOrphanPhotos(db, dir, opts.minAgeMs),
  };
}
