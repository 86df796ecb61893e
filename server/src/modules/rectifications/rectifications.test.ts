import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { loginAs } from '../../../test/factories.ts';
import { answerStop, post, type ViewStop } from '../inspections/flow-helpers.ts';
import { type InspectionWorld, inspectionWorld } from '../inspections/test-fixtures.ts';
import { multipartBody, testImage } from '../photos/test-fixtures.ts';

let app: FastifyInstance;
let w: InspectionWorld;
let leader: string;
let street: string;
let unit: string;

beforeAll(async () => {
  app = await testApp();
  w = await inspectionWorld((await testDatabase()).db);
  leader = await loginAs(app, w.leader);
  street = await loginAs(app, w.streetStaff);
  unit = await loginAs(app, w.unitHandler);
});
afterAll(() => app.close());

/** A submitted 督查 of the market with its first item failed; the row of the list it made. */
async function failedRow() {
  const planned = await post(app, leader, '/api/inspections', {
    kind: 'supervision',
    title: '市场督查',
    plannedOn: '2026-12-02',
    pointIds: [w.market.id],
  });
  const insp = planned.json().data as { id: number; route: ViewStop[] };
  await answerStop(app, leader, insp.id, insp.route[0]!, [0]);
  await post(app, leader, `/api/inspections/${insp.id}/submit`);
  const list = await app.inject({
    url: `/api/rectifications?inspectionId=${insp.id}`,
    headers: { cookie: street },
  });
  return list.json().data[0] as { id: number; caseId: number; state: string };
}

async function recheck(cookie: string, id: number, passed: boolean) {
  const { payload, headers } = multipartBody({ passed: String(passed), note: '现场复查' }, [
    { name: 'photos', filename: 'r.jpg', type: 'image/jpeg', data: await testImage('jpeg') },
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/rectifications/${id}/recheck`,
    headers: { ...headers, cookie },
    payload,
  });
}

/** Takes a case through the unit's fix to closed, as the street office and the unit would. */
async function fix(caseId: number) {
  const steps: [string, string, object][] = [
    [street, 'file', {}],
    [street, 'dispatch', { unitId: w.t.unitId }],
    [unit, 'sign', {}],
    [unit, 'feedback', { note: '已清理' }],
    [street, 'check_pass', { note: '已整改' }],
    [street, 'close', {}],
  ];
  for (const [cookie, action, body] of steps) {
    const res = await post(app, cookie, `/api/cases/${caseId}/actions/${action}`, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
}

describe('striking off (销号)', () => {
  it('needs the case closed and a passed re-check with a photo; a failed re-check keeps the row open', async () => {
    const row = await failedRow();
    expect(row.state).toBe('open');
    const early = await recheck(leader, row.id, true);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RECTIFICATION_CASE_OPEN');
    // the street office reads the list but the re-check is the inspecting side's
    expect((await recheck(street, row.id, true)).statusCode).toBe(403);
    await fix(row.caseId);
    const waiting = await app.inject({ url: `/api/rectifications?state=all`, headers: { cookie: unit } });
    expect(waiting.json().data.find((r: { id: number }) => r.id === row.id).state).toBe('awaiting_recheck');
    const failed = await recheck(leader, row.id, false);
    expect(failed.json().data).toMatchObject({ state: 'awaiting_recheck', recheckPassed: false });
    const passed = await recheck(leader, row.id, true);
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json().data).toMatchObject({
      state: 'struck_off',
      recheckPassed: true,
      recheckNote: '现场复查',
    });
    expect((await recheck(leader, row.id, true)).statusCode).toBe(409);
    // struck-off rows leave the working list but stay on record
    const active = await app.inject({ url: '/api/rectifications', headers: { cookie: street } });
    expect(active.json().data.map((r: { id: number }) => r.id)).not.toContain(row.id);
  });

  it('takes items of a higher-level bulletin by hand, exports the list as .xlsx and marks overdue rows', async () => {
    const added = await post(app, leader, '/api/rectifications', {
      orgCode: w.t.streets[0]!.code,
      originRef: '市文明办通报〔2026〕12号',
      description: '某路段垃圾桶满溢',
      categoryCode: '01.04',
      unitId: w.t.unitId,
      deadlineOn: '2026-01-05',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().data).toMatchObject({ origin: 'bulletin', overdue: true, state: 'overdue' });
    const refused = await post(app, street, '/api/rectifications', {
      orgCode: w.t.streets[0]!.code,
      originRef: '通报',
      description: '测试',
      categoryCode: '01.04',
      deadlineOn: '2026-01-05',
    });
    expect(refused.statusCode).toBe(403);
    const file = await app.inject({
      url: '/api/rectifications/export.xlsx?state=overdue',
      headers: { cookie: street },
    });
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('整改清单')!;
    expect(sheet.getRow(1).getCell(5).value).toBe('问题');
    const texts = sheet.getColumn(5).values.map(String);
    expect(texts).toContain('某路段垃圾桶满溢');
    expect(sheet.getColumn(3).values.map(String)).toContain('市文明办通报〔2026〕12号');
  });
});
