import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { type Db, one } from '../../infra/db.ts';
import { normalisePhone, samePhone } from './reporter-check.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

/** Reports a case (with the given body) and takes it through to closed; returns its id and tracking code. */
async function closedCase(cookie: string | null, body: Record<string, unknown> = {}) {
  const created = (await report(app, w, cookie, body)).json().data as { id: number; trackingCode: string };
  await ok(app, w.dispatcher, created.id, 'file');
  await ok(app, w.dispatcher, created.id, 'dispatch', { unitId: w.t.unitId });
  await ok(app, w.unit, created.id, 'feedback', { note: '已修' });
  await ok(app, w.gridWorker, created.id, 'check_pass');
  await ok(app, w.dispatcher, created.id, 'close');
  return created;
}

const post = (code: string, action: string, payload: Record<string, unknown>, cookie?: string) =>
  app.inject({
    method: 'POST',
    url: `/api/track/${code}/${action}`,
    payload,
    headers: cookie ? { cookie } : {},
  });

const stateOf = async (id: number) =>
  (await one<{ state: string; rating: string | null; events: number }>(
    db,
    sql`select state, rating, (select count(*)::int from case_events where case_id = ${id}) as events
        from cases where id = ${id}`,
  ))!;

describe('rating and reopening by tracking code', () => {
  it('needs the phone number given at report time: missing or wrong is 403 and changes nothing', async () => {
    const c = await closedCase(null, { reporterPhone: '138-0000-2222' });
    const page = (await app.inject({ url: `/api/track/${c.trackingCode}` })).json();
    expect(page.abilities).toEqual(['rate', 'reopen']);
    expect(page.phoneRequired).toBe(true);
    expect(page.data.trackingCode).toBe(c.trackingCode);
    const before = await stateOf(c.id);
    for (const phone of [undefined, '', '13800002223', '1380000222']) {
      for (const [action, body] of [
        ['rate', { rating: 'dissatisfied' }],
        ['reopen', { reason: '还是坏的' }],
      ] as const) {
        const res = await post(c.trackingCode, action, {
          ...body,
          ...(phone === undefined ? {} : { phone }),
        });
        expect(res.statusCode, `${action} ${phone}`).toBe(403);
        expect(res.json().error.code).toBe('REPORTER_CHECK_FAILED');
        expect(res.json().error.message).toContain('手机号码');
      }
    }
    expect(await stateOf(c.id)).toEqual(before);
    const rated = await post(c.trackingCode, 'rate', { rating: 'satisfied', phone: '+86 138 0000 2222' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().data.rating).toBe('satisfied');
    const reopened = await post(c.trackingCode, 'reopen', { reason: '又坏了', phone: '13800002222' });
    expect(reopened.json().data.state).toBe('dispatched');
  });

  it('takes the code alone when no phone number was given', async () => {
    const c = await closedCase(null);
    expect((await app.inject({ url: `/api/track/${c.trackingCode}` })).json().phoneRequired).toBe(false);
    const rated = await post(c.trackingCode, 'rate', { rating: 'basic' });
    expect(rated.statusCode, rated.body).toBe(200);
  });

  it('lets the logged-in reporter use their code without the phone number', async () => {
    const c = await closedCase(w.resident, { reporterPhone: '13800003333' });
    const page = await app.inject({ url: `/api/track/${c.trackingCode}`, headers: { cookie: w.resident } });
    expect(page.json().phoneRequired).toBe(false);
    expect((await post(c.trackingCode, 'rate', { rating: 'satisfied' }, w.resident)).statusCode).toBe(200);
    // another account holding the code is a stranger
    const other = await closedCase(w.resident, { reporterPhone: '13800003333' });
    expect((await post(other.trackingCode, 'rate', { rating: 'dissatisfied' }, w.community)).statusCode).toBe(
      403,
    );
  });

  it('refuses an unknown code with 404 and a malformed one with 400', async () => {
    expect((await post('CG0000-000000', 'rate', { rating: 'basic' })).statusCode).toBe(404);
    expect((await post('no', 'rate', { rating: 'basic' })).statusCode).toBe(400);
  });
});

describe('phone numbers as the reporter check compares them', () => {
  it('compares digits, with or without +86 / 0086 and separators', () => {
    expect(normalisePhone('+86 138-0000-1111')).toBe('13800001111');
    expect(normalisePhone('0086 13800001111')).toBe('13800001111');
    expect(normalisePhone('0394-1234567')).toBe('03941234567');
    expect(samePhone('138 0000 1111', '+8613800001111')).toBe(true);
    expect(samePhone('13800001111', '13800001112')).toBe(false);
  });
});

describe('the tracking page', () => {
  it('names the community and grid the place lies in, in both languages, and nothing of the grid beyond', async () => {
    const created = (await report(app, w, null)).json().data as { trackingCode: string };
    const page = (await app.inject({ url: `/api/track/${created.trackingCode}` })).json();
    const grid = w.t.grids[0]!;
    const community = w.t.communities.find((c) => grid.code.startsWith(c.code))!;
    expect(page.data.area.nameZh).toBe(
      grid.name.startsWith(community.name) ? grid.name : `${community.name} · ${grid.name}`,
    );
    expect(page.data.area.nameEn).toContain(grid.name);
    expect(JSON.stringify(page)).not.toContain(grid.code);
  });
});
