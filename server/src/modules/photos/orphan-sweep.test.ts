import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, gridCentre } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { ORPHAN_MIN_AGE_MS, sweepOrphanPhotos } from './orphan-sweep.ts';
import { photoFolder, type StoredPhoto, storePhoto } from './store-photo.ts';
import { jpegWithGps } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let dir: string;
let caseId: number;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  dir = await mkdtemp(path.join(os.tmpdir(), 'cg-orphans-test-'));
  const t = await createTenant(db);
  const res = await app.inject({
    method: 'POST',
    url: '/api/cases',
    payload: { categoryCode: STREETLIGHT, description: '路灯不亮', location: gridCentre(t, 0) },
  });
  caseId = res.json().data.id;
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** A stored photo whose folder was last written `hours` ago. */
async function photoAged(hours: number): Promise<StoredPhoto> {
  const photo = await storePhoto(dir, await jpegWithGps());
  const then = new Date(Date.now() - hours * 3_600_000);
  await utimes(photoFolder(dir, photo.id), then, then);
  return photo;
}

/** Gives the photo a case_photos row, as the report's transaction does. */
async function attach(photo: StoredPhoto): Promise<void> {
  await db.execute(
    sql`insert into case_photos (id, case_id, kind, mime, bytes, width, height)
        values (${photo.id}::uuid, ${caseId}, 'report', ${photo.mime}, ${photo.bytes}, ${photo.width}, ${photo.height})`,
  );
}

const onDisk = (photo: StoredPhoto) => existsSync(photoFolder(dir, photo.id));

describe('the orphan photo sweep', () => {
  it('removes folders without a case_photos row once they are older than the safe age, and nothing else', async () => {
    const orphan = await photoAged(7);
    const attachedOld = await photoAged(30 * 24);
    await attach(attachedOld);
    // written moments ago: its report may still be committing
    const inFlight = await photoAged(0);
    // written five hours ago: younger than the safe age of six hours
    const recent = await photoAged(5);
    expect(ORPHAN_MIN_AGE_MS).toBe(6 * 3_600_000);

    const removed = await sweepOrphanPhotos(db, dir);
    expect(removed).toBe(1);
    expect(onDisk(orphan)).toBe(false);
    expect([onDisk(attachedOld), onDisk(inFlight), onDisk(recent)]).toEqual([true, true, true]);
  });

  it('removes each orphan exactly once when several processes sweep at the same time', async () => {
    const orphans = await Promise.all(Array.from({ length: 6 }, () => photoAged(12)));
    const kept = await photoAged(12);
    await attach(kept);
    const counts = await Promise.all([sweepOrphanPhotos(db, dir), sweepOrphanPhotos(db, dir)]);
    expect(counts[0]! + counts[1]!).toBe(orphans.length);
    expect(orphans.filter(onDisk)).toEqual([]);
    expect(onDisk(kept)).toBe(true);
  });

  it('finishes the removal of a folder a crashed sweeper had claimed', async () => {
    const claimed = path.join(dir, 'ab', 'abcdef01-2345-4678-9abc-def012345678.orphan');
    await mkdir(claimed, { recursive: true });
    await writeFile(path.join(claimed, 'original'), 'bytes with GPS');
    await sweepOrphanPhotos(db, dir);
    expect(existsSync(claimed)).toBe(false);
  });
});
