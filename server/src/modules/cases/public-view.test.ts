import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, gridCentre, loginAs, type TestUser } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { staffMessage } from '../notify/delivery-message.ts';
import { multipartBody, testImage } from '../photos/test-fixtures.ts';
import { presentPublicCase } from './present-public-case.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let follower: TestUser;
let followerCookie: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  follower = await createUserWith(db, 'resident', {}, w.t.district.code);
  followerCookie = await loginAs(app, follower);
});

// Staff text a resident must never see unless its author published it.
const INTERNAL = {
  file: '内部立案意见：该路段属重点督办',
  dispatch: '承包商老李 13900001111 明早到场',
  extension: '材料未到，申请延期三天',
  supervise: '领导批示：限期整改',
  check: '核查人员备注：夜间复查',
  close: '结案内部备注',
};
const PUBLISHED = '已更换灯泡，路灯恢复照明';

/** A resident's report taken through the whole loop with internal notes on every step; one note published. */
async function fullLoop(): Promise<{ id: number; code: string }> {
  const { id, trackingCode } = (await report(app, w, null)).json().data;
  await db.execute(sql`insert into case_followers (case_id, user_id) values (${id}, ${follower.id})`);
  await ok(app, w.dispatcher, id, 'file', { note: INTERNAL.file });
  await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId, note: INTERNAL.dispatch });
  await ok(app, w.unit, id, 'sign');
  const due = await one<{ at: Date }>(db, sql`select deadline_at as at from cases where id = ${id}`);
  await ok(app, w.unit, id, 'request_extension', {
    newDeadlineAt: new Date(due!.at.getTime() + 3 * 86_400_000).toISOString(),
    reason: INTERNAL.extension,
  });
  await ok(app, w.dispatcher, id, 'approve_extension');
  await ok(app, w.leader, id, 'supervise', { level: 'yellow', note: INTERNAL.supervise });
  await ok(app, w.unit, id, 'feedback', { note: PUBLISHED, notePublic: true });
  await ok(app, w.gridWorker, id, 'check_pass', { note: INTERNAL.check });
  await ok(app, w.dispatcher, id, 'close', { note: INTERNAL.close });
  return { id, code: trackingCode };
}

const noInternalText = (text: string) => {
  for (const note of Object.values(INTERNAL)) expect(text).not.toContain(note);
  expect(text).not.toContain('13900001111');
};

