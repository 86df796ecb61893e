import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../infra/errors.ts';
import {
  discardPhotos,
  photoFile,
  photoFolder,
  storePhoto,
  storePhotos,
  withStoredPhotos,
} from './store-photo.ts';
import { hasGpsIfd, jpegWithGps, testImage } from './test-fixtures.ts';

let dir: string;

async function filesUnder(d: string): Promise<string[]> {
  return (await readdir(d, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cg-photos-test-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('storing a photo', () => {
  it('keeps a PNG as uploaded plus a WebP public copy and a small thumbnail', async () => {
    const png = await testImage('png', 640, 480);
    const p = await storePhoto(dir, png);
    expect(p).toMatchObject({ mime: 'image/png', bytes: png.length, width: 640, height: 480 });
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(photoFolder(dir, p.id)).toBe(path.join(dir, p.id.slice(0, 2), p.id));
    expect((await readFile(photoFile(dir, p, 'original').file)).equals(png)).toBe(true);
    expect((await sharp(photoFile(dir, p, 'public').file).metadata()).format).toBe('webp');
    const thumb = await sharp(photoFile(dir, p, 'thumb').file).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 320, height: 240 });
  });

  it('keeps a JPEG public copy as JPEG, at most 2048 px', async () => {
    const p = await storePhoto(dir, await testImage('jpeg', 3000, 1500));
    expect(p).toMatchObject({ mime: 'image/jpeg', width: 3000, height: 1500 });
    expect(photoFile(dir, p, 'public').file.endsWith('public.jpg')).toBe(true);
    const pub = await sharp(photoFile(dir, p, 'public').file).metadata();
    expect(pub).toMatchObject({ format: 'jpeg', width: 2048, height: 1024 });
  });

  it('accepts WebP by its RIFF/WEBP signature', async () => {
    expect((await storePhoto(dir, await testImage('webp'))).mime).toBe('image/webp');
  });

  it('strips the EXIF GPS position from the public copy and the thumbnail, and keeps it in the original', async () => {
    const jpeg = await jpegWithGps();
    expect(hasGpsIfd((await sharp(jpeg).metadata()).exif)).toBe(true);
    const p = await storePhoto(dir, jpeg);
    expect(hasGpsIfd((await sharp(photoFile(dir, p, 'original').file).metadata()).exif)).toBe(true);
    expect((await sharp(photoFile(dir, p, 'public').file).metadata()).exif).toBeUndefined();
    expect((await sharp(photoFile(dir, p, 'thumb').file).metadata()).exif).toBeUndefined();
  });

  it('refuses a text file named like a photo with 415 and writes nothing', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cg-photos-empty-'));
    const err = await refusal(storePhoto(empty, Buffer.from('这不是图片 photo.jpg\n')));
    expect([err.code, err.status]).toEqual(['PHOTO_NOT_IMAGE', 415]);
    expect(await filesUnder(empty)).toEqual([]);
    await rm(empty, { recursive: true });
  });

  it('refuses a JPEG whose body is cut off with 415, not a server error, and writes nothing', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cg-photos-empty-'));
    const jpeg = await testImage('jpeg', 400, 300);
    const err = await refusal(storePhoto(empty, jpeg.subarray(0, Math.floor(jpeg.length / 2))));
    expect([err.code, err.status]).toEqual(['PHOTO_NOT_IMAGE', 415]);
    expect(await filesUnder(empty)).toEqual([]);
    await rm(empty, { recursive: true });
  });

  it('refuses more than 10 MB with 413', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const err = await refusal(storePhoto(dir, big));
    expect([err.code, err.status]).toEqual(['PHOTO_TOO_LARGE', 413]);
  });
});

describe('storing several photos', () => {
  it('checks every upload before writing any, and removes written ones when a later one is corrupt', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cg-photos-empty-'));
    const good = await testImage('png');
    await refusal(storePhotos(empty, [good, Buffer.from('text')]));
    expect(await filesUnder(empty)).toEqual([]);
    const jpeg = await testImage('jpeg', 300, 200);
    await refusal(storePhotos(empty, [good, jpeg.subarray(0, 300)]));
    expect(await filesUnder(empty)).toEqual([]);
    await rm(empty, { recursive: true });
  });

  it('deletes the stored files again when the work that was to attach them fails', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cg-photos-empty-'));
    const failed = withStoredPhotos(
      empty,
      [await testImage('png'), await testImage('jpeg')],
      async (photos) => {
        expect(photos).toHaveLength(2);
        expect(await filesUnder(empty)).toHaveLength(6);
        throw new Error('transaction rolled back');
      },
    );
    await expect(failed).rejects.toThrow('transaction rolled back');
    expect(await filesUnder(empty)).toEqual([]);
    const kept = await withStoredPhotos(empty, [await testImage('png')], async (photos) => photos);
    expect(await filesUnder(empty)).toHaveLength(3);
    await discardPhotos(empty, [kept[0]!.id, '../../etc']);
    expect(await filesUnder(empty)).toEqual([]);
    await rm(empty, { recursive: true });
  });
});
