import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createUserWith, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { createApiKey } from './commands/create-api-key.ts';
import { revokeApiKey } from './commands/revoke-api-key.ts';
import { errorsOf, type Fields, marker, type PostKit, postKit } from './post-fixtures.ts';
import { ENV_KEY, open311App, parseXml, sparkOf } from './test-helpers.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let kit: PostKit;
let tableKey: { id: number; key: string };
let adminId: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await open311App(db);
  kit = await postKit(app, db);
  t = kit.t;
  adminId = (await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code)).id;
  tableKey = await createApiKey(db, '测试集成', { actorId: adminId, ip: 'test' });
});
afterAll(() => app.close());

const valid = (extra: Fields = {}) => kit.valid(extra);
const post = (format: 'json' | 'xml', fields: Fields, headers: Record<string, string> = {}) =>
  kit.post(format, fields, headers);
const stored = (description: string | string[] | undefined) => kit.stored(description);

describe('POST requests: keys', () => {
  it('refuses a missing, an unknown and a revoked key with 403 in both formats, storing nothing', async () => {
    const revoked = await createApiKey(db, '已撤销', { actorId: adminId, ip: 'test' });
    await revokeApiKey(db, revoked.id, { actorId: adminId, ip: 'test' });
    for (const format of ['json', 'xml'] as const) {
      for (const key of [undefined, 'not-a-key', revoked.key]) {
        const fields = valid();
        if (key === undefined) delete fields.api_key;
        else fields.api_key = key;
        const res = await post(format, fields);
        expect(res.statusCode).toBe(403);
        expect(errorsOf(res)).toEqual([
          { code: 'FORBIDDEN', description: expect.stringContaining('api_key') },
        ]);
        expect(await stored(fields.description!)).toBe(0);
      }
    }
  });

  it('takes a key from the start-up list and one from the table, each its own idempotency scope', async () => {
    const fromEnv = valid();
    const idem = `same-key-${randomBytes(6).toString('hex')}`;
    const a = await post('json', fromEnv, { 'idempotency-key': idem });
    expect(a.statusCode).toBe(201);
    const fromTable = { ...fromEnv, api_key: tableKey.key };
    const b = await post('json', fromTable, { 'idempotency-key': idem });
    expect(b.statusCode).toBe(201);
    const [ra, rb] = [a.json()[0], b.json()[0]];
    expect(ra.service_request_id).not.toBe(rb.service_request_id);
    const rows = await db.execute<{ keyId: number | null; keyScope: string; source: string }>(
      sql`select r.key_id as "keyId", r.key_scope as "keyScope", c.source from open311_requests r
          join cases c on c.id = r.case_id where r.case_id in (${Number(ra.service_request_id)}, ${Number(rb.service_request_id)})
          order by r.case_id`,
    );
    expect(rows.rows).toEqual([
      { keyId: null, keyScope: expect.stringMatching(/^open311:env-[0-9a-f]{12}$/), source: 'api' },
      { keyId: tableKey.id, keyScope: `open311:${tableKey.id}`, source: 'api' },
    ]);
  });
});

