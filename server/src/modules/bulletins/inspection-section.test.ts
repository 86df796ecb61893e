import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { loginAs } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { districtDay } from '../case-reports/period.ts';
import { answerStop, post, type ViewStop } from '../inspections/flow-helpers.ts';
import { type InspectionWorld, inspectionWorld } from '../inspections/test-fixtures.ts';
import { issueBulletin } from './commands/issue-bulletin.ts';

let app: FastifyInstance;
let db: Db;
let w: InspectionWorld;
let leader: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await inspectionWorld(db);
  leader = await loginAs(app, w.leader);
});
afterAll(() => app.close());

describe('the inspections section of a bulletin', () => {
  it('counts a submitted 晨查 with three failed items, its pass rate and the rectification rows it opened', async () => {
    const today = districtDay(new Date());
    const planned = await post(app, leader, '/api/inspections', {
      kind: 'morning_inspection',
      title: '晨查',
      plannedOn: today,
      plannedTime: '06:00',
      pointIds: [w.market.id],
    });
    const insp = planned.json().data as { id: number; route: ViewStop[] };
    const stop = insp.route[0]!;
    expect((await answerStop(app, leader, insp.id, stop, [0, 1, 2])).statusCode).toBe(200);
    expect((await post(app, leader, `/api/inspections/${insp.id}/submit`)).statusCode).toBe(200);

    const street = w.t.streets[0]!.code;
    const { id } = await issueBulletin(
      db,
      { org: street, kind: 'daily', from: today, to: today },
      new Date(),
    );
    const b = (await app.inject({ url: `/api/bulletins/${id}`, headers: { cookie: leader } })).json().data;
    const n = stop.items.length;
    expect(b.content.inspections).toEqual({
      byKind: { morning_inspection: 1 },
      passRate: { numerator: n - 3, denominator: n, rate: (n - 3) / n },
      failed: 3,
      worstItems: expect.arrayContaining([{ text: stop.items[0]!.textZh, failed: 1 }]),
      rectifications: { opened: 3, struckOff: 0, overdue: 0 },
    });
    // the other street's bulletin does not carry them
    const other = await issueBulletin(
      db,
      { org: w.t.streets[1]!.code, kind: 'daily', from: today, to: today },
      new Date(),
    );
    const o = (await app.inject({ url: `/api/bulletins/${other.id}`, headers: { cookie: leader } })).json()
      .data;
    expect(o.content.inspections).toMatchObject({ byKind: {}, failed: 0, passRate: { rate: null } });
  });
});
