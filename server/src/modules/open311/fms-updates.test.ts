import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { errorsOf } from './post-fixtures.ts';
import { asText, ENV_KEY, form, open311App, parseXml, sparkOf } from './test-helpers.ts';

// Conformance with mySociety's "Open311 FMS – Complete Spec" (servicerequestupdates, both directions) and
// "Open311 FMS – Additional states", read as FixMyStreet's perllib/Open311.pm sends and parses them.

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await open311App(db);
  w = await caseWorld(app, db);
});
afterAll(() => app.close());

type Update = Record<string, string | null>;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const tag = () => randomBytes(5).toString('hex');

/** Reports through Open311 with the given key; returns the id. */
async function report(fields: Record<string, string> = {}, key = ENV_KEY): Promise<number> {
  const at = gridCentre(w.t, 0);
  const res = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.xml',
    headers: FORM,
    payload: form({
      api_key: key,
      service_code: STREETLIGHT,
      lat: String(at.lat),
      long: String(at.lng),
      description: `路灯不亮 ${tag()}`,
      ...fields,
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return Number((sparkOf(parseXml(res.body)) as Record<string, string>[])[0]!.service_request_id);
}

/** The time of a case's latest event (events are append-only: a test reads their times, never moves them). */
async function lastEventAt(id: number): Promise<Date> {
  return (await one<{ at: Date }>(db, sql`select max(at) as at from case_events where case_id = ${id}`))!.at;
}

/** GET servicerequestupdates in both formats; asserts the XML says what the JSON says; returns the JSON. */
async function updates(query: string): Promise<Update[]> {
  const json = await app.inject({ url: `/open311/v2/servicerequestupdates.json?${query}` });
  const xml = await app.inject({ url: `/open311/v2/servicerequestupdates.xml?${query}` });
  expect(json.statusCode, json.body).toBe(200);
  expect(xml.statusCode).toBe(200);
  expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
  const tree = parseXml(xml.body);
  expect(tree.name).toBe('service_request_updates');
  expect(tree.children.every((c) => c.name === 'request_update')).toBe(true);
  expect(sparkOf(tree)).toEqual(asText(json.json()));
  return json.json();
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const windowOf = (from: Date, to: Date) =>
  `start_date=${encodeURIComponent(iso(from))}&end_date=${encodeURIComponent(iso(to))}`;
/** Updates of one case in the ten minutes before its latest event and the minute after. */
const updatesOf = async (id: number) => {
  const at = await lastEventAt(id);
  const list = await updates(windowOf(new Date(at.getTime() - 600_000), new Date(at.getTime() + 60_000)));
  return list.filter((u) => u.service_request_id === String(id));
};

describe('GET servicerequestupdates (FMS Complete Spec, extended statuses)', () => {
  it('lists each public step with exactly the spec fields, in extended statuses, internal steps left out', async () => {
    const id = await report();
    await ok(app, w.dispatcher, id, 'file');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.unit, id, 'sign');
    await ok(app, w.unit, id, 'feedback', { note: '已更换灯泡', notePublic: true });
    await ok(app, w.gridWorker, id, 'check_pass', { note: '内部：复查通过' });
    await ok(app, w.dispatcher, id, 'close', { note: '内部结案说明' });
    const list = await updatesOf(id);
    expect(list.map((u) => u.status)).toEqual(['action_scheduled', 'in_progress', 'in_progress', 'fixed']);
    for (const u of list) {
      expect(Object.keys(u)).toEqual([
        'update_id',
        'service_request_id',
        'status',
        'updated_datetime',
        'description',
        'media_url',
      ]);
      expect(u.update_id).toMatch(/^\d+$/);
      expect(u.updated_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(u.media_url).toBeNull();
    }
    expect(new Set(list.map((u) => u.update_id)).size).toBe(4);
    // public text only: the published feedback note, never the internal ones
    expect(list[2]!.description).toContain('已更换灯泡');
    expect(JSON.stringify(list)).not.toMatch(/内部/);
    expect(list[3]!.description).toBe('已办结');
  });

  it('tells a rejection by its reason: duplicate, not the council’s, no further action; and investigating', async () => {
    const master = await report();
    const dup = await report();
    const away = await report();
    const none = await report();
    const check = await report();
    await ok(app, w.dispatcher, dup, 'merge', { masterId: master });
    await ok(app, w.dispatcher, away, 'reject', { rejectReason: 'out_of_scope', reason: '属供电公司' });
    await ok(app, w.dispatcher, none, 'reject', {
      rejectReason: 'not_substantiated',
      reason: '现场无此问题',
    });
    await ok(app, w.dispatcher, check, 'verify');
    const statuses = async (id: number) => (await updatesOf(id)).map((u) => u.status);
    expect(await statuses(dup)).toEqual(['duplicate']);
    expect(await statuses(away)).toEqual(['not_councils_responsibility']);
    expect(await statuses(none)).toEqual(['no_further_action']);
    expect(await statuses(check)).toEqual(['investigating']);
    expect(JSON.stringify(await updatesOf(away))).not.toContain('属供电公司');
  });

  it('counts both ends to the second, the end inclusive, and refuses a reversed window', async () => {
    const id = await report();
    await ok(app, w.dispatcher, id, 'file');
    const at = await lastEventAt(id);
    const second = new Date(Math.floor(at.getTime() / 1000) * 1000);
    const mine = async (from: Date, to: Date) =>
      (await updates(windowOf(from, to))).filter((u) => u.service_request_id === String(id)).length;
    // shown to the second, so the second it is shown at holds it, at either end of the window
    expect(await mine(second, second)).toBe(1);
    expect(await mine(new Date(second.getTime() - 5000), new Date(second.getTime() - 1000))).toBe(0);
    expect(await mine(new Date(second.getTime() + 1000), new Date(second.getTime() + 5000))).toBe(0);
    const bad = await app.inject({
      url: `/open311/v2/servicerequestupdates.xml?${windowOf(second, new Date(0))}`,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorsOf(bad)[0]!.code).toBe('VALIDATION_FAILED');
  });

  it('leaves out internal-source cases and the report step itself', async () => {
    const id = await report();
    expect(await updatesOf(id)).toEqual([]);
    const internal = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: w.dispatcher },
      payload: {
        source: 'supervision',
        categoryCode: STREETLIGHT,
        description: '督查',
        location: gridCentre(w.t, 0),
      },
    });
    expect(internal.statusCode, internal.body).toBe(201);
    const secret = internal.json().data.id as number;
    await ok(app, w.dispatcher, secret, 'file');
    expect(await updatesOf(secret)).toEqual([]);
  });
});

/** POSTs an update as FixMyStreet does (its _populate_service_request_update_params). */
function postUpdate(format: 'json' | 'xml', fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: `/open311/v2/servicerequestupdates.${format}`,
    headers: FORM,
    payload: form({
      api_key: ENV_KEY,
      updated_datetime: '2026-01-05T09:30:00+08:00',
      status: 'OPEN',
      first_name: 'Alice',
      last_name: 'Smith',
      email: 'alice@example.org',
      ...fields,
    }),
  });
}