describe('POST requests: a report through the shared intake', () => {
  it('answers a one-element list with the id alone (no token, no tracking code), and files the case in its grid', async () => {
    for (const format of ['json', 'xml'] as const) {
      const fields = valid({
        first_name: '三',
        last_name: '张',
        phone: '13800001111',
        email: 'z@example.com',
      });
      const res = await post(format, fields);
      expect(res.statusCode).toBe(201);
      const list = format === 'json' ? res.json() : (sparkOf(parseXml(res.body)) as Record<string, string>[]);
      expect(list).toHaveLength(1);
      const id = list[0].service_request_id;
      expect(id).toMatch(/^\d+$/);
      // GeoReport v2: a token only when no service_request_id is returned; and the code is the reporter's own
      expect(Object.keys(list[0]).sort()).toEqual(['service_notice', 'service_request_id']);
      if (format === 'xml') expect(parseXml(res.body).name).toBe('service_requests');
      const c = await one<Record<string, unknown>>(
        db,
        sql`select source, state, grid_id as "gridId", reporter_name_enc as "nameEnc",
              reporter_phone_enc as "phoneEnc", tracking_code as "trackingCode" from cases where id = ${Number(id)}`,
      );
      expect(c).toMatchObject({
        source: 'api',
        state: 'reported',
        gridId: t.grids[0]!.id,
      });
      // the name and phone are sealed at rest, and open to the same values
      expect(String(c!.nameEnc)).not.toContain('张');
      expect(testCipher().decrypt(String(c!.nameEnc))).toBe('张三');
      expect(String(c!.phoneEnc)).not.toContain('13800001111');
      expect(res.body).not.toContain(String(c!.trackingCode));
      const notified = await one<{ n: number }>(
        db,
        sql`select count(*)::int as n from case_events where case_id = ${Number(id)} and action = 'report'`,
      );
      expect(notified!.n).toBe(1);
    }
  });

  it('resolves a tracking code given as a token to the service_request_id, in both formats', async () => {
    const res = (await post('json', valid())).json()[0];
    const token = (await one<{ code: string }>(
      db,
      sql`select tracking_code as code from cases where id = ${Number(res.service_request_id)}`,
    ))!.code;
    for (const format of ['json', 'xml'] as const) {
      const got = await app.inject({ url: `/open311/v2/tokens/${token}.${format}` });
      expect(got.statusCode).toBe(200);
      const body = format === 'json' ? got.json() : sparkOf(parseXml(got.body));
      expect(body).toEqual([{ service_request_id: res.service_request_id, token }]);
    }
    const unknown = await app.inject({ url: '/open311/v2/tokens/CG0001-000000.json' });
    expect(unknown.statusCode).toBe(404);
  });

  it('reads a Chinese description back byte-identical in JSON and XML, its CRLF as one line break', async () => {
    const sent = `小区门口路灯不亮，晚上很黑 ${marker()}\r\n第二行：<灯杆> & "编号" 'LD-01' 🚲\t完`;
    const text = sent.replace('\r\n', '\n');
    const created = await post('xml', valid({ description: sent }));
    expect(created.statusCode).toBe(201);
    const id = (sparkOf(parseXml(created.body)) as Record<string, string>[])[0]!.service_request_id;
    const json = await app.inject({ url: `/open311/v2/requests/${id}.json` });
    const xml = await app.inject({ url: `/open311/v2/requests/${id}.xml` });
    const fromJson = json.json()[0].description as string;
    const fromXml = (sparkOf(parseXml(xml.body)) as Record<string, string>[])[0]!.description!;
    expect(Buffer.from(fromJson, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(Buffer.from(fromXml, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(Buffer.from(xml.rawPayload).includes(Buffer.from('小区门口路灯不亮', 'utf8'))).toBe(true);
  });

  it('maps attribute[CODE] and attribute[CODE][] to the category answers', async () => {
    const bikes = valid({
      service_code: '04.02',
      'attribute[bike_kind][]': ['shared', 'ebike'],
    });
    const res = await post('json', bikes);
    expect(res.statusCode).toBe(201);
    const light = valid({ 'attribute[pole_number]': 'LD-0012', 'attribute[lamp_count]': '3' });
    const res2 = await post('json', light);
    expect(res2.statusCode).toBe(201);
    const answers = async (r: typeof res) =>
      (await one<{ answers: unknown }>(
        db,
        sql`select answers from cases where id = ${Number(r.json()[0].service_request_id)}`,
      ))!.answers;
    expect(await answers(res)).toEqual({ bike_kind: ['shared', 'ebike'] });
    expect(await answers(res2)).toEqual({ pole_number: 'LD-0012', lamp_count: 3 });
  });

  it('takes an address_string or an address_id alone, and keeps media_url without fetching it', async () => {
    const at = { api_key: ENV_KEY, service_code: '05.02', description: marker() };
    const a = await post('json', {
      ...at,
      address_string: '七一路 18 号',
      media_url: 'https://img.example.com/a.jpg',
    });
    expect(a.statusCode).toBe(201);
    const b = await post('json', { ...at, description: marker(), address_id: 'ADDR-0042' });
    expect(b.statusCode).toBe(201);
    const got = await app.inject({
      url: `/open311/v2/requests.json?service_request_id=${a.json()[0].service_request_id},${b.json()[0].service_request_id}`,
    });
    const byId = new Map(got.json().map((r: Record<string, unknown>) => [r.service_request_id, r]));
    expect(byId.get(a.json()[0].service_request_id)).toMatchObject({
      address: '七一路 18 号',
      lat: null,
      long: null,
      media_url: 'https://img.example.com/a.jpg',
    });
    expect(byId.get(b.json()[0].service_request_id)).toMatchObject({ address: 'ADDR-0042', media_url: null });
  });

  it('replays a retried POST with the same Idempotency-Key and refuses the key for another report', async () => {
    const fields = valid();
    const key = `retry-${randomBytes(6).toString('hex')}`;
    const first = await post('json', fields, { 'idempotency-key': key });
    const again = await post('json', fields, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
    expect(await stored(fields.description!)).toBe(1);
    const other = valid();
    const reused = await post('xml', other, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(400);
    expect(errorsOf(reused)).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', description: expect.any(String) }]);
    expect(await stored(other.description!)).toBe(0);
  });
});
