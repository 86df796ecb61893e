import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { PersonalDataCipher } from '../../infra/crypto.ts';
import { type Db, one } from '../../infra/db.ts';
import { reportCase } from '../cases/commands/report-case.ts';
import { multipartBody, testImage } from '../photos/test-fixtures.ts';
import { asText, ENV_KEY, form, open311App, parseXml, type Spark, sparkOf } from './test-helpers.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await open311App(db);
  w = await caseWorld(app, db);
});
afterAll(() => app.close());

type Request = Record<string, unknown> & { service_request_id: string };

/** Reports through Open311 and returns the new id as a number. */
async function report(fields: Record<string, string> = {}): Promise<number> {
  const at = gridCentre(w.t, 0);
  const res = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      api_key: ENV_KEY,
      service_code: STREETLIGHT,
      lat: String(at.lat),
      long: String(at.lng),
      description: '路灯不亮',
      first_name: '小明',
      last_name: '王',
      phone: '13912345678',
      ...fields,
    }),
  });
  expect(res.statusCode).toBe(201);
  return Number(res.json()[0].service_request_id);
}

/**
 * GET in both formats; asserts the XML says exactly what the JSON says and returns the JSON list. `only`
 * narrows the comparison to these requests, for a window other test files on a shared PostgreSQL write into
 * (their cases may change state between the two GETs).
 */
async function getBoth(
  path: string,
  headers: Record<string, string> = {},
  only?: number[],
): Promise<Request[]> {
  const json = await app.inject({ url: `/open311/v2/${path.replace('{f}', 'json')}`, headers });
  const xml = await app.inject({ url: `/open311/v2/${path.replace('{f}', 'xml')}`, headers });
  expect(json.statusCode, json.body).toBe(200);
  expect(xml.statusCode).toBe(200);
  const tree = parseXml(xml.body);
  expect(tree.name).toBe('service_requests');
  expect(tree.children.every((c) => c.name === 'request')).toBe(true);
  const mine = (list: Spark[]) =>
    only ? list.filter((r) => only.includes(Number((r as Record<string, Spark>).service_request_id))) : list;
  expect(mine(sparkOf(tree) as Spark[])).toEqual(mine(asText(json.json()) as Spark[]));
  return json.json();
}

const one311 = async (id: number, query = '') => (await getBoth(`requests/${id}.{f}${query}`))[0]!;

/** A minute in a past year of its own, so a date-window query sees only this test's cases. */
const pastSlot = () => new Date(Date.UTC(2001 + randomInt(0, 20), randomInt(0, 12), randomInt(1, 28), 3, 0));
const moveTo = (id: number, at: Date) =>
  db.execute(sql`update cases set reported_at = ${at} where id = ${id}`);