/** A request sent through Open311 and taken through to closed. */
async function closedRequest(): Promise<number> {
  const id = await report();
  await ok(app, w.dispatcher, id, 'file');
  await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
  await ok(app, w.unit, id, 'feedback', { note: '已修' });
  await ok(app, w.gridWorker, id, 'check_pass');
  await ok(app, w.dispatcher, id, 'close');
  return id;
}

const eventsOf = (id: number) =>
  rows<{ id: number; action: string; reason: string | null; public: boolean; data: Record<string, unknown> }>(
    db,
    sql`select id, action, reason, public, data from case_events where case_id = ${id} order by id`,
  );

describe('POST servicerequestupdates (FMS Complete Spec)', () => {
  it('turns a comment into a public follow-up whose text only staff read, answering its update_id', async () => {
    const id = await report();
    for (const format of ['xml', 'json'] as const) {
      const clientId = `fms-${tag()}`;
      const res = await postUpdate(format, {
        service_request_id: String(id),
        update_id: clientId,
        description: `还是不亮\r\n第二行 ${format}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = format === 'xml' ? (sparkOf(parseXml(res.body)) as Update[]) : (res.json() as Update[]);
      if (format === 'xml') expect(parseXml(res.body).name).toBe('service_request_updates');
      expect(body).toEqual([{ update_id: expect.stringMatching(/^\d+$/) }]);
      const event = (await eventsOf(id)).find((e) => String(e.id) === body[0]!.update_id)!;
      expect(event).toMatchObject({
        action: 'follow_up',
        public: true,
        reason: `还是不亮\n第二行 ${format}`,
      });
    }
    // the public timeline says a follow-up came, not what it says
    const track = await app.inject({ url: `/open311/v2/requests/${id}.json?extensions=true` });
    const notes = track.json()[0].notes as { description: string; type: string }[];
    expect(notes.filter((n) => n.type === 'follow_up').map((n) => n.description)).toEqual([
      '反映人补充了情况',
      '反映人补充了情况',
    ]);
    expect(track.body).not.toContain('还是不亮');
  });

  it('is idempotent on the client’s update_id, and never sends a client its own comment back', async () => {
    const id = await report();
    const fields = {
      service_request_id: String(id),
      update_id: `fms-${tag()}`,
      description: '补充：灯杆编号 LD-7',
    };
    const first = await postUpdate('json', fields);
    const again = await postUpdate('json', fields);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect((await eventsOf(id)).filter((e) => e.action === 'follow_up')).toHaveLength(1);
    const other = await postUpdate('json', { ...fields, description: '另一条' });
    expect(other.statusCode).toBe(400);
    expect(errorsOf(other)[0]!.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await updatesOf(id)).toEqual([]);
  });

  it('reopens a closed case when asked with REOPEN and the reporter’s rules allow', async () => {
    for (const status of ['REOPEN', 'reopen']) {
      const id = await closedRequest();
      const res = await postUpdate('xml', {
        service_request_id: String(id),
        update_id: `fms-${tag()}`,
        status,
        description: '晚上还是不亮',
      });
      expect(res.statusCode, res.body).toBe(201);
      const state = await one<{ state: string; reopenCount: number }>(
        db,
        sql`select state, reopen_count as "reopenCount" from cases where id = ${id}`,
      );
      expect(state).toEqual({ state: 'dispatched', reopenCount: 1 });
      const updateId = (sparkOf(parseXml(res.body)) as Update[])[0]!.update_id;
      const event = (await eventsOf(id)).find((e) => String(e.id) === updateId)!;
      expect(event).toMatchObject({ action: 'reopen', reason: '晚上还是不亮' });
    }
  });

  it('keeps the comment but does not reopen for a stale open status, status CLOSED, or a passed window', async () => {
    const id = await closedRequest();
    // FixMyStreet had not fetched the closing update yet when its user commented: no reopening
    const stale = await postUpdate('json', {
      service_request_id: String(id),
      update_id: `fms-${tag()}`,
      status: 'IN_PROGRESS',
      description: '还在修吗',
    });
    expect(stale.statusCode).toBe(201);
    const closed = await postUpdate('json', {
      service_request_id: String(id),
      update_id: `fms-${tag()}`,
      status: 'CLOSED',
      description: '谢谢',
    });
    expect(closed.statusCode).toBe(201);
    await db.execute(sql`update cases set closed_at = now() - interval '30 days' where id = ${id}`);
    const late = await postUpdate('json', {
      service_request_id: String(id),
      update_id: `fms-${tag()}`,
      status: 'REOPEN',
      description: '又坏了',
    });
    expect(late.statusCode).toBe(201);
    expect((await one<{ state: string }>(db, sql`select state from cases where id = ${id}`))!.state).toBe(
      'closed',
    );
    const follow = (await eventsOf(id)).filter((e) => e.action === 'follow_up');
    expect(follow.map((e) => e.reason)).toEqual(['还在修吗', '谢谢', '又坏了']);
    expect(follow[0]!.data).not.toHaveProperty('reopenRefused');
    expect(follow[2]!.data).toMatchObject({ reopenRefused: 'RATING_WINDOW_PASSED' });
  });

  it('refuses what the spec requires with 400 listing every problem, a missing key with 403, and other keys’ requests with 404', async () => {
    const res = await postUpdate('xml', { status: 'MAYBE' });
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res).map((e) => e.description)).toEqual([
      expect.stringMatching(/service_request_id/),
      expect.stringMatching(/update_id/),
      expect.stringMatching(/MAYBE/),
      expect.stringMatching(/description/),
    ]);
    const id = await report();
    const noKey = await postUpdate('json', {
      api_key: '',
      service_request_id: String(id),
      update_id: `fms-${tag()}`,
      description: 'x',
    });
    expect(noKey.statusCode).toBe(403);
    const resident = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: w.resident },
      payload: {
        source: 'resident',
        categoryCode: STREETLIGHT,
        description: '居民自报',
        location: gridCentre(w.t, 0),
      },
    });
    const notMine = await postUpdate('json', {
      service_request_id: String(resident.json().data.id),
      update_id: `fms-${tag()}`,
      description: '不是我发的',
    });
    expect(notMine.statusCode).toBe(404);
    expect((await eventsOf(resident.json().data.id)).some((e) => e.action === 'follow_up')).toBe(false);
  });
});
