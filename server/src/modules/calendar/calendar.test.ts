import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { setWorkingHours } from './commands/set-working-hours.ts';
import { loadCalendar, readWorkingHours } from './load-calendar.ts';
import type { CalendarDay } from './queries.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
let worker: string;

/**
 * A Monday in 2040–2099 that no other test touches: overrides are district-wide, so tests that share this
 * database must not change days anyone else computes deadlines on.
 */
function farMonday(): string {
  const d = new Date(Date.UTC(randomInt(2040, 2100), randomInt(0, 12), randomInt(1, 22)));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  worker = await loginAs(
    app,
    await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code),
  );
});

const get = (url: string, cookie = worker) => app.inject({ url, headers: { cookie } });

describe('GET /api/calendar', () => {
  it('lists every day of 2026 with holidays, 调休 days and weekends from the package', async () => {
    const res = await get('/api/calendar?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.json().packageCoversYear).toBe(true);
    const days: CalendarDay[] = res.json().data;
    expect(days).toHaveLength(365);
    const on = (date: string) => days.find((d) => d.date === date);
    expect(on('2026-10-01')).toMatchObject({
      isWorkday: false,
      source: 'package',
      kind: 'holiday',
      holidayZh: '国庆节',
    });
    expect(on('2026-10-10')).toMatchObject({
      isWorkday: true,
      source: 'package',
      kind: 'makeup',
      holidayZh: '国庆节',
    });
    expect(on('2026-03-07')).toMatchObject({ isWorkday: false, source: 'weekend', holidayZh: null });
    expect(on('2026-03-09')).toMatchObject({ isWorkday: true, source: 'package' });
  });

  it('says when the package has no holidays for a year yet', async () => {
    const res = await get('/api/calendar?year=2099');
    expect(res.json().packageCoversYear).toBe(false);
    expect(res.json().data).toHaveLength(365);
  });

  it('needs a login and a sensible year', async () => {
    expect((await app.inject({ url: '/api/calendar?year=2026' })).statusCode).toBe(401);
    expect((await get('/api/calendar?year=1800')).statusCode).toBe(400);
    expect((await get('/api/calendar')).statusCode).toBe(400);
  });
});

describe('overrides', () => {
  it('turns a Monday into a holiday, moves deadlines past it, and gives it back', async () => {
    const monday = farMonday();
    const friday = new Date(Date.parse(`${monday}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    const preview = async () =>
      (await get(`/api/calendar/preview?start=${friday}T10:00:00%2B08:00&value=1&unit=day`)).json().data;
    expect((await preview()).deadline).toBe(new Date(`${monday}T10:00:00+08:00`).toISOString());

    const put = await app.inject({
      method: 'PUT',
      url: `/api/calendar/overrides/${monday}`,
      headers: { cookie: admin },
      payload: { isWorkday: false, note: '测试停工日' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().data).toEqual({ day: monday, isWorkday: false, note: '测试停工日' });
    const tuesday = new Date(Date.parse(`${monday}T10:00:00+08:00`) + 86_400_000).toISOString();
    expect((await preview()).deadline).toBe(tuesday);
    const year = (await get(`/api/calendar?year=${monday.slice(0, 4)}`)).json().data as CalendarDay[];
    expect(year.find((d) => d.date === monday)).toMatchObject({
      isWorkday: false,
      source: 'override',
      note: '测试停工日',
    });

    const del = await app.inject({
      method: 'DELETE',
      url: `/api/calendar/overrides/${monday}`,
      headers: { cookie: admin },
    });
    expect(del.statusCode).toBe(200);
    expect((await preview()).deadline).toBe(new Date(`${monday}T10:00:00+08:00`).toISOString());
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/calendar/overrides/${monday}`,
      headers: { cookie: admin },
    });
    expect(again.statusCode).toBe(404);

    const audit = await rows<{ action: string; scopeCode: string }>(
      db,
      sql`select action, scope_code as "scopeCode" from audit_log
          where entity = 'calendar_override' and entity_id = ${monday} order by id`,
    );
    expect(audit).toEqual([
      { action: 'calendar.override.set', scopeCode: t.district.code },
      { action: 'calendar.override.delete', scopeCode: t.district.code },
    ]);
  });

  it('refuses impossible dates with CALENDAR_INVALID and non-administrators with 403', async () => {
    for (const day of ['2041-02-30', '2041-13-01', 'tomorrow', '1999-01-04']) {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/calendar/overrides/${day}`,
        headers: { cookie: admin },
        payload: { isWorkday: true },
      });
      expect(res.statusCode, day).toBe(400);
      expect(res.json().error.code).toBe('CALENDAR_INVALID');
    }
    const res = await app.inject({
      method: 'PUT',
      url: `/api/calendar/overrides/${farMonday()}`,
      headers: { cookie: worker },
      payload: { isWorkday: false },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('working hours', () => {
  it('reads the default hours and refuses malformed, reversed or overlapping periods', async () => {
    const res = await get('/api/calendar/hours');
    expect(res.json().data).toMatchObject({ timeZone: 'Asia/Shanghai', utcOffsetMinutes: 480 });
    for (const periods of [
      [],
      [['8:30', '12:00']],
      [['12:00', '08:30']],
      [
        ['08:30', '12:00'],
        ['11:30', '17:30'],
      ],
      [['08:30', '12:00', '13:00']],
    ]) {
      const bad = await app.inject({
        method: 'PUT',
        url: '/api/calendar/hours',
        headers: { cookie: admin },
        payload: { periods },
      });
      expect(bad.statusCode, JSON.stringify(periods)).toBe(400);
      expect(bad.json().error.code).toBe('CALENDAR_INVALID');
    }
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/calendar/hours',
      headers: { cookie: worker },
      payload: { periods: [['08:30', '12:00']] },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('stores new hours, audited, and the calendar uses them at once', async () => {
    // inside a transaction that is rolled back: the hours are shared by every test in this database
    const rollback = new Error('rollback');
    await expect(
      db.transaction(async (tx) => {
        const before = await loadCalendar(tx);
        expect(before.dayMinutes).toBe(450);
        await setWorkingHours(
          tx,
          [
            ['09:00', '12:00'],
            ['14:00', '18:00'],
          ],
          { actorId: null, scopeCode: null, ip: null },
        );
        expect(await readWorkingHours(tx)).toEqual([
          ['09:00', '12:00'],
          ['14:00', '18:00'],
        ]);
        const after = await loadCalendar(tx);
        expect(after.dayMinutes).toBe(420);
        const [audit] = await rows<{ after: unknown }>(
          tx,
          sql`select after from audit_log where entity = 'setting' and entity_id = 'working_hours' order by id desc limit 1`,
        );
        expect(audit!.after).toEqual({
          periods: [
            ['09:00', '12:00'],
            ['14:00', '18:00'],
          ],
        });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('accepts the default hours through the API', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/calendar/hours',
      headers: { cookie: admin },
      payload: {
        periods: [
          ['08:30', '12:00'],
          ['13:30', '17:30'],
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.periods).toEqual([
      ['08:30', '12:00'],
      ['13:30', '17:30'],
    ]);
  });
});

describe('GET /api/calendar/preview', () => {
  it('returns the deadline and the working minutes it spans', async () => {
    const res = await get('/api/calendar/preview?start=2026-09-30T10:00:00%2B08:00&value=2&unit=day');
    expect(res.json().data).toMatchObject({
      deadline: '2026-10-09T02:00:00.000Z',
      workingMinutes: 900,
      amount: { value: 2, unit: 'day' },
    });
    expect((await get('/api/calendar/preview?value=2&unit=week')).statusCode).toBe(400);
    expect((await get('/api/calendar/preview?start=yesterday&value=2&unit=day')).statusCode).toBe(400);
  });
});
