import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { multipartBody } from '../photos/test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

// only this tenant's cases: other test files add cases to the same database at the same time
const countCases = async () =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from cases where org_code like ${`${w.t.district.code}%`}`,
  ))!.n;

describe('intake', () => {
  it('resolves the location to grid → community → street and tells an anonymous reporter the tracking code', async () => {
    const res = await report(app, w, null, { location: gridCentre(w.t, 5), reporterPhone: '13800001111' });
    expect(res.statusCode).toBe(201);
    const data = res.json().data;
    expect(data).toMatchObject({ orgCode: w.t.grids[5]!.code, gridId: w.t.grids[5]!.id, triage: false });
    expect(data.trackingCode).toMatch(/^CG\d{4}-[0-9A-Z]{6}$/);
    const tracked = await app.inject({ url: `/api/track/${data.trackingCode}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().data).toMatchObject({
      state: 'reported',
      description: '小区门口路灯不亮，晚上很黑',
    });
    expect(JSON.stringify(tracked.json())).not.toContain('13800001111');
    const stored = await one<{ phone: string }>(
      db,
      sql`select reporter_phone_enc as phone from cases where id = ${data.id}`,
    );
    expect(stored!.phone).not.toContain('13800001111');
  });

  it('accepts a report outside every grid and sends it to triage at the district', async () => {
    const res = await report(app, w, w.resident, {
      location: { lng: w.t.origin[0] - 0.003, lat: w.t.origin[1] - 0.003 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ triage: true, gridId: null, orgCode: w.t.district.code });
  });

  it('returns the first case for a retried Idempotency-Key and refuses the key for a different report', async () => {
    const key = `key-${Date.now()}-abcdef`;
    const first = await report(app, w, w.resident, {}, { 'idempotency-key': key });
    const before = await countCases();
    const retry = await report(app, w, w.resident, {}, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().data).toMatchObject({ id: first.json().data.id, replayed: true });
    expect(await countCases()).toBe(before);
    const other = await report(app, w, w.resident, { description: '别的问题' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('suggests open cases of the same category nearby, to follow instead (see duplicates.test.ts)', async () => {
    const first = (await report(app, w, w.resident, { location: gridCentre(w.t, 3) })).json().data;
    const p = gridCentre(w.t, 3);
    const near = await app.inject({
      url: `/api/cases/duplicates?category=${STREETLIGHT}&lat=${p.lat + 0.0001}&lng=${p.lng}`,
    });
    const [suggested] = near.json().data;
    expect(suggested).toMatchObject({ state: 'reported', category: { code: STREETLIGHT } });
    const second = (
      await report(app, w, w.dispatcher, { source: 'hotline', location: { lng: p.lng, lat: p.lat + 0.0002 } })
    ).json().data;
    expect(second.duplicates.map((d: { handle: string }) => d.handle)).toContain(suggested.handle);
    const follow = await app.inject({
      method: 'POST',
      url: '/api/follows',
      payload: { handle: suggested.handle },
      headers: { cookie: w.community },
    });
    expect(follow.statusCode).toBe(201);
    expect(JSON.stringify(follow.json())).not.toContain(first.trackingCode);
  });

  it('lets a resident rate and reopen through the tracking code', async () => {
    const created = (await report(app, w, null)).json().data;
    await ok(app, w.dispatcher, created.id, 'file');
    await ok(app, w.dispatcher, created.id, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.unit, created.id, 'feedback', { note: '已修' });
    await ok(app, w.gridWorker, created.id, 'check_pass');
    await ok(app, w.dispatcher, created.id, 'close');
    const page = (await app.inject({ url: `/api/track/${created.trackingCode}` })).json();
    expect(page.abilities).toEqual(['rate', 'reopen']);
    expect(page.data.timeline.map((e: { action: string }) => e.action)).toContain('close');
    const rated = await app.inject({
      method: 'POST',
      url: `/api/track/${created.trackingCode}/rate`,
      payload: { rating: 'dissatisfied', comment: '没修好' },
    });
    expect(rated.statusCode).toBe(200);
    const reopened = await app.inject({
      method: 'POST',
      url: `/api/track/${created.trackingCode}/reopen`,
      payload: { reason: '还是坏的' },
    });
    expect(reopened.json().data.state).toBe('dispatched');
  });
});

const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();

describe('what a reporter sees', () => {
  it('shows a logged-in resident their own case like the tracking page, without internal notes or names', async () => {
    const id = (await report(app, w, w.resident)).json().data.id;
    await ok(app, w.dispatcher, id, 'file');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.leader, id, 'supervise', { level: 'red', note: '内部督办意见' });
    const res = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.resident } });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'file',
      'dispatch',
    ]);
    expect(JSON.stringify(res.json())).not.toContain('内部督办意见');
    const stranger = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.otherUnit } });
    expect(stranger.statusCode).toBe(404);
    await ok(app, w.unit, id, 'feedback', { note: '已修复' });
    await ok(app, w.gridWorker, id, 'check_pass');
    await ok(app, w.dispatcher, id, 'close');
    const rated = await ok(app, w.resident, id, 'rate', { rating: 'satisfied' });
    expect(JSON.stringify(rated)).not.toContain('内部督办意见');
    expect(rated.data).not.toHaveProperty('events');
  });
});

