import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../infra/config.ts';
import { AppError } from '../../infra/errors.ts';
import { s3PhotoStore } from './s3-store.ts';

/** The files kept per photo (see store-photo.ts): the upload, its metadata-free copy, a thumbnail. */
export type PhotoFileName = 'original' | 'public.jpg' | 'public.webp' | 'thumb.webp';
export const PHOTO_FILE_NAMES: readonly PhotoFileName[] = [
  'original',
  'public.jpg',
  'public.webp',
  'thumb.webp',
];

/** One stored file, as a listing returns it. */
export interface PhotoObject {
  id: string;
  file: PhotoFileName;
  size: number;
  modifiedMs: number;
}

/**
 * Where photo files live. Every photo is a set of files under its random id, written once and never changed;
 * the database knows which ids belong to cases. The local directory is the default; an S3-compatible object
 * store is chosen by PHOTO_STORE=s3 (docs/OPERATIONS.md). Callers never see paths or URLs.
 */
export interface PhotoStore {
  /** for logs and the backup manifest: `local <dir>` or `s3 <endpoint>/<bucket>` (never a key) */
  readonly description: string;
  write(id: string, file: PhotoFileName, data: Buffer, mime: string): Promise<void>;
  /** The file's bytes as a stream with its size, or null when it is not there. */
  read(id: string, file: PhotoFileName): Promise<{ size: number; body: Readable } | null>;
  /** Removes every file of the photo; nothing happens when there is none. */
  remove(id: string): Promise<void>;
  /** Every stored file, in batches (one per listing page or prefix folder). */
  list(): AsyncIterable<PhotoObject[]>;
  /**
   * Removes an orphan photo found by the sweep and says whether this call did it. Several processes may
   * sweep at once; only one of them counts the removal (the local store claims the folder by renaming it).
   */
  removeOrphan(id: string): Promise<boolean>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLAIMED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.orphan$/;
const PREFIX = /^[0-9a-f]{2}$/;

/** Refuses anything but a photo id (a path in disguise, a guess) before it reaches a path or a key. */
export function checkPhotoId(id: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 404);
  return id;
}

const listDir = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);

/** Photos in a directory: `<dir>/<first two characters of the id>/<id>/<file>`. */
export function localPhotoStore(dir: string): PhotoStore {
  const folder = (id: string) => path.join(dir, checkPhotoId(id).slice(0, 2), id);
  return {
    description: `local ${dir}`,
    async write(id, file, data) {
      await mkdir(folder(id), { recursive: true });
      await writeFile(path.join(folder(id), file), data);
    },
    async read(id, file) {
      const full = path.join(folder(id), file);
      const size = await stat(full).then(
        (s) => (s.isFile() ? s.size : null),
        () => null,
      );
      return size === null ? null : { size, body: createReadStream(full) };
    },
    async remove(id) {
      await rm(folder(id), { recursive: true, force: true });
    },
    async *list() {
      for (const prefix of await listDir(dir)) {
        if (!prefix.isDirectory() || !PREFIX.test(prefix.name)) continue;
        const prefixDir = path.join(dir, prefix.name);
        const batch: PhotoObject[] = [];
        for (const entry of await listDir(prefixDir)) {
          const where = path.join(prefixDir, entry.name);
          // a folder a process claimed and then died before removing it
          if (entry.isDirectory() && CLAIMED.test(entry.name)) {
            await rm(where, { recursive: true, force: true, maxRetries: 3 });
          }
          if (!entry.isDirectory() || !UUID.test(entry.name)) continue;
          for (const f of await listDir(where)) {
            if (!f.isFile() || !PHOTO_FILE_NAMES.includes(f.name as PhotoFileName)) continue;
            const s = await stat(path.join(where, f.name)).catch(() => null);
            // the folder's time: it is what the sweep has always aged orphans by
            const d = await stat(where).catch(() => null);
            if (s && d)
              batch.push({
                id: entry.name,
                file: f.name as PhotoFileName,
                size: s.size,
                modifiedMs: d.mtimeMs,
              });
          }
        }
        if (batch.length) yield batch;
      }
    },
    async removeOrphan(id) {
      // the rename is atomic: of several processes exactly one succeeds, and only it removes the folder
      const claimed = `${folder(id)}.orphan`;
      const won = await rename(folder(id), claimed).then(
        () => true,
        () => false,
      );
      if (won) await rm(claimed, { recursive: true, force: true, maxRetries: 3 });
      return won;
    },
  };
}

/** A store given as itself, or a directory (the tests', and the default) as the local store. */
export function asPhotoStore(where: PhotoStore | string): PhotoStore {
  return typeof where === 'string' ? localPhotoStore(where) : where;
}

/** The local photo folder: a temporary folder for the in-memory mode, otherwise `<DATA_DIR>/photos`. */
export function photoDir(config: Pick<Config, 'dataDir'>): string {
  return config.dataDir === 'memory://'
    ? path.join(os.tmpdir(), 'civicgrid-photos')
    : path.join(config.dataDir, 'photos');
}

/** The configured photo store: S3 when PHOTO_STORE=s3 is set, otherwise the local folder. */
export function photoStore(config: Pick<Config, 'dataDir' | 'photoStorage'>): PhotoStore {
  const s = config.photoStorage;
  return s?.kind === 's3' ? s3PhotoStore(s) : localPhotoStore(photoDir(config));
}
