import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { type Db, one } from '../../infra/db.ts';
import { type RateLimitName, raisedLimitSettings } from '../../infra/limit-config.ts';
import { errorsOf, marker } from '../open311/post-fixtures.ts';
import { ENV_KEY, form } from '../open311/test-helpers.ts';
import { LIMITED_ROUTES } from './rate-limits.ts';

let db: Db;
let t: Tenant;
let app: FastifyInstance;

/** The real app with a few low limits (the others raised as in every test). */
async function appWith(rate: Partial<Record<RateLimitName, { count: number; seconds: number }>>) {
  const limits = raisedLimitSettings();
  Object.assign(limits.rate, rate);
  const config = testConfig({ limits, open311ApiKeys: [ENV_KEY] });
  const built = await buildApp({ config, database: await testDatabase(), logger: false });
  await built.ready();
  return built;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  app = await appWith({
    intake: { count: 3, seconds: 600 },
    intake_user: { count: 6, seconds: 600 },
    open311_post: { count: 2, seconds: 600 },
    code_lookup: { count: 4, seconds: 600 },
  });
});
afterAll(() => app.close());

const report = (remoteAddress: string, description: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/cases',
    remoteAddress,
    headers,
    payload: { source: 'resident', categoryCode: '05.02', description, location: gridCentre(t, 0) },
  });

const stored = async (description: string) =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from cases where description = ${description}`,
  ))!.n;

describe('request-rate limits', () => {
  it('refuses a burst of anonymous reports from one address after the limit, in Chinese, storing nothing', async () => {
    const texts = Array.from({ length: 6 }, () => marker());
    const answers = [];
    for (const text of texts) answers.push(await report('198.51.100.7', text));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = answers[3]!;
    expect(refused.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      message: '操作过于频繁，请稍后再试。',
    });
    // three reports per 600 s: the next one is allowed again after 200 s
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(150);
    expect(wait).toBeLessThanOrEqual(200);
    for (const [i, text] of texts.entries()) expect(await stored(text)).toBe(i < 3 ? 1 : 0);

    const english = await report('198.51.100.7', marker(), { 'accept-language': 'en-US,en;q=0.8' });
    expect(english.json().error.message).toBe('Too many requests; wait a moment and try again.');
    // another address is unaffected
    const other = marker();
    expect((await report('198.51.100.8', other)).statusCode).toBe(201);
    expect(await stored(other)).toBe(1);
  });

  it('counts an IPv6 caller by its /64, so fresh addresses of one subscriber do not help', async () => {
    const codes = [];
    for (let i = 1; i <= 4; i++) codes.push((await report(`2001:db8:7:1::${i}`, marker())).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    expect((await report('2001:db8:7:2::1', marker())).statusCode).toBe(201);
  });

  it('gives a logged-in reporter a per-user allowance of its own, whatever address the office shares', async () => {
    const office = '203.0.113.50';
    for (let i = 0; i < 3; i++) await report(office, marker());
    expect((await report(office, marker())).statusCode).toBe(429);
    const worker = await loginAs(
      app,
      await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.district.code),
    );
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await report(office, marker(), { cookie: worker })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 201, 429]);
  });

  it('answers an Open311 client over the limit with 429 and Retry-After in the GeoReport error format', async () => {
    const post = (format: 'json' | 'xml', description: string) =>
      app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${format}`,
        remoteAddress: '198.51.100.20',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({
          api_key: ENV_KEY,
          service_code: '05.02',
          lat: String(gridCentre(t, 1).lat),
          long: String(gridCentre(t, 1).lng),
          description,
        }),
      });
    const texts = [marker(), marker(), marker(), marker()];
    expect((await post('json', texts[0]!)).statusCode).toBe(201);
    expect((await post('xml', texts[1]!)).statusCode).toBe(201);
    for (const [format, text] of [
      ['json', texts[2]!],
      ['xml', texts[3]!],
    ] as const) {
      const res = await post(format, text);
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(errorsOf(res)).toEqual([{ code: 'RATE_LIMITED', description: '操作过于频繁，请稍后再试。' }]);
      expect(await stored(text)).toBe(0);
    }
  });

  it('counts tracking-code lookups through /api/track and Open311 tokens against one allowance', async () => {
    const at = '198.51.100.30';
    const urls = ['/api/track/CG0000-AAAAAA', '/open311/v2/tokens/CG0000-AAAAAB.json'];
    const codes = [];
    for (let i = 0; i < 6; i++)
      codes.push((await app.inject({ url: urls[i % 2]!, remoteAddress: at })).statusCode);
    expect(codes).toEqual([404, 404, 404, 404, 429, 429]);
    // a HEAD request is a GET too
    expect((await app.inject({ method: 'HEAD', url: urls[0]!, remoteAddress: at })).statusCode).toBe(429);
  });

  it('counts guesses at an elder’s check-in link against the same allowance as tracking codes', async () => {
    const at = '198.51.100.31';
    const codes = [];
    for (let i = 0; i < 6; i++) {
      const guess =
        i % 2
          ? { url: '/api/track/CG0000-AAAAAC' }
          : { method: 'POST' as const, url: '/api/care/checkin/status', payload: { token: 'x'.repeat(32) } };
      codes.push((await app.inject({ ...guess, remoteAddress: at })).statusCode);
    }
    expect(codes).toEqual([404, 404, 404, 404, 429, 429]);
  });

  it('leaves routes outside the table alone', async () => {
    const codes = [];
    for (let i = 0; i < 10; i++)
      codes.push((await app.inject({ url: '/api/categories', remoteAddress: '198.51.100.40' })).statusCode);
    expect(new Set(codes)).toEqual(new Set([200]));
  });

  it('names only routes that exist, so a typo in the table cannot leave a route unlimited', async () => {
    const missing = LIMITED_ROUTES.filter((r) => !app.hasRoute({ method: r.method, url: r.url })).map(
      (r) => `${r.method} ${r.url}`,
    );
    expect(missing).toEqual([]);
  });
});
