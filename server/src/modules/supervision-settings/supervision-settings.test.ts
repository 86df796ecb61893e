import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, loginAs } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { issueBulletin } from '../bulletins/commands/issue-bulletin.ts';
import { planMorningInspections } from '../inspections/commands/plan-morning.ts';
import { answerStop, post, type ViewStop } from '../inspections/flow-helpers.ts';
import { type InspectionWorld, inspectionWorld, pointTypeId } from '../inspections/test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: InspectionWorld;
let admin: string;
let leader: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await inspectionWorld(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
  );
  leader = await loginAs(app, w.leader);
});
afterAll(() => app.close());

const read = (cookie = admin) => app.inject({ url: '/api/settings/supervision', headers: { cookie } });
const patch = (payload: object, cookie = admin, lang = 'zh-CN') =>
  app.inject({
    method: 'PATCH',
    url: '/api/settings/supervision',
    headers: { cookie, 'accept-language': lang },
    payload,
  });

describe('supervision settings', () => {
  it('shows and changes bulletin issuing to district administrators only, audited', async () => {
    const before = (await read()).json().data;
    expect(before.bulletin).toEqual({
      time: expect.stringMatching(/^\d\d:\d\d$/),
      issuer: expect.any(String),
      prefix: expect.any(String),
    });
    expect((await read(leader)).statusCode).toBe(403);
    expect((await patch({ rectificationDays: 4 }, leader)).statusCode).toBe(403);
    const bad = await patch({ bulletin: { ...before.bulletin, time: '25:00' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const unknown = await patch(
      { morning: { ...before.morning, pointTypeIds: [2147483000] } },
      admin,
      'en-US',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/^[\x20-\x7e]+$/);
    expect((await read()).json().data).toEqual(before);
    try {
      const changed = await patch({ bulletin: { ...before.bulletin, issuer: '{district}督查室' } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().data.bulletin.issuer).toBe('{district}督查室');
      const audit = await one<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_log where action = 'settings.update' and entity_id = 'bulletin'
              and after->'bulletin'->>'issuer' = '{district}督查室'`,
      );
      expect(audit!.n).toBeGreaterThan(0);
    } finally {
      await patch({ bulletin: before.bulletin });
    }
  });

  it('gives an inspection’s failures the configured number of days', async () => {
    const before = (await read()).json().data;
    try {
      expect((await patch({ rectificationDays: 9 })).statusCode).toBe(200);
      const res = await post(app, leader, '/api/inspections', {
        kind: 'supervision',
        title: '督查 期限',
        plannedOn: '2026-12-02',
        pointIds: [w.market.id],
        start: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const insp = res.json().data as { id: number; route: ViewStop[] };
      expect((await answerStop(app, leader, insp.id, insp.route[0]!, [0])).statusCode).toBe(200);
      expect((await post(app, leader, `/api/inspections/${insp.id}/submit`)).statusCode).toBe(200);
      const row = await one<{ days: number }>(
        db,
        sql`select r.deadline_on - (i.submitted_at at time zone 'Asia/Shanghai')::date as days
            from rectifications r join inspections i on i.id = r.inspection_id where r.inspection_id = ${insp.id}`,
      );
      expect(row!.days).toBe(9);
    } finally {
      await patch({ rectificationDays: before.rectificationDays });
    }
  });
});

describe('the standing 晨查 plan', () => {
  it('plans one 晨查 per responsible leader over the configured types, once however often it runs', async () => {
    const market = await pointTypeId(db, '集贸市场');
    const settings = { enabled: true, time: '06:30', pointTypeIds: [market] };
    // two passes at once, as two server processes would run the sweep
    const [a, b] = await Promise.all([
      planMorningInspections(db, w.t.district, '2026-12-03', settings),
      planMorningInspections(db, w.t.district, '2026-12-03', settings),
    ]);
    expect(a + b).toBe(1);
    expect(await planMorningInspections(db, w.t.district, '2026-12-03', settings)).toBe(0);
    const planned = await rows<{ kind: string; leaderId: string; time: string; points: number[] }>(
      db,
      sql`select i.kind, i.leader_id as "leaderId", to_char(i.planned_time, 'HH24:MI') as time,
            array_agg(s.point_id order by s.seq) as points
          from inspections i join inspection_stops s on s.inspection_id = i.id
          where i.district_id = ${w.t.district.id} and i.planned_on = '2026-12-03'
          group by i.id`,
    );
    // the square has no responsible leader, and only markets are walked
    expect(planned).toEqual([
      { kind: 'morning_inspection', leaderId: w.leader.id, time: '06:30', points: [w.market.id] },
    ]);
    const list = await app.inject({
      url: '/api/inspections?from=2026-12-03&to=2026-12-03&mine=true',
      headers: { cookie: leader },
    });
    expect(list.json().data.map((i: { title: string }) => i.title)).toContain('晨查 2026-12-03');
  });
});

describe('bulletin deliveries in the webhook log', () => {
  it('lists a bulletin pushed to the district robot with its number', async () => {
    const hook = await one<{ id: number }>(
      db,
      sql`insert into webhooks (owner_user_id, org_code, url, format, secret, actions)
          values (null, ${w.t.district.code}, 'https://robot.example.com/hook', 'wecom', 'sekret', '{}')
          returning id`,
    );
    const issued = await issueBulletin(
      db,
      { org: w.t.district.code, kind: 'daily', from: '2024-04-01', to: '2024-04-01' },
      new Date('2024-04-02T08:00:00+08:00'),
    );
    const res = await app.inject({
      url: `/api/webhooks/${hook!.id}/deliveries`,
      headers: { cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    const b = await one<{ number: string }>(db, sql`select number from bulletins where id = ${issued.id}`);
    expect(res.json().data).toEqual([
      expect.objectContaining({
        action: 'bulletin',
        bulletinId: issued.id,
        bulletinNumber: b!.number,
        caseId: null,
      }),
    ]);
  });
});
