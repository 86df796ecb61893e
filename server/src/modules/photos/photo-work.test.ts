import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, gridCentre, type Tenant } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { type Db, one } from '../../infra/db.ts';
import { RetryLater } from '../../infra/errors.ts';
import { type PhotoBounds, PhotoWork, photoWork } from './photo-work.ts';
import { multipartBody } from './test-fixtures.ts';

const MB = 1024 * 1024;

/** A photo-like JPEG (noise compresses as badly as a real photo) of about width × height × 0.6 bytes. */
const noisyJpeg = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();

/** A job that runs until its release is called. */
function blockingJob() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { release, fn: () => done };
}

describe('photo work bounds', () => {
  it('runs a fixed number of jobs, queues a bounded number, refuses the rest and recovers', async () => {
    const work = new PhotoWork({ jobs: 2, queue: 1, uploadBytes: 16 * MB });
    const jobs = [blockingJob(), blockingJob(), blockingJob()];
    const running = jobs.map((j) => work.run(j.fn));
    expect(work.load).toEqual({ running: 2, waiting: 1 });
    const refused = await work.run(async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryLater);
    expect(refused).toMatchObject({ code: 'SERVER_BUSY', status: 503 });
    expect((refused as RetryLater).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    for (const j of jobs) j.release();
    await Promise.all(running);
    expect(work.load).toEqual({ running: 0, waiting: 0 });
    expect(await work.run(async () => 'again')).toBe('again');
  });
});

describe('concurrent photo uploads through the app', () => {
  let app: FastifyInstance | null = null;
  let db: Db;
  let t: Tenant;
  beforeAll(async () => {
    db = (await testDatabase()).db;
    t = await createTenant(db);
  });
  afterAll(async () => {
    await app?.close();
    // leave the default bounds for the next test file in this worker
    await buildApp({ config: testConfig(), database: await testDatabase(), logger: false });
  });

  async function appWith(photos: PhotoBounds) {
    await app?.close();
    const config = testConfig();
    config.limits.photos = photos;
    app = await buildApp({ config, database: await testDatabase(), logger: false });
    await app.ready();
    return app;
  }

  const send = async (photo: Buffer) => {
    const description = `照片-${randomBytes(6).toString('hex')}`;
    const p = gridCentre(t, 0);
    const body = multipartBody(
      { categoryCode: '05.02', description, lat: String(p.lat), lng: String(p.lng) },
      [{ name: 'photos', data: photo, filename: 'a.jpg', type: 'image/jpeg' }],
    );
    const res = await app!.inject({ method: 'POST', url: '/api/cases', ...body });
    const stored = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from cases where description = ${description}`,
    );
    return { res, stored: stored!.n };
  };

  const check = (outcomes: Awaited<ReturnType<typeof send>>[]) => {
    for (const { res, stored } of outcomes) {
      if (res.statusCode === 201) expect(stored).toBe(1);
      else {
        expect(res.statusCode).toBe(503);
        expect(res.json().error).toMatchObject({
          code: 'SERVER_BUSY',
          message: '服务器正忙，请稍后重新提交。',
        });
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(stored).toBe(0);
      }
    }
    return outcomes.map((o) => o.res.statusCode).sort();
  };

  it('makes uploads wait for memory rather than sending them twice, never holding more than the budget', async () => {
    await appWith({ jobs: 4, queue: 16, uploadBytes: 1 * MB });
    const photo = await noisyJpeg(900, 700);
    expect(photo.length).toBeGreaterThan(0.35 * MB);
    const codes = check(await Promise.all([0, 1, 2, 3, 4, 5].map(() => send(photo))));
    expect(codes).toEqual([201, 201, 201, 201, 201, 201]);
    expect(photoWork().uploads.peak).toBeLessThanOrEqual(1 * MB);
    expect(photoWork().held).toBe(0);
  });

  it('refuses uploads beyond the memory budget and its wait queue with 503, storing nothing, and recovers', async () => {
    await appWith({ jobs: 4, queue: 0, uploadBytes: 1 * MB });
    const photo = await noisyJpeg(900, 700);
    const codes = check(await Promise.all([0, 1, 2, 3, 4, 5].map(() => send(photo))));
    expect(codes).toContain(201);
    expect(codes).toContain(503);
    expect(photoWork().held).toBe(0);
    expect((await send(photo)).res.statusCode).toBe(201);
  });

  it('refuses uploads beyond the photo queue with 503, stores nothing for them, and recovers', async () => {
    await appWith({ jobs: 1, queue: 1, uploadBytes: 512 * MB });
    const photo = await noisyJpeg(1600, 1200);
    const codes = check(await Promise.all([0, 1, 2, 3, 4, 5].map(() => send(photo))));
    expect(codes.filter((c) => c === 201).length).toBeGreaterThanOrEqual(2);
    expect(codes).toContain(503);
    expect(photoWork().load).toEqual({ running: 0, waiting: 0 });
    expect(photoWork().held).toBe(0);
    expect((await send(photo)).res.statusCode).toBe(201);
  });
});
