import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import { asPhotoStore, type PhotoStore } from './photo-store.ts';

/**
 * A photo's files are written before the transaction that attaches it commits; a crash in between leaves them
 * with no case_photos row. Only photos older than this are orphans for sure: no request (upload, decode,
 * queued report, transaction) takes anywhere near six hours.
 */
export const ORPHAN_MIN_AGE_MS = 6 * 3_600_000;

export interface OrphanSweepOptions {
  minAgeMs?: number;
  everyMs?: number;
}

/** The photo ids among `ids` that no case, inspection, re-check, five-star or activity photo row knows. */
async function unattached(db: Db, ids: string[]): Promise<Set<string>> {
  const list = `{${ids.join(',')}}`;
  const known = await rows<{ id: string }>(
    db,
    // inspection answers, re-checks, five-star evidence and volunteer activities keep photos of their own
    sql`select id::text as id from case_photos where id = any(${list}::uuid[])
        union select id::text from inspection_photos where id = any(${list}::uuid[])
        union select id::text from rectification_photos where id = any(${list}::uuid[])
        union select id::text from five_star_photos where id = any(${list}::uuid[])
        union select id::text from volunteer_activity_photos where id = any(${list}::uuid[])`,
  );
  const attached = new Set(known.map((r) => r.id));
  return new Set(ids.filter((id) => !attached.has(id)));
}

/**
 * Deletes stored photos that have no photo row and are older than minAgeMs (originals keep their GPS EXIF,
 * so a crash must not leave them forever). Safe with several processes sharing the store: each orphan is
 * removed through the store's removeOrphan, which lets only one of them count it.
 */
export async function sweepOrphanPhotos(
  db: Db,
  where: PhotoStore | string,
  minAgeMs = ORPHAN_MIN_AGE_MS,
): Promise<number> {
  const store = asPhotoStore(where);
  const cutoff = Date.now() - minAgeMs;
  let removed = 0;
  for await (const batch of store.list()) {
    // a photo is as old as its newest file
    const newest = new Map<string, number>();
    for (const o of batch) newest.set(o.id, Math.max(newest.get(o.id) ?? 0, o.modifiedMs));
    const ids = [...newest.keys()];
    for (const id of await unattached(db, ids)) {
      if (newest.get(id)! > cutoff) continue;
      if (await store.removeOrphan(id)) removed++;
    }
  }
  return removed;
}

/** The hourly orphan-photo sweep over the photo store. */
export function orphanPhotoSweep(db: Db, store: PhotoStore, opts: OrphanSweepOptions = {}): Sweep {
  return {
    name: 'orphan-photos',
    everyMs: opts.everyMs ?? 3_600_000,
    run: () => sweepOrphanPhotos(db, store, opts.minAgeMs),
  };
}
