import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Config } from '../../infra/config.ts';
import { AppError } from '../../infra/errors.ts';
import { asPhotoJob } from './photo-work.ts';

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** A photo written to the photo folder, ready to be attached to a case. */
export interface StoredPhoto {
  id: string;
  mime: PhotoMime;
  bytes: number;
  width: number;
  height: number;
}

/** The three files kept per photo: the upload as-is (staff only), a metadata-free copy, a thumbnail. */
export type PhotoVariant = 'original' | 'public' | 'thumb';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const PUBLIC_MAX_PX = 2048;
const THUMB_PX = 320;
// 10,000 × 10,000: far beyond any phone camera, small enough that a decompression bomb cannot exhaust memory
const MAX_PIXELS = 100_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where photos live: a temporary folder for the in-memory mode, otherwise `<DATA_DIR>/photos`. */
export function photoDir(config: Pick<Config, 'dataDir'>): string {
  return config.dataDir === 'memory://'
    ? path.join(os.tmpdir(), 'civicgrid-photos')
    : path.join(config.dataDir, 'photos');
}

/** The image type by its magic bytes; the file name and the client's content type are never trusted. */
export function sniffImage(data: Buffer): PhotoMime | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

/** The folder of one photo: `<dir>/<first two characters of the id>/<id>`. */
export function photoFolder(dir: string, id: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 404);
  return path.join(dir, id.slice(0, 2), id);
}

/** The file and content type of one variant of a stored photo. */
export function photoFile(
  dir: string,
  photo: { id: string; mime: string },
  variant: PhotoVariant,
): { file: string; mime: string } {
  const folder = photoFolder(dir, photo.id);
  if (variant === 'original') return { file: path.join(folder, 'original'), mime: photo.mime };
  if (variant === 'thumb') return { file: path.join(folder, 'thumb.webp'), mime: 'image/webp' };
  // JPEG stays JPEG (smaller for photos); PNG and WebP may carry transparency, which WebP keeps
  return photo.mime === 'image/jpeg'
    ? { file: path.join(folder, 'public.jpg'), mime: 'image/jpeg' }
    : { file: path.join(folder, 'public.webp'), mime: 'image/webp' };
}

/** Throws unless data is a JPEG, PNG or WebP of at most 10 MB; returns its type. Writes nothing. */
export function checkPhoto(data: Buffer): PhotoMime {
  if (data.length > MAX_PHOTO_BYTES) throw new AppError('PHOTO_TOO_LARGE', 413);
  const mime = sniffImage(data);
  if (!mime) throw new AppError('PHOTO_NOT_IMAGE', 415);
  return mime;
}

/**
 * Validates and stores one uploaded photo: the original bytes, a re-encoded public copy (auto-rotated, at
 * most 2048 px, with no EXIF/GPS: sharp drops metadata on re-encode) and a 320 px WebP thumbnail. The image
 * is decoded completely before anything is written, so a corrupt file is refused (415) and leaves no files.
 */
export async function storePhoto(dir: string, data: Buffer): Promise<StoredPhoto> {
  const mime = checkPhoto(data);
  const input = () => sharp(data, { failOn: 'warning', limitInputPixels: MAX_PIXELS, animated: false });
  let width: number;
  let height: number;
  let publicCopy: Buffer;
  let thumb: Buffer;
  try {
    const meta = await input().metadata();
    ({ width, height } = meta.autoOrient);
    const large = input()
      .rotate()
      .resize(PUBLIC_MAX_PX, PUBLIC_MAX_PX, { fit: 'inside', withoutEnlargement: true });
    publicCopy = await (mime === 'image/jpeg'
      ? large.jpeg({ quality: 85, mozjpeg: true })
      : large.webp({ quality: 85 })
    ).toBuffer();
    // the thumbnail comes from the (already rotated) public copy: decoding the original once is enough
    thumb = await sharp(publicCopy)
      .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
  } catch {
    // right magic bytes but an undecodable body, or absurd dimensions: the upload is not a usable image
    throw new AppError('PHOTO_NOT_IMAGE', 415, { reason: 'corrupt' });
  }
  const photo: StoredPhoto = { id: randomUUID(), mime, bytes: data.length, width, height };
  const folder = photoFolder(dir, photo.id);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'original'), data);
    await writeFile(photoFile(dir, photo, 'public').file, publicCopy);
    await writeFile(photoFile(dir, photo, 'thumb').file, thumb);
  } catch (err) {
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
  return photo;
}

/**
 * Stores several uploads; every one is checked (type, size) before the first is written, and when one
 * fails to decode the ones already written are removed again, so a refused request leaves no files. The
 * decoding runs as one job of this process's bounded photo queue (503 SERVER_BUSY when it is full).
 */
export async function storePhotos(dir: string, files: Buffer[]): Promise<StoredPhoto[]> {
  for (const f of files) checkPhoto(f);
  if (!files.length) return [];
  return asPhotoJob(files, async () => {
    const stored: StoredPhoto[] = [];
    try {
      for (const f of files) stored.push(await storePhoto(dir, f));
    } catch (err) {
      await discardPhotos(
        dir,
        stored.map((p) => p.id),
      );
      throw err;
    }
    return stored;
  });
}

/** Deletes stored photos' files, e.g. after the transaction that was to attach them rolled back. */
export async function discardPhotos(dir: string, ids: string[]): Promise<void> {
  await Promise.all(
    ids.filter((id) => UUID.test(id)).map((id) => rm(photoFolder(dir, id), { recursive: true, force: true })),
  );
}

/**
 * Stores the uploads, then runs fn (typically the transaction that inserts the case rows and attaches the
 * photos); when fn throws, the files are deleted again so no orphan photo outlives a rolled-back change.
 */
export async function withStoredPhotos<T>(
  dir: string,
  files: Buffer[],
  fn: (photos: StoredPhoto[]) => Promise<T>,
): Promise<T> {
  const photos = await storePhotos(dir, files);
  try {
    return await fn(photos);
  } catch (err) {
    await discardPhotos(
      dir,
      photos.map((p) => p.id),
    );
    throw err;
  }
}