describe('GET requests/{id}', () => {
  it('maps a new report to open, without reporter identity, as a one-element list', async () => {
    const id = await report();
    const json = await app.inject({ url: `/open311/v2/requests/${id}.json` });
    expect(json.json()).toHaveLength(1);
    const r = await one311(id);
    expect(r).toMatchObject({
      service_request_id: String(id),
      status: 'open',
      status_notes: '待受理',
      service_code: STREETLIGHT,
      service_name: '路灯不亮',
      description: '路灯不亮',
      agency_responsible: null,
      expected_datetime: null,
      lat: gridCentre(w.t, 0).lat,
      long: gridCentre(w.t, 0).lng,
      media_url: null,
    });
    expect(r.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const c = await one<{ reportedAt: Date }>(
      db,
      sql`select reported_at as "reportedAt" from cases where id = ${id}`,
    );
    expect(Date.parse(r.requested_datetime as string)).toBe(
      Math.floor(c!.reportedAt.getTime() / 1000) * 1000,
    );
    for (const format of ['json', 'xml']) {
      const body = (await app.inject({ url: `/open311/v2/requests/${id}.${format}` })).body;
      expect(body).not.toMatch(/王小明|小明|13912345678|reporter/);
    }
  });

  it('follows the workflow: expected time once filed, the unit as agency, closed with its close time', async () => {
    const id = await report();
    await ok(app, w.dispatcher, id, 'file');
    const filed = await one311(id);
    const c = await one<{ replyDeadlineAt: Date }>(
      db,
      sql`select reply_deadline_at as "replyDeadlineAt" from cases where id = ${id}`,
    );
    expect(Date.parse(filed.expected_datetime as string)).toBe(
      Math.floor(c!.replyDeadlineAt.getTime() / 1000) * 1000,
    );
    expect(filed).toMatchObject({ status: 'open', status_notes: '待派遣' });
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.leader, id, 'supervise', { level: 'yellow', note: '内部督办备注，不公开' });
    await ok(app, w.unit, id, 'sign');
    await ok(app, w.unit, id, 'feedback', { note: '已更换灯泡' });
    await ok(app, w.gridWorker, id, 'check_pass');
    await ok(app, w.dispatcher, id, 'close');
    const closed = await one311(id, '?extensions=true');
    const row = await one<{ closedAt: Date; unit: string }>(
      db,
      sql`select c.closed_at as "closedAt", u.name as unit from cases c join units u on u.id = c.unit_id where c.id = ${id}`,
    );
    expect(closed).toMatchObject({ status: 'closed', status_notes: '已结案', agency_responsible: row!.unit });
    expect(Date.parse(closed.updated_datetime as string)).toBe(
      Math.floor(row!.closedAt.getTime() / 1000) * 1000,
    );
    const notes = closed.notes as { type: string; description: string; datetime: string }[];
    // the public steps only (signing, supervision and the check are internal), in the tracking page's words
    expect(notes.map((n) => n.type)).toEqual(['report', 'file', 'dispatch', 'feedback', 'close']);
    expect(notes[0]).toMatchObject({ description: '已收到反映' });
    expect(notes[2]!.description).toBe(`已派发至${row!.unit}`);
    expect(JSON.stringify(closed)).not.toContain('内部督办备注');
    expect(JSON.stringify(closed)).not.toContain('已更换灯泡');
    const en = (await getBoth(`requests/${id}.{f}?extensions=true`, { 'accept-language': 'en' }))[0]!;
    expect(en).toMatchObject({ status_notes: 'Closed', service_name: 'Street light out' });
    expect((en.notes as { description: string }[])[4]!.description).toBe('Closed');
    expect(await one311(id)).not.toHaveProperty('notes');
  });

  it('maps a rejection to closed with why (the note only when published), and its time as the update time', async () => {
    const quiet = await report();
    await ok(app, w.dispatcher, quiet, 'reject', {
      rejectReason: 'out_of_scope',
      reason: '内部：疑似恶意举报',
    });
    expect((await one311(quiet)).status_notes).toBe('不予立案：不属于受理范围，已转交有关部门');
    const id = await report();
    await ok(app, w.dispatcher, id, 'reject', {
      rejectReason: 'out_of_scope',
      reason: '属供电公司管辖',
      notePublic: true,
    });
    const r = await one311(id);
    expect(r.status).toBe('closed');
    expect(r.status_notes).toBe('不予立案：不属于受理范围，已转交有关部门（属供电公司管辖）');
    const at = await one<{ rejectedAt: Date }>(
      db,
      sql`select rejected_at as "rejectedAt" from cases where id = ${id}`,
    );
    expect(Date.parse(r.updated_datetime as string)).toBe(Math.floor(at!.rejectedAt.getTime() / 1000) * 1000);
  });

  it('gives the first photo as an absolute public URL on the request’s host', async () => {
    const at = gridCentre(w.t, 1);
    const body = multipartBody(
      {
        source: 'resident',
        categoryCode: STREETLIGHT,
        description: '有照片',
        lat: String(at.lat),
        lng: String(at.lng),
      },
      [{ name: 'photos', filename: 'a.jpg', type: 'image/jpeg', data: await testImage('jpeg') }],
    );
    const res = await app.inject({ method: 'POST', url: '/api/cases', ...body });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().data.id as number;
    const photo = await one<{ id: string }>(db, sql`select id::text from case_photos where case_id = ${id}`);
    const got = await app.inject({
      url: `/open311/v2/requests/${id}.json`,
      headers: { host: 'open311.example.gov.cn' },
    });
    expect(got.json()[0].media_url).toBe(`http://open311.example.gov.cn/api/photos/${photo!.id}/public`);
    const file = await app.inject({ url: `/api/photos/${photo!.id}/public` });
    expect(file.statusCode).toBe(200);
  });

  it('is 404 for an unknown id, a malformed id and a care alert', async () => {
    const alert = await reportCase(
      db,
      null,
      {
        source: 'api',
        categoryCode: '12.01',
        description: '关爱预警',
        location: gridCentre(w.t, 0),
        idempotencyScope: 'test',
      },
      [],
      new PersonalDataCipher(testConfig().secretKey),
      true,
    );
    for (const id of ['999999999', 'abc', String(alert!.id)]) {
      for (const format of ['json', 'xml']) {
        const res = await app.inject({ url: `/open311/v2/requests/${id}.${format}` });
        expect(res.statusCode).toBe(404);
      }
    }
    const listed = await getBoth(`requests.{f}?service_request_id=${alert!.id}`);
    expect(listed).toEqual([]);
  });
});

