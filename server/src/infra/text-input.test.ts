import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { testConfig, testDatabase } from '../../test/database.ts';
import { createUserWith, gridCentre, loginAs } from '../../test/factories.ts';
import { buildApp } from '../app.ts';
import { errorsOf, marker, type PostKit, postKit } from '../modules/open311/post-fixtures.ts';
import { ENV_KEY } from '../modules/open311/test-helpers.ts';
import { multipartBody } from '../modules/photos/test-fixtures.ts';
import { type Db, one } from './db.ts';

let app: FastifyInstance;
let db: Db;
let kit: PostKit;
let staff: string;

beforeAll(async () => {
  const database = await testDatabase();
  db = database.db;
  app = await buildApp({ config: testConfig({ open311ApiKeys: [ENV_KEY] }), database, logger: false });
  await app.ready();
  kit = await postKit(app, db);
  const user = await createUserWith(db, 'dispatcher', { orgNodeId: kit.t.district.id }, kit.t.district.code);
  staff = await loginAs(app, user);
});
afterAll(() => app.close());

/** How many cases a description marker stored (a NUL cannot be stored, so the marker is its prefix). */
const storedLike = async (prefix: string) =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from cases where description like ${`${prefix}%`}`,
  ))!.n;

function reportJson(body: Record<string, unknown>, lang = 'zh-CN') {
  return app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { 'accept-language': lang },
    payload: { categoryCode: STREETLIGHT, description: marker(), location: gridCentre(kit.t, 0), ...body },
  });
}

describe('text PostgreSQL cannot store is a 400 naming the field, never a 500', () => {
  it('refuses a NUL byte in a JSON body, in the caller’s language, and stores nothing', async () => {
    const m = marker();
    const zh = await reportJson({ description: `${m}\u0000路灯` });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'TEXT_INVALID',
      details: [{ field: 'body/description', message: '包含空字符（NUL）' }],
    });
    const en = await reportJson({ description: `${m}\u0000`, address: 'ok' }, 'en-US,en;q=0.9');
    expect(en.json().error.details).toEqual([
      { field: 'body/description', message: 'contains a NUL character' },
    ]);
    expect(await storedLike(m)).toBe(0);
  });

  it('refuses a lone UTF-16 surrogate (it would be stored as U+FFFD) and NUL in object keys', async () => {
    const lone = await reportJson({ reporterName: '张\ud800三' });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().error.details).toEqual([
      { field: 'body/reporterName', message: '包含无效的 Unicode 字符' },
    ]);
    const key = await reportJson({ answers: { 'volume\u0000': 'small' } });
    expect(key.statusCode).toBe(400);
    expect(key.json().error).toMatchObject({
      code: 'TEXT_INVALID',
      details: [{ field: 'body/answers/volume\u0000' }],
    });
    // however deeply it is nested
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const nested = await reportJson({ answers: { volume: deep } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details[0].field).toBe(`body/answers/volume${'/a'.repeat(200)}`);
  });

  it('checks the query string and path parameters', async () => {
    const q = await app.inject({ url: '/api/cases?q=%00', headers: { cookie: staff } });
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toMatchObject({ code: 'TEXT_INVALID', details: [{ field: 'querystring/q' }] });
    const p = await app.inject({ url: '/api/track/AB%00CD' });
    expect(p.statusCode).toBe(400);
    expect(p.json().error).toMatchObject({ code: 'TEXT_INVALID', details: [{ field: 'params/code' }] });
  });

  it('checks multipart text fields', async () => {
    const m = marker();
    const at = gridCentre(kit.t, 0);
    const body = multipartBody(
      { categoryCode: STREETLIGHT, description: `${m}\u0000`, lat: String(at.lat), lng: String(at.lng) },
      [],
    );
    const res = await app.inject({ method: 'POST', url: '/api/cases', ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'TEXT_INVALID',
      details: [{ field: 'body/description' }],
    });
    expect(await storedLike(m)).toBe(0);
  });

  it('answers an Open311 form post in Open311’s error format, in JSON and XML, and stores nothing', async () => {
    for (const format of ['json', 'xml'] as const) {
      const m = marker();
      const res = await kit.post(format, kit.valid({ description: `${m}\u0000` }));
      expect(res.statusCode).toBe(400);
      expect(errorsOf(res)).toEqual([
        { code: 'TEXT_INVALID', description: expect.stringMatching(/description 包含空字符/) },
      ]);
      expect(await storedLike(m)).toBe(0);
    }
    const query = await app.inject({ url: '/open311/v2/requests.json?service_code=%00' });
    expect(query.statusCode).toBe(400);
    expect(errorsOf(query)[0]).toMatchObject({ code: 'TEXT_INVALID' });
  });
});
