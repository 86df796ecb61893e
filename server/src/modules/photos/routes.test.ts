import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { createTestCase, notifyTestApp, type TestCase } from '../notify/test-fixtures.ts';
import { attachPhotos } from './attach-photos.ts';
import { readMultipart } from './read-uploads.ts';
import { discardPhotos, photoDir, type StoredPhoto, storePhoto } from './store-photo.ts';
import { hasGpsIfd, jpegWithGps, multipartBody, testImage } from './test-fixtures.ts';

let db: Db;
let app: FastifyInstance;
let t: Tenant;
let c: TestCase;
let photo: StoredPhoto;
let upload: Buffer;

beforeAll(async () => {
  db = (await testDatabase()).db;
  ({ app } = await notifyTestApp(db, {
    extra: (a) =>
      a.post('/test/upload', async (req) => {
        const { fields, files, fileFields } = await readMultipart(req);
        return { fields, sizes: files.map((f) => f.length), fileFields };
      }),
  }));
  t = await createTenant(db);
  c = await createTestCase(db, t, { grid: 0 });
  upload = await jpegWithGps();
  photo = await storePhoto(photoDir(testConfig()), upload);
  await db.transaction((tx) =>
    attachPhotos(tx, { caseId: c.id, eventId: c.reportEventId, kind: 'report', photos: [photo] }),
  );
});

afterAll(async () => {
  await discardPhotos(photoDir(testConfig()), [photo.id]);
  await app.close();
});

describe('serving case photos', () => {
  it('records the attached photo with its size and kind', async () => {
    const row = await one<{ caseId: number; kind: string; mime: string; width: number; bytes: number }>(
      db,
      sql`select case_id as "caseId", kind, mime, width, bytes from case_photos where id = ${photo.id}`,
    );
    expect(row).toEqual({
      caseId: c.id,
      kind: 'report',
      mime: 'image/jpeg',
      width: 80,
      bytes: upload.length,
    });
  });

  it('serves the public copy and the thumbnail without login, cacheable and without GPS', async () => {
    const pub = await app.inject({ url: `/api/photos/${photo.id}/public` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/jpeg');
    expect(pub.headers['cache-control']).toContain('immutable');
    // other sites show these through Open311's media_url
    expect(pub.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const meta = await sharp(pub.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    const thumb = await app.inject({ url: `/api/photos/${photo.id}/thumb` });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await app.inject({ url: `/api/photos/${randomUUID()}/public` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/photos/not-a-uuid/public' })).statusCode).toBe(400);
  });

  it('serves the original, GPS included, only to staff who may see the case', async () => {
    const url = `/api/photos/${photo.id}`;
    expect((await app.inject({ url })).statusCode).toBe(401);
    const as = async (
      role: Parameters<typeof createUserWith>[1],
      scope: { orgNodeId?: number; unitId?: number },
    ) =>
      app.inject({
        url,
        headers: { cookie: await loginAs(app, await createUserWith(db, role, scope, t.district.code)) },
      });

    const own = await as('grid_worker', { orgNodeId: t.grids[0]!.id });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toContain('private');
    expect(own.rawPayload.equals(upload)).toBe(true);
    expect(hasGpsIfd((await sharp(own.rawPayload).metadata()).exif)).toBe(true);
    expect((await as('dispatcher', { orgNodeId: t.district.id })).statusCode).toBe(200);
    expect((await as('street_staff', { orgNodeId: t.streets[0]!.id })).statusCode).toBe(200);
    expect((await as('unit_handler', { unitId: t.unitId })).statusCode).toBe(200);

    expect((await as('grid_worker', { orgNodeId: t.grids[1]!.id })).statusCode).toBe(404);
    expect((await as('street_staff', { orgNodeId: t.streets[1]!.id })).statusCode).toBe(404);
    const other = await one<{ id: number }>(
      db,
      sql`insert into units (district_id, code, name, type)
          values (${t.district.id}, ${`P${randomBytes(5).toString('hex')}`}, '物业公司', 'property_company') returning id`,
    );
    expect((await as('unit_handler', { unitId: other!.id })).statusCode).toBe(404);
    // called in to co-handle (吹哨): the other unit may now see it
    await db.execute(
      sql`insert into case_co_units (case_id, unit_id, due_at) values (${c.id}, ${other!.id}, now() + interval '2 hours')`,
    );
    expect((await as('unit_handler', { unitId: other!.id })).statusCode).toBe(200);
  });
});

describe('reading multipart uploads', () => {
  const jpegPart = (data: Buffer, i = 0) => ({
    name: 'photos',
    filename: `p${i}.jpg`,
    type: 'image/jpeg',
    data,
  });

  it('returns the fields and the files in order', async () => {
    const png = await testImage('png');
    const body = multipartBody({ description: '井盖缺失', lng: '114.6' }, [
      jpegPart(upload),
      { ...jpegPart(png, 1), name: 'after' },
    ]);
    const res = await app.inject({ method: 'POST', url: '/test/upload', ...body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fields: { description: '井盖缺失', lng: '114.6' },
      sizes: [upload.length, png.length],
      fileFields: ['photos', 'after'],
    });
  });

  it('refuses a tenth file with PHOTO_TOO_MANY and a file over 10 MB with PHOTO_TOO_LARGE', async () => {
    const ten = multipartBody(
      {},
      Array.from({ length: 10 }, (_, i) => jpegPart(upload, i)),
    );
    const many = await app.inject({ method: 'POST', url: '/test/upload', ...ten });
    expect([many.statusCode, many.json().error.code]).toEqual([400, 'PHOTO_TOO_MANY']);
    const huge = Buffer.alloc(10 * 1024 * 1024 + 10, 1);
    const big = await app.inject({
      method: 'POST',
      url: '/test/upload',
      ...multipartBody({}, [jpegPart(huge)]),
    });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'PHOTO_TOO_LARGE']);
  });

  it('refuses a cut or malformed body with 400 naming it in the caller’s language', async () => {
    const whole = multipartBody({ description: '井盖缺失' }, [jpegPart(upload)]);
    const cut = { ...whole, payload: whole.payload.subarray(0, 200) };
    for (const [lang, message] of [
      ['zh-CN', '不是完整有效的 multipart/form-data 表单'],
      ['en', 'is not complete, valid multipart/form-data'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/test/upload',
        ...cut,
        headers: { ...cut.headers, 'accept-language': lang },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ field: 'body', message, reason: expect.any(String) }]);
    }
  });

  it('refuses a request that is not multipart with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/upload', payload: { a: 1 } });
    expect(res.statusCode).toBe(400);
  });
});
