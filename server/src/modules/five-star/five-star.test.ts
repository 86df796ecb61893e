import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { multipartBody, testImage } from '../photos/test-fixtures.ts';
import { allMet, type Cookies, fiveStarCookies } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let c: Cookies;
const YEAR = 2025;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  c = await fiveStarCookies(app, db, t);
});

const call = (cookie: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const branchUrl = (code: string, year = YEAR) => `/api/five-star/branches/${code}/years/${year}`;

describe('the five-star flow', () => {
  it('goes self-assessment → returned → resubmitted → accepted → decided, and a veto withdraws the stars', async () => {
    const home = t.communities[0]!.code;
    const page = (await call(c.community, 'GET', branchUrl(home))).json();
    expect(page.data.state).toBe('draft');
    expect(page.abilities).toEqual(['assess']);
    expect(page.data.standard.map((s: { star: string }) => s.star)).toEqual([
      'branch',
      'business',
      'harmony',
      'safety',
      'sharing',
    ]);

    const saved = await call(c.community, 'PUT', `${branchUrl(home)}/answers`, {
      answers: allMet(page.data.standard),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // no cases and no households: 满意率, 按期结案率 and 走访覆盖率 are unknown, so their stars are not earned
    expect(saved.json().data.earned).toEqual(['branch', 'business', 'sharing']);

    const photo = multipartBody({}, [
      { name: 'photo', filename: 'a.png', type: 'image/png', data: await testImage('png') },
    ]);
    const up = await app.inject({
      method: 'POST',
      url: `${branchUrl(home)}/items/b-organisation/photos`,
      headers: { cookie: c.community, ...photo.headers },
      payload: photo.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const [photoId] = up.json().data.answers['b-organisation'].photos;
    expect((await call(c.street, 'GET', `/api/five-star/photos/${photoId}`)).statusCode).toBe(200);
    expect((await call(c.otherCommunity, 'GET', `/api/five-star/photos/${photoId}`)).statusCode).toBe(404);

    expect((await call(c.community, 'POST', `${branchUrl(home)}/submit`)).json().data.state).toBe(
      'submitted',
    );
    // the community cannot review its own claim; the street can
    expect((await call(c.community, 'POST', `${branchUrl(home)}/review`, { items: [] })).statusCode).toBe(
      400,
    );
    const keys = page.data.standard.flatMap((s: { items: { key: string }[] }) => s.items.map((i) => i.key));
    const review = (returned: string | null) => ({
      items: keys.map((key: string) =>
        key === returned ? { key, accepted: false, reason: '缺少会议记录照片' } : { key, accepted: true },
      ),
    });
    expect((await call(c.community, 'POST', `${branchUrl(home)}/review`, review(null))).statusCode).toBe(403);
    const back = await call(c.street, 'POST', `${branchUrl(home)}/review`, review('b-score'));
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().data.state).toBe('returned');
    expect(back.json().data.answers['b-score']).toMatchObject({
      review: 'returned',
      reviewReason: '缺少会议记录照片',
    });

    await call(c.community, 'PUT', `${branchUrl(home)}/answers`, {
      answers: [{ key: 'b-score', value: 92, evidence: '补充' }],
    });
    await call(c.community, 'POST', `${branchUrl(home)}/submit`);
    expect((await call(c.street, 'POST', `${branchUrl(home)}/review`, review(null))).json().data.state).toBe(
      'reviewed',
    );

    // the street does not decide; the district cannot award a star the answers did not earn
    expect(
      (await call(c.street, 'POST', `${branchUrl(home)}/decide`, { stars: ['branch'] })).statusCode,
    ).toBe(403);
    const unearned = await call(c.admin, 'POST', `${branchUrl(home)}/decide`, {
      stars: ['branch', 'harmony'],
    });
    expect(unearned.statusCode).toBe(409);
    expect(unearned.json().error.code).toBe('FIVE_STAR_NOT_EARNED');
    const decided = await call(c.admin, 'POST', `${branchUrl(home)}/decide`, {
      stars: ['sharing', 'branch', 'business'],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().data).toMatchObject({ state: 'decided', stars: ['branch', 'business', 'sharing'] });

    const veto = await call(c.admin, 'POST', `${branchUrl(home)}/veto`, {
      reason: '发生安全生产事故',
      effectiveOn: '2025-11-20',
      stars: ['business'],
    });
    expect(veto.json().data.stars).toEqual(['branch', 'sharing']);
    const all = await call(c.admin, 'POST', `${branchUrl(home)}/veto`, {
      reason: '班子成员违纪',
      effectiveOn: '2025-12-01',
    });
    const after = all.json().data;
    expect(after.stars).toEqual([]);
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'returned',
      'submitted',
      'reviewed',
      'decided',
      'vetoed',
      'vetoed',
    ]);
    expect(after.events.at(-1)).toMatchObject({
      reason: '班子成员违纪',
      effectiveOn: '2025-12-01',
      stars: [],
    });

    const history = (await call(c.community, 'GET', `/api/five-star/branches/${home}/history`)).json().data;
    expect(history.years).toEqual([expect.objectContaining({ year: YEAR, stars: [], vetoes: 2 })]);
  });

  it('awards no other star without 支部过硬, the prerequisite star', async () => {
    const code = t.communities[1]!.code;
    const page = (await call(c.street, 'GET', branchUrl(code))).json();
    const answers = allMet(page.data.standard).map((a) =>
      a.key === 'b-organisation' ? { ...a, passed: false } : a,
    );
    const saved = await call(c.otherCommunity, 'PUT', `${branchUrl(code)}/answers`, { answers });
    expect(saved.json().data.earned).toEqual([]);
    await call(c.otherCommunity, 'POST', `${branchUrl(code)}/submit`);
    const keys = page.data.standard.flatMap((s: { items: { key: string }[] }) => s.items.map((i) => i.key));
    await call(c.street, 'POST', `${branchUrl(code)}/review`, {
      items: keys.map((key: string) => ({ key, accepted: true })),
    });
    const res = await call(c.admin, 'POST', `${branchUrl(code)}/decide`, { stars: ['business', 'sharing'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FIVE_STAR_PREREQUISITE');
    expect(res.json().error.message).toContain('支部过硬');
    expect((await call(c.admin, 'POST', `${branchUrl(code)}/decide`, { stars: [] })).json().data.state).toBe(
      'decided',
    );
  });
});

describe('scope', () => {
  it('shows a community only its own branch, a street its communities, the district all', async () => {
    const codes = async (cookie: string) =>
      (await call(cookie, 'GET', `/api/five-star/standings?year=${YEAR}`))
        .json()
        .data.map((b: { code: string }) => b.code);
    expect(await codes(c.community)).toEqual([t.communities[0]!.code]);
    expect((await codes(c.street)).sort()).toEqual([t.communities[0]!.code, t.communities[1]!.code]);
    expect(await codes(c.admin)).toHaveLength(4);
    expect((await call(c.community, 'GET', branchUrl(t.communities[1]!.code))).statusCode).toBe(404);
    expect((await call(c.community, 'GET', branchUrl(t.communities[2]!.code))).statusCode).toBe(404);
    expect((await call(c.street, 'GET', branchUrl(t.communities[2]!.code))).statusCode).toBe(404);
    const foreign = await createTenant(db);
    expect((await call(c.admin, 'GET', branchUrl(foreign.communities[0]!.code))).statusCode).toBe(404);
  });

  it('ranks by stars, exports the ranking and counts a street’s branches against its targets', async () => {
    const list = (await call(c.admin, 'GET', `/api/five-star/standings?year=${YEAR}`)).json().data;
    expect(list[0].code).toBe(t.communities[0]!.code);
    const xlsx = await call(c.street, 'GET', `/api/five-star/standings.xlsx?year=${YEAR}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const set = await call(c.admin, 'PUT', `/api/five-star/targets/${t.streets[0]!.code}/${YEAR}`, {
      targets: [{ stars: 5, branches: 1 }],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().data.find((r: { stars: number }) => r.stars === 5)).toMatchObject({
      target: 1,
      reached: 0,
    });
    expect(
      (
        await call(c.street, 'PUT', `/api/five-star/targets/${t.streets[0]!.code}/${YEAR}`, {
          targets: [{ stars: 5, branches: 2 }],
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('standards', () => {
  it('lets the district edit a year’s standard and start the next year from it', async () => {
    const current = (await call(c.admin, 'GET', '/api/five-star/standards/2030')).json().data;
    const urban = current.find((s: { scope: string }) => s.scope === 'urban');
    expect(urban.saved).toBe(false);
    urban.stars[0].items[1].min = 85;
    const saved = await call(c.admin, 'PUT', '/api/five-star/standards/2030/urban', { stars: urban.stars });
    expect(saved.statusCode, saved.body).toBe(200);
    const wrong = await call(c.admin, 'PUT', '/api/five-star/standards/2030/rural', { stars: urban.stars });
    expect(wrong.statusCode).toBe(400);
    expect(
      (await call(c.street, 'PUT', '/api/five-star/standards/2030/urban', { stars: urban.stars })).statusCode,
    ).toBe(403);
    expect((await call(c.admin, 'POST', '/api/five-star/standards/2031/copy')).statusCode).toBe(200);
    const next = (await call(c.community, 'GET', branchUrl(t.communities[0]!.code, 2031))).json().data;
    expect(next.standard[0].items[1].min).toBe(85);
  });
});

describe('who may act', () => {
  it('keeps a community staff of one district away from another district’s admin-only steps', async () => {
    const other = await createTenant(db);
    const admin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: other.district.id }, other.district.code),
    );
    expect((await call(admin, 'GET', branchUrl(t.communities[0]!.code))).statusCode).toBe(404);
  });
});