describe('GET requests', () => {
  it('filters by date window, service_code and status, newest first, with pages', async () => {
    const base = pastSlot();
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await report(i === 3 ? { service_code: '05.03' } : {});
      await moveTo(id, new Date(base.getTime() + i * 60_000));
      ids.push(id);
    }
    await ok(app, w.dispatcher, ids[1]!, 'reject', {
      rejectReason: 'not_substantiated',
      reason: '现场无此问题',
    });
    const window = `start_date=${new Date(base.getTime() - 60_000).toISOString()}&end_date=${new Date(base.getTime() + 3_600_000).toISOString()}`;
    const idsOf = (list: Request[]) => list.map((r) => Number(r.service_request_id));
    expect(idsOf(await getBoth(`requests.{f}?${window}`))).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(idsOf(await getBoth(`requests.{f}?${window}&service_code=05.02`))).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(idsOf(await getBoth(`requests.{f}?${window}&service_code=05.03,01.01`))).toEqual([ids[3]]);
    expect(
      idsOf(await getBoth(`requests.{f}?${window}&service_code=05.03&service_code=05.02&status=closed`)),
    ).toEqual([ids[1]]);
    expect(idsOf(await getBoth(`requests.{f}?${window}&status=closed`))).toEqual([ids[1]]);
    expect(idsOf(await getBoth(`requests.{f}?${window}&status=open`))).toEqual([ids[3], ids[2], ids[0]]);
    expect(idsOf(await getBoth(`requests.{f}?${window}&status=open,closed`))).toHaveLength(4);
    expect(idsOf(await getBoth(`requests.{f}?${window}&page_size=2`))).toEqual([ids[3], ids[2]]);
    expect(idsOf(await getBoth(`requests.{f}?${window}&page_size=2&page=2`))).toEqual([ids[1], ids[0]]);
    expect(idsOf(await getBoth(`requests.{f}?${window}&page_size=2&page=3`))).toEqual([]);
    const empty = '&service_code=&status=&page=&page_size=&jurisdiction_id=&extensions=';
    expect(await getBoth(`requests.{f}?${window}${empty}`)).toEqual(await getBoth(`requests.{f}?${window}`));
    // one end alone reaches 90 days from it
    expect(idsOf(await getBoth(`requests.{f}?start_date=${base.toISOString()}&service_code=05.03`))).toEqual([
      ids[3],
    ]);
  });

  it('lets service_request_id override every other parameter', async () => {
    const a = await report();
    const b = await report();
    await moveTo(a, pastSlot());
    const list = await getBoth(
      `requests.{f}?service_request_id=${a},${b},${a}&status=closed&start_date=nonsense`,
    );
    expect(list.map((r) => Number(r.service_request_id)).sort()).toEqual([a, b].sort());
  });

  it('defaults to the last 90 days', async () => {
    const recent = await report();
    const old = await report();
    await moveTo(old, new Date(Date.now() - 91 * 86_400_000));
    const list = await getBoth('requests.{f}?service_code=05.02', {}, [recent, old]);
    const ids = list.map((r) => Number(r.service_request_id));
    expect(ids).toContain(recent);
    expect(ids).not.toContain(old);
  });

  it('answers 400 with an error list for a span over 90 days and other bad parameters', async () => {
    const bad = [
      'start_date=2024-01-01T00:00:00Z&end_date=2024-04-01T00:00:01Z',
      'start_date=2024-03-01T00:00:00Z&end_date=2024-02-01T00:00:00Z',
      'start_date=yesterday',
      'start_date=2024-02-31',
      'end_date=2024-01-01T10:00:00',
      'status=pending',
      'page=0',
      'page_size=-1',
      'service_request_id=1,x',
      // PostgreSQL has no year 0: the window reaching back 90 days from here was a 500
      'end_date=0001-01-01T00:00:00Z',
      'start_date=0000-01-01',
      'start_date=9999-12-31T23:59:59-12:00',
    ];
    for (const q of bad) {
      for (const format of ['json', 'xml']) {
        const res = await app.inject({ url: `/open311/v2/requests.${format}?${q}` });
        expect(res.statusCode, q).toBe(400);
        const errors = format === 'json' ? res.json() : sparkOf(parseXml(res.body));
        expect(errors).toEqual([{ code: 'VALIDATION_FAILED', description: expect.any(String) }]);
      }
    }
    const span = await app.inject({
      url: '/open311/v2/requests.json?start_date=2024-01-01T00:00:00Z&end_date=2024-06-01T00:00:00Z',
    });
    expect(span.json()[0].description).toMatch(/90/);
    const exactly = await app.inject({
      url: '/open311/v2/requests.json?start_date=2024-01-01T00:00:00Z&end_date=2024-03-31T00:00:00Z',
    });
    expect(exactly.statusCode).toBe(200);
  });
});