describe('the public timeline', () => {
  it('shows the public steps only, a note only when its author published it, and no names or roles', async () => {
    const { id, code } = await fullLoop();
    const res = await app.inject({ url: `/api/track/${code}` });
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'file',
      'dispatch',
      'feedback',
      'close',
    ]);
    const feedback = data.timeline.find((e: { action: string }) => e.action === 'feedback');
    expect(feedback.reason).toBe(PUBLISHED);
    expect(data.timeline.find((e: { action: string }) => e.action === 'dispatch').data).toEqual({
      unitName: expect.any(String),
    });
    noInternalText(res.body);
    expect(res.body).not.toMatch(/actorName|actorRole|测试dispatcher|newDeadlineAt|"level"/);
    // the route echoes the code the caller sent; the public view itself never carries it
    expect(data.trackingCode).toBe(code);
    expect(JSON.stringify(await presentPublicCase(db, id))).not.toContain(code);
  });

  it('shows staff every step, marked public or internal, with its note marked published or not', async () => {
    const { id } = await fullLoop();
    const staff = (await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } })).json();
    const byAction = new Map(
      staff.data.events.map((e: { action: string }) => [e.action, e] as [string, Record<string, unknown>]),
    );
    expect(byAction.get('request_extension')).toMatchObject({ public: false, reason: INTERNAL.extension });
    expect(byAction.get('dispatch')).toMatchObject({ public: true, notePublic: false });
    expect(byAction.get('feedback')).toMatchObject({ public: true, notePublic: true, reason: PUBLISHED });
  });

  it('refuses to publish the note of an internal step, changing nothing', async () => {
    const { id } = (await report(app, w, null)).json().data;
    await ok(app, w.dispatcher, id, 'file');
    const before = await one<{ version: number; n: number }>(
      db,
      sql`select version, (select count(*)::int from case_events where case_id = ${id}) as n from cases where id = ${id}`,
    );
    const res = await act(app, w.dispatcher, id, 'suspend', { reason: '等待汛期结束', notePublic: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'body/notePublic' })]);
    const after = await one<{ version: number; n: number }>(
      db,
      sql`select version, (select count(*)::int from case_events where case_id = ${id}) as n from cases where id = ${id}`,
    );
    expect(after).toEqual(before);
  });

  it('takes the choice from a multipart form too', async () => {
    const { id, trackingCode } = (await report(app, w, null)).json().data;
    await ok(app, w.dispatcher, id, 'file');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    const body = multipartBody({ note: '路灯已修复，请群众监督', notePublic: 'true' }, [
      { name: 'photos', data: await testImage('png'), filename: 'after.png', type: 'image/png' },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions/feedback`,
      headers: { cookie: w.unit, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    const page = (await app.inject({ url: `/api/track/${trackingCode}` })).json().data;
    expect(page.timeline.at(-1)).toMatchObject({ action: 'feedback', reason: '路灯已修复，请群众监督' });
    // the photo of a public step is public too
    expect(page.photos).toEqual([expect.objectContaining({ kind: 'feedback' })]);
    expect((await app.inject({ url: `/api/photos/${page.photos[0].id}/thumb` })).statusCode).toBe(200);
  });
});

describe('what a follower hears', () => {
  it('hears of public steps only, in public words, and never gets the tracking code', async () => {
    const { id, code } = await fullLoop();
    const inbox = await app.inject({
      url: '/api/notifications?limit=50',
      headers: { cookie: followerCookie },
    });
    const mine = inbox.json().data.filter((n: { caseId: number }) => n.caseId === id);
    expect(mine.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'close',
      'dispatch',
      'feedback',
      'file',
    ]);
    const text = JSON.stringify(mine);
    noInternalText(text);
    expect(text).not.toContain(code);
    expect(mine.find((n: { kind: string }) => n.kind === 'feedback').body).toContain(PUBLISHED);
    expect(mine.every((n: { title: string }) => n.title === '路灯不亮')).toBe(true);
  });

  it('gives staff the staff version only where their grants cover the case', async () => {
    const { id, trackingCode } = (await report(app, w, null)).json().data;
    // a handler of another unit following the case is not staff on it; the street staff covering it are
    const outsider = await createUserWith(db, 'unit_handler', { unitId: w.otherUnitId }, w.t.district.code);
    const covering = await createUserWith(
      db,
      'street_staff',
      { orgNodeId: w.t.streets[0]!.id },
      w.t.streets[0]!.code,
    );
    for (const u of [outsider, covering]) {
      await db.execute(sql`insert into case_followers (case_id, user_id) values (${id}, ${u.id})`);
    }
    await ok(app, w.dispatcher, id, 'file', { note: INTERNAL.file });
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId, note: INTERNAL.dispatch });
    await ok(app, w.unit, id, 'sign');
    const inboxOf = (userId: string) =>
      rows<{ kind: string; title: string; body: string }>(
        db,
        sql`select kind, title, body from notifications where user_id = ${userId} and case_id = ${id} order by id`,
      );
    const outside = await inboxOf(outsider.id);
    expect(outside.map((n) => n.kind)).toEqual(['file', 'dispatch']);
    noInternalText(JSON.stringify(outside));
    const inside = await inboxOf(covering.id);
    expect(inside.map((n) => n.kind)).toEqual(['file', 'dispatch', 'sign']);
    expect(inside[1]!.body).toBe('派遣 · 当前状态：处置中');
    expect(inside[0]!.title).toBe(`案件 ${id} 路灯不亮`);
    expect(JSON.stringify([...inside, ...outside])).not.toContain(trackingCode);
  });
});

describe('what administrators’ hooks carry', () => {
  it('names cases by number, never by tracking code, merges included', async () => {
    const master = (await report(app, w, null)).json().data;
    const dup = (await report(app, w, null)).json().data;
    await ok(app, w.dispatcher, dup.id, 'merge', { masterId: master.id });
    const events = await rows<{ id: number }>(
      db,
      sql`select id from case_events where case_id in (${master.id}, ${dup.id}) order by id`,
    );
    const messages = JSON.stringify(await Promise.all(events.map((e) => staffMessage(db, e.id))));
    expect(messages).toContain(`并入案件 ${master.id}`);
    expect(messages).not.toContain(master.trackingCode);
    expect(messages).not.toContain(dup.trackingCode);
  });
});

describe('cases from internal sources', () => {
  it('never appear on the tracking page, in Open311 or as public photos; staff still see their photos', async () => {
    const p = gridCentre(w.t, 2);
    const body = multipartBody(
      {
        source: 'undercover',
        categoryCode: '05.02',
        description: '暗访发现路灯不亮',
        lat: String(p.lat),
        lng: String(p.lng),
      },
      [{ name: 'photos', data: await testImage('jpeg'), filename: 'a.jpg', type: 'image/jpeg' }],
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: w.leader, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    const { id, trackingCode } = res.json().data;
    expect((await app.inject({ url: `/api/track/${trackingCode}` })).statusCode).toBe(404);
    expect(await presentPublicCase(db, id)).toBeNull();
    expect((await app.inject({ url: `/open311/v2/requests/${id}.json` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/open311/v2/tokens/${trackingCode}.json` })).statusCode).toBe(404);
    const listed = await app.inject({ url: `/open311/v2/requests.json?service_request_id=${id}` });
    expect(listed.json()).toEqual([]);
    const photo = await one<{ id: string }>(db, sql`select id from case_photos where case_id = ${id}`);
    for (const variant of ['public', 'thumb']) {
      const url = `/api/photos/${photo!.id}/${variant}`;
      expect((await app.inject({ url })).statusCode).toBe(404);
      expect((await app.inject({ url, headers: { cookie: w.otherUnit } })).statusCode).toBe(404);
      const staff = await app.inject({ url, headers: { cookie: w.dispatcher } });
      expect(staff.statusCode).toBe(200);
      expect(staff.headers['cache-control']).toMatch(/^private/);
    }
  });

  it('keeps photos of internal steps for staff while the report’s photos stay public', async () => {
    const { id, trackingCode } = (await report(app, w, null)).json().data;
    await ok(app, w.dispatcher, id, 'file');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.unit, id, 'feedback', { note: '已修' });
    const body = multipartBody({ note: '核查照片' }, [
      { name: 'photos', data: await testImage('png'), filename: 'c.png', type: 'image/png' },
    ]);
    await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions/check_pass`,
      headers: { cookie: w.gridWorker, ...body.headers },
      payload: body.payload,
    });
    const check = await one<{ id: string }>(
      db,
      sql`select id from case_photos where case_id = ${id} and kind = 'check'`,
    );
    const page = (await app.inject({ url: `/api/track/${trackingCode}` })).json().data;
    expect(page.photos).toEqual([]);
    const url = `/api/photos/${check!.id}/thumb`;
    expect((await app.inject({ url })).statusCode).toBe(404);
    expect((await app.inject({ url, headers: { cookie: w.gridWorker } })).statusCode).toBe(200);
  });
});