describe('photos', () => {
  it('stores report photos and shows them on the tracking page as EXIF-free public copies', async () => {
    const p = gridCentre(w.t, 1);
    const body = multipartBody(
      { categoryCode: STREETLIGHT, description: '路灯倒了', lat: String(p.lat), lng: String(p.lng) },
      [{ name: 'photos', data: await png(), filename: 'a.png', type: 'image/png' }],
    );
    const res = await app.inject({ method: 'POST', url: '/api/cases', ...body });
    expect(res.statusCode).toBe(201);
    const page = (await app.inject({ url: `/api/track/${res.json().data.trackingCode}` })).json();
    expect(page.data.photos).toHaveLength(1);
    const img = await app.inject({ url: `/api/photos/${page.data.photos[0].id}/public` });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toMatch(/^image\//);
  });

  it('lets a grid worker fix a problem on the spot with photos before and after, closing it at once', async () => {
    const id = (await report(app, w, w.gridWorker, { source: 'grid_patrol' })).json().data.id;
    const body = multipartBody({ note: '现场扶正路灯杆' }, [
      { name: 'before', data: await png(), filename: 'before.png', type: 'image/png' },
      { name: 'after', data: await png(), filename: 'after.png', type: 'image/png' },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions/fix_on_spot`,
      headers: { cookie: w.gridWorker, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.state).toBe('closed');
    expect(
      res
        .json()
        .data.photos.map((x: { kind: string }) => x.kind)
        .sort(),
    ).toEqual(['after', 'before']);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['an unknown category', { categoryCode: '99.99' }, 400, 'CATEGORY_UNKNOWN'],
    ['a top-level category', { categoryCode: '05' }, 400, 'CATEGORY_UNKNOWN'],
    ['a location that is not a number', { location: { lng: 'east', lat: 33.6 } }, 400, 'VALIDATION_FAILED'],
    ['an empty description', { description: '' }, 400, 'VALIDATION_FAILED'],
    ['a grid-patrol report by a resident', { source: 'grid_patrol' }, 403, 'FORBIDDEN'],
  ])('refuses %s', async (_name, body, status, code) => {
    const before = await countCases();
    const res = await report(app, w, w.resident, body);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await countCases()).toBe(before);
  });

  it('refuses a missing required answer of the category', async () => {
    const before = await countCases();
    const res = await report(app, w, w.resident, { categoryCode: '04.04', description: '消防通道被占' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ANSWER_REQUIRED');
    expect(await countCases()).toBe(before);
  });

  it('refuses a non-image upload with 415 and stores no case', async () => {
    const before = await countCases();
    const p = gridCentre(w.t, 0);
    const body = multipartBody(
      { categoryCode: STREETLIGHT, description: '路灯坏了', lat: String(p.lat), lng: String(p.lng) },
      [
        {
          name: 'photos',
          data: Buffer.from('not really a picture'),
          filename: 'photo.jpg',
          type: 'image/jpeg',
        },
      ],
    );
    const res = await app.inject({ method: 'POST', url: '/api/cases', ...body });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('PHOTO_NOT_IMAGE');
    expect(await countCases()).toBe(before);
  });

  it('writes concurrent reports together: each its own case, event, follower and answer; a bad one fails alone', async () => {
    const before = await countCases();
    const key = `batch-${Date.now()}-abcdef`;
    const reporters = [
      null,
      w.resident,
      null,
      w.resident,
      null,
      w.resident,
      null,
      w.resident,
      null,
      w.resident,
    ];
    const sent = reporters.map((cookie, i) =>
      report(app, w, cookie, { description: `路灯不亮，第 ${i} 号`, location: gridCentre(w.t, i % 4) }),
    );
    // the same key twice in one go: one report is stored, the other gets the key refused
    const keyed = [
      report(app, w, w.resident, { description: '钥匙一' }, { 'idempotency-key': key }),
      report(app, w, w.resident, { description: '钥匙二' }, { 'idempotency-key': key }),
    ];
    const answers = await Promise.all([...sent, ...keyed]);
    const created = answers.slice(0, 10).map((r) => {
      expect(r.statusCode).toBe(201);
      return r.json().data;
    });
    expect(
      answers
        .slice(10)
        .map((r) => r.statusCode)
        .sort(),
    ).toEqual([201, 422]);
    expect(await countCases()).toBe(before + 11);
    expect(new Set(created.map((c) => c.id)).size).toBe(10);
    expect(new Set(created.map((c) => c.trackingCode)).size).toBe(10);
    for (const [i, c] of created.entries()) {
      expect(c).toMatchObject({ orgCode: w.t.grids[i % 4]!.code, triage: false, replayed: false });
      const stored = await one<{ description: string; events: number; followers: number }>(
        db,
        sql`select c.description, (select count(*)::int from case_events e where e.case_id = c.id) as events,
              (select count(*)::int from case_followers f where f.case_id = c.id) as followers
            from cases c where c.id = ${c.id}`,
      );
      expect(stored).toEqual({
        description: `路灯不亮，第 ${i} 号`,
        events: 1,
        followers: reporters[i] ? 1 : 0,
      });
    }
  });
});
