import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { act, type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { Deadlines } from './deadlines.ts';

const DAY = 86_400_000;

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

async function newCase(): Promise<number> {
  const res = await report(app, w, w.resident);
  expect(res.statusCode).toBe(201);
  return res.json().data.id;
}

async function dispatched(): Promise<number> {
  const id = await newCase();
  await ok(app, w.dispatcher, id, 'file');
  await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
  return id;
}

const eventsOf = (id: number) =>
  rows<{ action: string; fromState: string | null; toState: string }>(
    db,
    sql`select action, from_state as "fromState", to_state as "toState" from case_events where case_id = ${id} order by id`,
  );

describe('the case loop', () => {
  it('goes report → file → dispatch → sign → feedback → check → close → rate, one event per step', async () => {
    const id = await newCase();
    const filed = await ok(app, w.dispatcher, id, 'file');
    expect(filed.data.state).toBe('filed');
    expect(filed.data.replyDeadlineAt).toBeTruthy();
    expect(filed.abilities).toContain('dispatch');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    const unitView = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.unit } });
    expect(unitView.json().abilities).toEqual(
      expect.arrayContaining(['sign', 'feedback', 'return', 'request_extension']),
    );
    // the unit learns nothing of who reported, only that it may ask (see reporter.test.ts)
    expect(unitView.json().data.reporter).toMatchObject({ withheld: true, name: null, phone: null });
    await ok(app, w.unit, id, 'sign');
    await ok(app, w.unit, id, 'feedback', { note: '已更换灯泡' });
    const checked = await ok(app, w.gridWorker, id, 'check_pass', { note: '现场已亮' });
    expect(checked.data.state).toBe('pending_check');
    await ok(app, w.dispatcher, id, 'close');
    const rated = await ok(app, w.resident, id, 'rate', { rating: 'satisfied', comment: '很快' });
    expect(rated.data.state).toBe('closed');
    expect((await eventsOf(id)).map((e) => e.action)).toEqual([
      'report',
      'file',
      'dispatch',
      'sign',
      'feedback',
      'check_pass',
      'close',
      'rate',
    ]);
    const counters = await one<Record<string, number | null>>(
      db,
      sql`select c_valid, c_intime_dispatch, c_accurate_dispatch, c_disposed, c_intime_dispose, c_checked, c_rework,
            c_intime_close from cases where id = ${id}`,
    );
    expect(counters).toEqual({
      c_valid: 1,
      c_intime_dispatch: 1,
      c_accurate_dispatch: 1,
      c_disposed: 1,
      c_intime_dispose: 1,
      c_checked: 1,
      c_rework: 0,
      c_intime_close: 1,
    });
  });

  it('reworks a failed check with the same unit and counts it', async () => {
    const id = await dispatched();
    await ok(app, w.unit, id, 'feedback', { note: '处理了' });
    const failed = await ok(app, w.gridWorker, id, 'check_fail', { reason: '仍然不亮' });
    expect(failed.data.state).toBe('dispatched');
    expect(failed.data.unitId).toBe(w.t.unitId);
    await ok(app, w.unit, id, 'feedback', { note: '更换线路' });
    await ok(app, w.gridWorker, id, 'check_pass');
    await ok(app, w.dispatcher, id, 'close');
    const c = await one<{ rework: number }>(db, sql`select c_rework as rework from cases where id = ${id}`);
    expect(c!.rework).toBe(1);
  });

  it('returns a wrong dispatch to the queue and counts it against accuracy at close', async () => {
    const id = await dispatched();
    const back = await ok(app, w.unit, id, 'return', { reason: '不属于我单位' });
    expect(back.data).toMatchObject({ state: 'filed' });
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.otherUnitId });
    await ok(app, w.otherUnit, id, 'feedback', { note: '已处理' });
    await ok(app, w.dispatcher, id, 'check_pass');
    await ok(app, w.dispatcher, id, 'close');
    const c = await one<Record<string, number>>(
      db,
      sql`select c_returned as returned, c_accurate_dispatch as accurate from cases where id = ${id}`,
    );
    expect(c).toEqual({ returned: 1, accurate: 0 });
  });

  it('sends a closed case back when the resident is dissatisfied, and the third time raises red supervision', async () => {
    const id = await dispatched();
    for (let round = 1; round <= 3; round++) {
      await ok(app, w.unit, id, 'feedback', { note: `第${round}次处理` });
      await ok(app, w.gridWorker, id, 'check_pass');
      await ok(app, w.dispatcher, id, 'close');
      const back = await ok(app, w.resident, id, 'reopen', { reason: '还是不亮' });
      expect(back.data.state).toBe('dispatched');
      // the resident gets the public view; the counts and supervision are read on the staff case page
      const staff = (await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } })).json();
      expect(staff.data.reopenCount).toBe(round);
      expect(staff.data.supervision).toBe(round >= 3 ? 'red' : null);
    }
  });

  it('moves the deadline by an approved extension, and refuses a second request while one waits', async () => {
    const id = await dispatched();
    const before = (await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } })).json()
      .data;
    const later = new Date(new Date(before.deadlineAt).getTime() + 3 * 86_400_000).toISOString();
    await ok(app, w.unit, id, 'request_extension', { newDeadlineAt: later, reason: '需采购配件' });
    const again = await act(app, w.unit, id, 'request_extension', { newDeadlineAt: later, reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EXTENSION_PENDING');
    const approved = await ok(app, w.dispatcher, id, 'approve_extension');
    expect(new Date(approved.data.deadlineAt as string).toISOString()).toBe(later);
    const none = await act(app, w.dispatcher, id, 'deny_extension');
    expect(none.json().error.code).toBe('EXTENSION_NONE');
  });

  it('suspends and resumes to the state it came from', async () => {
    const id = await dispatched();
    expect((await ok(app, w.dispatcher, id, 'suspend', { reason: '需长期整改' })).data.state).toBe(
      'suspended',
    );
    expect((await ok(app, w.dispatcher, id, 'resume')).data.state).toBe('dispatched');
  });

  it('calls in co-handling units (吹哨) who then report in (报到)', async () => {
    const id = await dispatched();
    await ok(app, w.dispatcher, id, 'whistle', { unitIds: [w.otherUnitId] });
    const view = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.otherUnit } });
    expect(view.statusCode).toBe(200);
    expect(view.json().abilities).toEqual(['report_in']);
    await ok(app, w.otherUnit, id, 'report_in');
    const co = await one<{ reportedAt: Date | null }>(
      db,
      sql`select reported_at as "reportedAt" from case_co_units where case_id = ${id}`,
    );
    expect(co!.reportedAt).toBeInstanceOf(Date);
  });

  it('rejects an unsubstantiated report with a reason, and merges a duplicate into its master', async () => {
    const a = await newCase();
    const rejected = await ok(app, w.dispatcher, a, 'reject', {
      rejectReason: 'not_substantiated',
      reason: '现场未发现',
    });
    expect(rejected.data.state).toBe('rejected');
    const master = await newCase();
    const dup = await newCase();
    const merged = await ok(app, w.dispatcher, dup, 'merge', { masterId: master });
    expect(merged.data).toMatchObject({ state: 'rejected', masterCaseId: master, rejectReason: 'duplicate' });
    const follows = await one(
      db,
      sql`select 1 from case_followers where case_id = ${master} and user_id = ${w.residentUser.id}`,
    );
    expect(follows).not.toBeNull();
  });

  it('tells the followers of a merged case about the master’s later steps as if it were theirs', async () => {
    const master = (await report(app, w, null)).json().data.id;
    const dup = await newCase();
    await ok(app, w.dispatcher, dup, 'merge', { masterId: master });
    await ok(app, w.dispatcher, master, 'file');
    await ok(app, w.dispatcher, master, 'dispatch', { unitId: w.t.unitId });
    const inbox = await app.inject({ url: '/api/notifications', headers: { cookie: w.resident } });
    const kinds = inbox
      .json()
      .data.filter((n: { caseId: number }) => n.caseId === master)
      .map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('dispatch');
  });

  it('lets a grid worker fix a problem on the spot only with photos before and after', async () => {
    const res = await report(app, w, w.gridWorker, { source: 'grid_patrol' });
    const id = res.json().data.id;
    const refused = await act(app, w.gridWorker, id, 'fix_on_spot', { note: '已扶正' });
    expect(refused.statusCode).toBe(400);
    expect((await eventsOf(id)).map((e) => e.action)).toEqual(['report']);
  });

  it('marks supervision (督办) by a leader', async () => {
    const id = await dispatched();
    const res = await ok(app, w.leader, id, 'supervise', { level: 'yellow', note: '尽快处理' });
    expect(res.data.supervision).toBe('yellow');
  });
});

