import { randomUUID } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../infra/errors.ts';
import { asPhotoStore, checkPhotoId, type PhotoFileName, type PhotoStore } from './photo-store.ts';
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

export { photoDir } from './photo-store.ts';

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

/** The folder of one photo in a local store: `<dir>/<first two characters of the id>/<id>`. */
export function photoFolder(dir: string, id: string): string {
  return path.join(dir, checkPhotoId(id).slice(0, 2), id);
}

/** The stored file and content type of one variant of a photo. */
export function photoVariant(
  photo: { mime: string },
  variant: PhotoVariant,
): { name: PhotoFileName; mime: string } {
  if (variant === 'original') return { name: 'original', mime: photo.mime };
  if (variant === 'thumb') return { name: 'thumb.webp', mime: 'image/webp' };
  // JPEG stays JPEG (smaller for photos); PNG and WebP may carry transparency, which WebP keeps
  return photo.mime === 'image/jpeg'
    ? { name: 'public.jpg', mime: 'image/jpeg' }
    : { name: 'public.webp', mime: 'image/webp' };
}

/** The path and content type of one variant of a photo in a local store. */
export function photoFile(
  dir: string,
  photo: { id: string; mime: string },
  variant: PhotoVariant,
): { file: string; mime: string } {
  const { name, mime } = photoVariant(photo, variant);
  return { file: path.join(photoFolder(dir, photo.id), name), mime };
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
export async function storePhoto(where: PhotoStore | string, data: Buffer): Promise<StoredPhoto> {
  const store = asPhotoStore(where);
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
  try {
    for (const [variant, bytes] of [
      ['original', data],
      ['public', publicCopy],
      ['thumb', thumb],
    ] as const) {
      const { name, mime: type } = photoVariant(photo, variant);
      await store.write(photo.id, name, bytes, type);
    }
  } catch (err) {
    await store.remove(photo.id);
    throw err;
  }
  return photo;
}

/**
 * Stores several uploads; every one is checked (type, size) before the first is written, and when one
 * fails to decode the ones already written are removed again, so a refused request leaves no files. The
 * decoding runs as one job of this process's bounded photo queue (503 SERVER_BUSY when it is full).
 */
export async function storePhotos(where: PhotoStore | string, files: Buffer[]): Promise<StoredPhoto[]> {
  const dir = asPhotoStore(where);
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
export async function discardPhotos(where: PhotoStore | string, ids: string[]): Promise<void> {
  const store = asPhotoStore(where);
  await Promise.all(ids.filter((id) => UUID.test(id)).map((id) => store.remove(id)));
}

/**
 * Stores the uploads, then runs fn (typically the transaction that inserts the case rows and attaches the
 * photos); when fn throws, the files are deleted again so no orphan photo outlives a rolled-back change.
 */
export async function withStoredPhotos<T>(
  dir: PhotoStore | string,
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
