import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { type Db, one } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

const created = async () => (await report(app, w, w.resident)).json().data.id as number;

async function closed(): Promise<number> {
  const id = await created();
  await ok(app, w.dispatcher, id, 'file');
  await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
  await ok(app, w.unit, id, 'feedback', { note: '完成' });
  await ok(app, w.gridWorker, id, 'check_pass');
  await ok(app, w.dispatcher, id, 'close');
  return id;
}

const versionOf = async (id: number) =>
  (await one<{ v: number }>(db, sql`select version as v from cases where id = ${id}`))!.v;

describe('on-site verification', () => {
  it('sends a report to the grid worker, who files it after checking on site', async () => {
    const id = await created();
    expect((await ok(app, w.dispatcher, id, 'verify', { note: '请现场核实' })).data.state).toBe('verifying');
    const mine = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.gridWorker } });
    expect(mine.json().abilities).toEqual(expect.arrayContaining(['file', 'reject']));
    expect((await ok(app, w.gridWorker, id, 'file')).data.state).toBe('filed');
  });

  it('lets the grid worker reject a report not found on site', async () => {
    const id = await created();
    await ok(app, w.dispatcher, id, 'verify');
    const res = await ok(app, w.gridWorker, id, 'reject', {
      rejectReason: 'not_substantiated',
      reason: '现场无此问题',
    });
    expect(res.data).toMatchObject({ state: 'rejected', rejectReason: 'not_substantiated' });
  });
});

describe('refusal codes', () => {
  it('ALREADY_RATED: a case is rated once', async () => {
    const id = await closed();
    await ok(app, w.resident, id, 'rate', { rating: 'basic' });
    const v = await versionOf(id);
    const again = await act(app, w.resident, id, 'rate', { rating: 'satisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_RATED');
    expect(await versionOf(id)).toBe(v);
  });

  it('RATING_WINDOW_PASSED: rating and reopening end after the window', async () => {
    const id = await closed();
    await db.execute(sql`update cases set closed_at = now() - interval '30 days' where id = ${id}`);
    const rate = await act(app, w.resident, id, 'rate', { rating: 'dissatisfied' });
    expect(rate.json().error.code).toBe('RATING_WINDOW_PASSED');
    const reopen = await act(app, w.resident, id, 'reopen', { reason: '没修好' });
    expect(reopen.json().error.code).toBe('RATING_WINDOW_PASSED');
    const page = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.resident } });
    expect(page.json().abilities).toEqual([]);
  });

  it('MERGE_TARGET_INVALID: only into another open case', async () => {
    const id = await created();
    const done = await closed();
    const intoClosed = await act(app, w.dispatcher, id, 'merge', { masterId: done });
    expect(intoClosed.statusCode).toBe(409);
    expect(intoClosed.json().error.code).toBe('MERGE_TARGET_INVALID');
    const intoItself = await act(app, w.dispatcher, id, 'merge', { masterId: id });
    expect(intoItself.json().error.code).toBe('MERGE_TARGET_INVALID');
  });

  it('CATEGORY_INACTIVE: a retired category takes no new reports', async () => {
    // a retired sub-category of a seeded top-level one (codes 11.9x are not in the seed)
    const code = `11.9${Math.floor(Math.random() * 10)}`;
    await db.execute(
      sql`insert into categories (code, parent_code, name_zh, name_en, active)
          values (${code}, '11', '停用类别', 'Retired', false)
          on conflict (code) do update set active = false`,
    );
    const res = await report(app, w, w.resident, { categoryCode: code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CATEGORY_INACTIVE');
  });

  it('a denied extension leaves the deadline alone', async () => {
    const id = await created();
    await ok(app, w.dispatcher, id, 'file');
    const d = await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    const deadline = d.data.deadlineAt;
    const later = new Date(Date.parse(deadline as string) + 86_400_000).toISOString();
    await ok(app, w.unit, id, 'request_extension', { newDeadlineAt: later, reason: '等待配件' });
    const denied = await ok(app, w.dispatcher, id, 'deny_extension', { note: '不予延期' });
    expect(denied.data.deadlineAt).toBe(deadline);
    const early = await act(app, w.unit, id, 'request_extension', {
      newDeadlineAt: '2020-01-01T00:00:00Z',
      reason: 'x',
    });
    expect(early.statusCode).toBe(400);
  });

  it('a unit may not close, and a resident may not dispatch', async () => {
    const id = await created();
    await ok(app, w.dispatcher, id, 'file');
    const byResident = await act(app, w.resident, id, 'dispatch', { unitId: w.t.unitId });
    expect(byResident.statusCode).toBe(403);
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    const byUnit = await act(app, w.unit, id, 'close');
    expect(byUnit.statusCode).toBe(403);
    expect(byUnit.json().error.message).toBe('当前状态下您不能执行此操作。');
  });
});