describe('refusals change nothing', () => {
  it('answers 403 TRANSITION_NOT_ALLOWED when a role may never fire the action', async () => {
    const id = await newCase();
    const res = await act(app, w.unit, id, 'file');
    // the unit does not even see a case not dispatched to it
    expect(res.statusCode).toBe(404);
    const byGridWorker = await act(app, w.gridWorker, id, 'dispatch', { unitId: w.t.unitId });
    expect(byGridWorker.statusCode).toBe(403);
    expect(byGridWorker.json().error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await eventsOf(id)).length).toBe(1);
  });

  it('answers 409 when the action does not fit the current state, and CHECK_REQUIRED before a passed check', async () => {
    const id = await dispatched();
    const early = await act(app, w.dispatcher, id, 'file');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('TRANSITION_NOT_ALLOWED');
    await ok(app, w.unit, id, 'feedback', { note: '完成' });
    const close = await act(app, w.dispatcher, id, 'close');
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('CHECK_REQUIRED');
    const state = await one<{ state: string }>(db, sql`select state from cases where id = ${id}`);
    expect(state!.state).toBe('pending_check');
  });

  it('refuses a dispatch without a unit, or to a unit of another district, with 400', async () => {
    const id = await newCase();
    await ok(app, w.dispatcher, id, 'file');
    const none = await act(app, w.dispatcher, id, 'dispatch', {});
    expect(none.statusCode).toBe(400);
    const foreign = await act(app, w.dispatcher, id, 'dispatch', { unitId: 999_999 });
    expect(foreign.json().error.code).toBe('UNIT_REQUIRED');
    expect((await one<{ state: string }>(db, sql`select state from cases where id = ${id}`))!.state).toBe(
      'filed',
    );
  });

  it('lets exactly one of two concurrent dispatchers win; the other gets CASE_STATE_CONFLICT', async () => {
    const id = await newCase();
    await ok(app, w.dispatcher, id, 'file');
    const [a, b] = await Promise.all([
      act(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId }),
      act(app, w.dispatcher, id, 'dispatch', { unitId: w.otherUnitId }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['CASE_STATE_CONFLICT', 'TRANSITION_NOT_ALLOWED']).toContain(loser.json().error.code);
    const dispatches = (await eventsOf(id)).filter((e) => e.action === 'dispatch');
    expect(dispatches).toHaveLength(1);
  });
});

