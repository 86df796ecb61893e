import { ERROR_MESSAGES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld } from '../../../test/case-helpers.ts';
import { testApp, testConfig, testDatabase } from '../../../test/database.ts';
import { createUserWith, gridCentre, loginAs } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { hasGpsIfd, jpegWithGps, multipartBody, testImage } from '../photos/test-fixtures.ts';
import { signCheckCode } from './qr.ts';
import { makeVolunteer } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let phone: string;
let volunteer: { id: number };

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  const user = await createUserWith(
    db,
    'volunteer',
    { orgNodeId: w.t.communities[0]!.id },
    w.t.district.code,
  );
  phone = await loginAs(app, user);
  volunteer = await makeVolunteer(db, w.t.grids[0]!, w.t.communities[0]!.code, { userId: user.id });
});

const activityBody = (location: { lng: number; lat: number }) => ({
  orgCode: w.t.communities[0]!.code,
  title: '文明劝导',
  typeCode: 'civility',
  place: '幸福路口',
  location,
  startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  capacity: 10,
});

async function newActivity(): Promise<{ id: number; gridCode: string | null }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/volunteers/activities',
    headers: { cookie: w.community },
    payload: activityBody(gridCentre(w.t, 0)),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data;
}

const upload = async (cookie: string, url: string, data: Buffer, type = 'image/jpeg') => {
  const m = multipartBody({}, [{ name: 'photo', filename: 'p.jpg', type, data }]);
  return app.inject({ method: 'POST', url, headers: { ...m.headers, cookie }, payload: m.payload });
};
const photoRows = async (activityId: number) =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from volunteer_activity_photos where activity_id = ${activityId}`,
  ))!.n;

describe("an activity's place", () => {
  it('is kept with the grid it lies in', async () => {
    const a = await newActivity();
    expect(a.gridCode).toBe(w.t.grids[0]!.code);
  });

  it('is refused outside the district, in the caller’s language, and nothing is created', async () => {
    const count = async () =>
      (await one<{ n: number }>(
        db,
        sql`select count(*)::int as n from volunteer_activities where org_code like ${`${w.t.district.code}%`}`,
      ))!.n;
    const before = await count();
    const far = { lng: gridCentre(w.t, 0).lng + 2, lat: gridCentre(w.t, 0).lat };
    const zh = await app.inject({
      method: 'POST',
      url: '/api/volunteers/activities',
      headers: { cookie: w.community },
      payload: activityBody(far),
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error).toMatchObject({
      code: 'ACTIVITY_OUTSIDE_DISTRICT',
      message: ERROR_MESSAGES.ACTIVITY_OUTSIDE_DISTRICT.zh,
    });
    const en = await app.inject({
      method: 'POST',
      url: '/api/volunteers/activities',
      headers: { cookie: w.community, 'accept-language': 'en-US' },
      payload: activityBody(far),
    });
    expect(en.json().error.message).toBe(ERROR_MESSAGES.ACTIVITY_OUTSIDE_DISTRICT.en);
    expect(await count()).toBe(before);
  });
});

describe('activity photos', () => {
  it('are attached by the organiser and served without their GPS position', async () => {
    const a = await newActivity();
    const res = await upload(w.community, `/api/volunteers/activities/${a.id}/photos`, await jpegWithGps());
    expect(res.statusCode, res.body).toBe(201);
    const [photo] = res.json().data as { id: string; fromVolunteer: boolean; staffName: string }[];
    expect(photo!.fromVolunteer).toBe(false);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/volunteers/activities/${a.id}`,
      headers: { cookie: w.community },
    });
    expect(detail.json().data.photos.map((p: { id: string }) => p.id)).toEqual([photo!.id]);
    const served = await app.inject({
      method: 'GET',
      url: `/api/volunteers/photos/${photo!.id}/public`,
      headers: { cookie: w.community },
    });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(hasGpsIfd((await sharp(served.rawPayload).metadata()).exif)).toBe(false);
    const audit = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'volunteer.activity.photos'
          and entity_id = ${String(a.id)}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('refuses a file that is not an image and keeps nothing', async () => {
    const a = await newActivity();
    const res = await upload(
      w.community,
      `/api/volunteers/activities/${a.id}/photos`,
      Buffer.from('not an image at all'),
      'image/png',
    );
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('PHOTO_NOT_IMAGE');
    expect(await photoRows(a.id)).toBe(0);
  });

  it('come from a volunteer only once signed in at the place, and the phone page shows them', async () => {
    const a = await newActivity();
    const url = `/api/volunteers/me/activities/${a.id}/photos`;
    const early = await upload(phone, url, await testImage('jpeg'));
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('VOLUNTEER_NOT_SIGNED_IN');
    expect(await photoRows(a.id)).toBe(0);
    const check = await app.inject({
      method: 'POST',
      url: '/api/volunteers/me/check',
      headers: { cookie: phone },
      payload: { code: signCheckCode(testConfig().secretKey, a.id).code, ...gridCentre(w.t, 0) },
    });
    expect(check.statusCode, check.body).toBe(200);
    const res = await upload(phone, url, await testImage('jpeg'));
    expect(res.statusCode, res.body).toBe(201);
    const [photo] = res.json().data as { id: string; fromVolunteer: boolean; staffName: string | null }[];
    expect(photo).toMatchObject({ fromVolunteer: true, staffName: null });
    const me = await app.inject({ method: 'GET', url: '/api/volunteers/me', headers: { cookie: phone } });
    const mine = (me.json().data.activities as { id: number; photoIds: string[] }[]).find(
      (x) => x.id === a.id,
    );
    expect(mine!.photoIds).toEqual([photo!.id]);
    const thumb = await app.inject({
      method: 'GET',
      url: `/api/volunteers/photos/${photo!.id}/thumb`,
      headers: { cookie: phone },
    });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
  });

  it('close for volunteers two days after the activity ended', async () => {
    const a = await newActivity();
    await db.execute(
      sql`update volunteer_activities set starts_at = now() - interval '3 days 2 hours',
            ends_at = now() - interval '3 days' where id = ${a.id}`,
    );
    await db.execute(
      sql`insert into volunteer_signups (activity_id, volunteer_id, signed_in_at)
          values (${a.id}, ${volunteer.id}, now() - interval '3 days 1 hour')`,
    );
    const res = await upload(phone, `/api/volunteers/me/activities/${a.id}/photos`, await testImage('jpeg'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ACTIVITY_PHOTOS_CLOSED');
    expect(await photoRows(a.id)).toBe(0);
    const me = await app.inject({ method: 'GET', url: '/api/volunteers/me', headers: { cookie: phone } });
    const mine = (me.json().data.activities as { id: number; mayAddPhotos: boolean }[]).find(
      (x) => x.id === a.id,
    );
    expect(mine!.mayAddPhotos).toBe(false);
    // the organiser may still add them
    const staff = await upload(
      w.community,
      `/api/volunteers/activities/${a.id}/photos`,
      await testImage('png'),
    );
    expect(staff.statusCode).toBe(201);
  });

  it('are not shown to staff of another area nor to a resident', async () => {
    const a = await newActivity();
    const res = await upload(
      w.community,
      `/api/volunteers/activities/${a.id}/photos`,
      await testImage('png'),
    );
    const id = (res.json().data as { id: string }[])[0]!.id;
    const other = await loginAs(
      app,
      await createUserWith(db, 'community_staff', { orgNodeId: w.t.communities[1]!.id }, w.t.district.code),
    );
    for (const cookie of [other, w.resident]) {
      const r = await app.inject({
        method: 'GET',
        url: `/api/volunteers/photos/${id}/thumb`,
        headers: { cookie },
      });
      expect(r.statusCode).toBe(404);
    }
  });
});
