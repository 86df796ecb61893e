import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testConfig, testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { FollowHandles } from './handles.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
const handles = new FollowHandles(testConfig().secretKey);

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

const follow = (handle: string, cookie?: string) =>
  app.inject({ method: 'POST', url: '/api/follows', payload: { handle }, headers: cookie ? { cookie } : {} });

/** A resident's report (in grid 0, the grid worker's), closed, with a phone number; its id, code and handle. */
async function closedReport() {
  const c = (await report(app, w, null, { reporterPhone: '13900001111' })).json().data as {
    id: number;
    trackingCode: string;
  };
  await ok(app, w.dispatcher, c.id, 'file');
  await ok(app, w.dispatcher, c.id, 'dispatch', { unitId: w.t.unitId });
  await ok(app, w.unit, c.id, 'feedback', { note: '已修' });
  await ok(app, w.gridWorker, c.id, 'check_pass');
  await ok(app, w.dispatcher, c.id, 'close');
  return { ...c, handle: handles.handleOf(c.id) };
}

describe('following a case by its handle', () => {
  it('gives an anonymous follower a read-only follower code and the public view, never the tracking code', async () => {
    const c = (await report(app, w, null, { location: gridCentre(w.t, 2) })).json().data;
    const res = await follow(handles.handleOf(c.id));
    expect(res.statusCode, res.body).toBe(201);
    const { followerCode, handle, case: view } = res.json().data;
    expect(followerCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(handle).toBe(handles.handleOf(c.id));
    expect(view).toMatchObject({ state: 'reported', description: '小区门口路灯不亮，晚上很黑' });
    expect(JSON.stringify(res.json())).not.toContain(c.trackingCode);
    // stored as a hash only
    const stored = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from case_follow_codes where case_id = ${c.id} and code_hash <> ${followerCode}`,
    );
    expect(stored!.n).toBe(1);
    const again = await app.inject({ url: `/api/follows/${followerCode}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().data.case.state).toBe('reported');
    expect(JSON.stringify(again.json())).not.toContain(c.trackingCode);
    expect((await app.inject({ method: 'DELETE', url: `/api/follows/${followerCode}` })).statusCode).toBe(
      204,
    );
    expect((await app.inject({ url: `/api/follows/${followerCode}` })).statusCode).toBe(404);
  });

  it('makes a logged-in user a follower who lists, reads and leaves the case, without a code', async () => {
    const c = (await report(app, w, null, { location: gridCentre(w.t, 3) })).json().data;
    const handle = handles.handleOf(c.id);
    const res = await follow(handle, w.community);
    expect(res.statusCode).toBe(201);
    expect(res.json().data).not.toHaveProperty('followerCode');
    expect(JSON.stringify(res.json())).not.toContain(c.trackingCode);
    const listed = (await app.inject({ url: '/api/follows', headers: { cookie: w.community } })).json().data;
    expect(listed.map((f: { handle: string }) => f.handle)).toContain(handle);
    expect(JSON.stringify(listed)).not.toContain(c.trackingCode);
    const one = await app.inject({ url: `/api/follows/cases/${handle}`, headers: { cookie: w.community } });
    expect(one.json().data.case.state).toBe('reported');
    // someone who does not follow it reads nothing by the handle alone
    expect(
      (await app.inject({ url: `/api/follows/cases/${handle}`, headers: { cookie: w.leader } })).statusCode,
    ).toBe(404);
    const left = await app.inject({
      method: 'DELETE',
      url: `/api/follows/cases/${handle}`,
      headers: { cookie: w.community },
    });
    expect(left.statusCode).toBe(204);
    const after = (await app.inject({ url: '/api/follows', headers: { cookie: w.community } })).json().data;
    expect(after.map((f: { handle: string }) => f.handle)).not.toContain(handle);
    expect((await app.inject({ url: '/api/follows' })).statusCode).toBe(401);
  });

  it('gives a follower no right to rate or reopen', async () => {
    const c = await closedReport();
    const code = (await follow(c.handle)).json().data.followerCode;
    expect((await follow(c.handle, w.resident)).statusCode).toBe(201);
    // the follower code is no tracking code
    const byFollowerCode = await app.inject({
      method: 'POST',
      url: `/api/track/${code}/rate`,
      payload: { rating: 'dissatisfied' },
    });
    expect([400, 404]).toContain(byFollowerCode.statusCode);
    // a logged-in follower holds nothing on the case
    for (const [action, body] of [
      ['rate', { rating: 'dissatisfied' }],
      ['reopen', { reason: '别人的案件' }],
    ] as const) {
      const res = await act(app, w.resident, c.id, action, body);
      expect(res.statusCode).toBe(404);
    }
    const stored = await one<{ state: string; rating: string | null }>(
      db,
      sql`select state, rating from cases where id = ${c.id}`,
    );
    expect(stored).toEqual({ state: 'closed', rating: null });
  });

  it('refuses forged handles, and cases from internal sources, which have no public view, to everyone', async () => {
    const c = (await report(app, w, null, { location: gridCentre(w.t, 5) })).json().data;
    const good = handles.handleOf(c.id);
    const forged = `${good[0] === 'A' ? 'B' : 'A'}${good.slice(1)}`;
    expect((await follow(forged)).statusCode).toBe(404);
    expect(
      (await follow(new FollowHandles('another-secret-of-enough-length-000').handleOf(c.id))).statusCode,
    ).toBe(404);
    expect((await follow(String(c.id).padStart(22, '0'))).statusCode).toBe(404);
    // a genuine handle of an id beyond cases.id's integer range names nothing (the lookup was a 500)
    expect((await follow(handles.handleOf(2 ** 31))).statusCode).toBe(404);
    const inspected = (
      await report(app, w, w.leader, { source: 'supervision', location: gridCentre(w.t, 5) })
    ).json().data;
    const internal = handles.handleOf(inspected.id);
    expect((await follow(internal)).statusCode).toBe(404);
    expect((await follow(internal, w.resident)).statusCode).toBe(404);
    expect((await follow(internal, w.community)).statusCode).toBe(404);
    expect((await follow(internal, w.dispatcher)).statusCode).toBe(404);
  });
});
