import { caseStateLabel, publicStepText } from '@civicgrid/shared';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import type { Db } from '../../infra/db.ts';
import { districtDay } from '../case-reports/period.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

async function reported(): Promise<{ id: number; code: string }> {
  const res = await report(app, w, w.resident);
  expect(res.statusCode).toBe(201);
  return { id: res.json().data.id, code: res.json().data.trackingCode };
}

async function dispatched(): Promise<number> {
  const { id } = await reported();
  await ok(app, w.dispatcher, id, 'file');
  await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
  return id;
}

const view = (cookie: string, id: number) => app.inject({ url: `/api/cases/${id}`, headers: { cookie } });
const today = districtDay(new Date());
const rates = async () =>
  (
    await app.inject({
      url: `/api/cases/kpis?org=${w.t.district.code}&from=${today}&to=${today}`,
      headers: { cookie: w.dispatcher },
    })
  ).json().data.rates;

describe('改派 and 撤回', () => {
  it('moves a dispatched case to another unit, which must sign for it; the first unit loses it', async () => {
    const id = await dispatched();
    await ok(app, w.unit, id, 'sign');
    expect((await view(w.dispatcher, id)).json().abilities).toEqual(
      expect.arrayContaining(['reassign', 'recall', 'override_deadline']),
    );
    const moved = await ok(app, w.dispatcher, id, 'reassign', {
      unitId: w.otherUnitId,
      reason: '属物业管理范围',
    });
    expect(moved.data).toMatchObject({ state: 'dispatched', unitId: w.otherUnitId, signedAt: null });
    const event = (moved.data.events as { action: string; reason: string }[]).at(-1)!;
    expect(event).toMatchObject({ action: 'reassign', reason: '属物业管理范围' });
    expect((await view(w.otherUnit, id)).json().abilities).toContain('sign');
    expect((await view(w.unit, id)).statusCode).toBe(404);
  });

  it('is refused to a unit, without a reason, and to the unit that already holds the case', async () => {
    const id = await dispatched();
    expect((await act(app, w.unit, id, 'reassign', { unitId: w.otherUnitId, reason: 'x' })).statusCode).toBe(
      403,
    );
    const noReason = await act(app, w.dispatcher, id, 'reassign', { unitId: w.otherUnitId });
    expect(noReason.statusCode).toBe(400);
    const same = await act(app, w.dispatcher, id, 'reassign', { unitId: w.t.unitId, reason: '重复' });
    expect(same.statusCode).toBe(400);
    expect((await view(w.dispatcher, id)).json().data.unitId).toBe(w.t.unitId);
  });

  it('recalls a case into the dispatch queue, and both count in 回退率 like a return', async () => {
    const before = (await rates()).returnRate;
    const a = await dispatched();
    const b = await dispatched();
    const recalled = await ok(app, w.dispatcher, a, 'recall', { reason: '派错了单位' });
    expect(recalled.data).toMatchObject({ state: 'filed', unitId: null });
    expect(recalled.abilities).toContain('dispatch');
    await ok(app, w.dispatcher, b, 'reassign', { unitId: w.otherUnitId, reason: '属物业' });
    const after = (await rates()).returnRate;
    expect(after.denominator - before.denominator).toBe(2);
    expect(after.numerator - before.numerator).toBe(2);
  });

  it('counts a reassigned case as an inaccurate dispatch when it closes', async () => {
    const before = (await rates()).accurateDispatchRate;
    const id = await dispatched();
    await ok(app, w.dispatcher, id, 'reassign', { unitId: w.otherUnitId, reason: '属物业' });
    await ok(app, w.otherUnit, id, 'sign');
    await ok(app, w.otherUnit, id, 'feedback', { note: '已处理' });
    const checked = await ok(app, w.gridWorker, id, 'check_pass');
    expect(caseStateLabel('pending_check', checked.data.checkPassed as boolean, 'zh')).toBe('待结案');
    await ok(app, w.dispatcher, id, 'close');
    const after = (await rates()).accurateDispatchRate;
    expect(after.denominator - before.denominator).toBe(1);
    expect(after.numerator).toBe(before.numerator);
  });
});

describe('调整期限', () => {
  it('sets the deadline with a reason, shows it in the timeline and counts a later one in 延期率', async () => {
    const before = (await rates()).extensionRate;
    const id = await dispatched();
    const later = new Date(Date.now() + 20 * 86_400_000);
    later.setUTCSeconds(0, 0);
    const res = await ok(app, w.dispatcher, id, 'override_deadline', {
      newDeadlineAt: later.toISOString(),
      reason: '领导批示延后',
    });
    expect(new Date(res.data.deadlineAt as string).toISOString()).toBe(later.toISOString());
    const event = (res.data.events as { action: string; reason: string }[]).at(-1)!;
    expect(event).toMatchObject({ action: 'override_deadline', reason: '领导批示延后' });
    const after = (await rates()).extensionRate;
    expect(after.numerator - before.numerator).toBe(1);
  });

  it('refuses a time in the past and a unit handler', async () => {
    const id = await dispatched();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect(
      (await act(app, w.dispatcher, id, 'override_deadline', { newDeadlineAt: past, reason: 'x' }))
        .statusCode,
    ).toBe(400);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (await act(app, w.unit, id, 'override_deadline', { newDeadlineAt: future, reason: 'x' })).statusCode,
    ).toBe(403);
  });
});

describe('转办', () => {
  it('refers a report to a named outside body; the resident reads where it went', async () => {
    const { id, code } = await reported();
    expect((await act(app, w.dispatcher, id, 'refer', { reason: '不在本区' })).statusCode).toBe(400);
    const res = await ok(app, w.dispatcher, id, 'refer', { referredTo: '市供电公司', reason: '供电线路' });
    expect(res.data).toMatchObject({ state: 'rejected', rejectReason: 'referred' });
    const track = (await app.inject({ url: `/api/track/${code}` })).json().data;
    const step = track.timeline.find((e: { action: string }) => e.action === 'refer');
    expect(publicStepText(step, 'zh')).toBe('不属于本区受理范围，已转办至市供电公司');
    expect(JSON.stringify(track)).not.toContain('供电线路');
  });
});