describe('closing within working hours', () => {
  it('counts whole working minutes, even when the case was handled in minutes and seconds', async () => {
    // 10:00:30 in Beijing on the next working day: inside working hours, so the handling time has seconds in
    // it. Not a fixed date, which would one day lie before the grants the world is given (they start when
    // they are made), and the world is made at that time for the same reason.
    const { calendar } = await Deadlines.load(db);
    let day = new Date(Date.now() + DAY);
    while (!calendar.isWorkday(calendar.dayOf(day))) day = new Date(day.getTime() + DAY);
    const at = (time: string) => new Date(`${calendar.dayOf(day)}T${time}+08:00`);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(at('10:00:30'));
      const there = await caseWorld(app, db);
      const id = (await report(app, there, there.resident)).json().data.id as number;
      await ok(app, there.dispatcher, id, 'file');
      await ok(app, there.dispatcher, id, 'dispatch', { unitId: there.t.unitId });
      await ok(app, there.unit, id, 'sign');
      await ok(app, there.unit, id, 'feedback', { note: '已修复' });
      await ok(app, there.gridWorker, id, 'check_pass');
      vi.setSystemTime(at('10:05:45'));
      await ok(app, there.dispatcher, id, 'close');
      const row = await one<{ minutes: number }>(
        db,
        sql`select handling_minutes as minutes from cases where id = ${id}`,
      );
      expect(row!.minutes).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });
});
