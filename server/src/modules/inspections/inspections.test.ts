import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { grantRole } from '../users/commands/grant-role.ts';
import { answerStop, post, type ViewStop } from './flow-helpers.ts';
import { type InspectionWorld, inspectionWorld, pointTypeId } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: InspectionWorld;
const cookies = {} as Record<
  'leader' | 'inspector' | 'street' | 'otherStreet' | 'community' | 'unit',
  string
>;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await inspectionWorld(db);
  cookies.leader = await loginAs(app, w.leader);
  cookies.inspector = await loginAs(app, w.inspector);
  cookies.street = await loginAs(app, w.streetStaff);
  cookies.otherStreet = await loginAs(app, w.otherStreetStaff);
  cookies.community = await loginAs(app, w.communityStaff);
  cookies.unit = await loginAs(app, w.unitHandler);
});
afterAll(() => app.close());

async function plan(cookie: string, kind: string, pointIds: number[]) {
  const res = await post(app, cookie, '/api/inspections', {
    kind,
    title: `${kind}测试`,
    plannedOn: '2026-12-02',
    plannedTime: '06:00',
    pointIds,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as { id: number; route: ViewStop[] };
}

const list = (cookie: string, query = '') =>
  app.inject({ url: `/api/rectifications?state=all${query}`, headers: { cookie } });

describe('a 晨查 from plan to the rectification list', () => {
  it('opens one case per failed item through the intake and lists each with its point’s leader and unit', async () => {
    const insp = await plan(cookies.leader, 'morning_inspection', [w.market.id]);
    const stop = insp.route[0]!;
    // a failed item without its photo is refused, and nothing is recorded
    const bare = await answerStop(app, cookies.leader, insp.id, stop, [1], { photos: false });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('PHOTO_REQUIRED');
    const answered = await answerStop(app, cookies.leader, insp.id, stop, [1, 2, 3]);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().data.state).toBe('in_progress');
    const submitted = await post(app, cookies.leader, `/api/inspections/${insp.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const result = submitted.json().data;
    expect(result).toMatchObject({ itemsFailed: 3, opened: 3, linked: 0 });
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(100);

    const cases = await rows<{
      source: string;
      categoryCode: string;
      photos: number;
      state: string;
      orgCode: string;
    }>(
      db,
      sql`select c.source, c.category_code as "categoryCode", c.state, c.org_code as "orgCode",
            (select count(*)::int from case_photos p where p.case_id = c.id) as photos
          from rectifications r join cases c on c.id = r.case_id where r.inspection_id = ${insp.id} order by r.id`,
    );
    expect(cases.map((c) => c.categoryCode).sort()).toEqual(
      [stop.items[1]!, stop.items[2]!, stop.items[3]!].map((i) => i.categoryCode).sort(),
    );
    for (const c of cases) {
      expect(c).toMatchObject({
        source: 'morning_inspection',
        state: 'reported',
        orgCode: w.market.orgCode,
        photos: 1,
      });
    }

    const page = (await list(cookies.street, `&inspectionId=${insp.id}`)).json();
    expect(page.total).toBe(3);
    expect(page.data[0]).toMatchObject({
      state: 'open',
      overdue: false,
      pointName: '测试农贸市场',
      unitName: expect.stringContaining('测试城管'),
      leaderName: '测试leader',
    });
    // the unit responsible sees its rows; another street sees none of them
    expect((await list(cookies.unit, `&inspectionId=${insp.id}`)).json().total).toBe(3);
    expect((await list(cookies.otherStreet, `&inspectionId=${insp.id}`)).json().total).toBe(0);

    // a second inspection failing the same item links to the open case instead of opening another
    const again = await plan(cookies.inspector, 'supervision', [w.market.id]);
    expect((await answerStop(app, cookies.inspector, again.id, again.route[0]!, [1])).statusCode).toBe(200);
    const second = await post(app, cookies.inspector, `/api/inspections/${again.id}/submit`);
    expect(second.json().data).toMatchObject({ opened: 0, linked: 1 });
    const [linked] = (await list(cookies.street, `&inspectionId=${again.id}`)).json().data;
    const [first] = (await list(cookies.street, `&inspectionId=${insp.id}`))
      .json()
      .data.filter((r: { categoryCode: string }) => r.categoryCode === linked.categoryCode);
    expect(linked).toMatchObject({ linkedExisting: true, caseId: first.caseId });

    // submitting again opens nothing twice
    const repeat = await post(app, cookies.leader, `/api/inspections/${insp.id}/submit`);
    expect(repeat.json().data).toMatchObject({ opened: 3 });
    expect((await list(cookies.street, `&inspectionId=${insp.id}`)).json().total).toBe(3);
    // and answering a submitted inspection is refused
    const late = await answerStop(app, cookies.leader, insp.id, stop, []);
    expect(late.json().error.code).toBe('INSPECTION_CLOSED');
  });
});

describe('暗访 plans', () => {
  it('stay hidden from the street and community inspected until submitted, and then show', async () => {
    const insp = await plan(cookies.inspector, 'undercover', [w.market.id]);
    const calendar = (cookie: string) =>
      app.inject({ url: '/api/inspections?from=2026-12-01&to=2026-12-03', headers: { cookie } });
    const ids = async (cookie: string) =>
      ((await calendar(cookie)).json().data as { id: number }[]).map((i) => i.id);
    for (const cookie of [cookies.street, cookies.community]) {
      expect(await ids(cookie)).not.toContain(insp.id);
      expect((await app.inject({ url: `/api/inspections/${insp.id}`, headers: { cookie } })).statusCode).toBe(
        404,
      );
    }
    expect(await ids(cookies.leader)).toContain(insp.id);
    // an open 督查 in the same place is theirs to see all along
    const open = await plan(cookies.inspector, 'supervision', [w.market.id]);
    expect(await ids(cookies.street)).toContain(open.id);
    expect((await answerStop(app, cookies.inspector, insp.id, insp.route[0]!, [])).statusCode).toBe(200);
    expect(await ids(cookies.street)).not.toContain(insp.id);
    expect((await post(app, cookies.inspector, `/api/inspections/${insp.id}/submit`)).statusCode).toBe(200);
    expect(await ids(cookies.street)).toContain(insp.id);
    expect(await ids(cookies.community)).toContain(insp.id);
    expect(await ids(cookies.otherStreet)).not.toContain(insp.id);
  });
});

describe('a new inspection point', () => {
  it('goes in the district the caller administers whole, not in the district of a street granted first', async () => {
    const other = await createTenant(db);
    const admin = await createUserWith(
      db,
      'district_admin',
      { orgNodeId: other.streets[0]!.id },
      other.streets[0]!.code,
    );
    await grantRole(db, null, admin.id, { role: 'district_admin', orgNodeId: w.t.district.id });
    const cookie = await loginAs(app, admin);
    const typeId = await pointTypeId(db, '集贸市场');
    const body = (location: { lng: number; lat: number }) => ({
      name: '测试新点位',
      pointTypeId: typeId,
      location,
    });
    // a point in the district they administer is made there
    const mine = await post(app, cookie, '/api/inspection-points', body(gridCentre(w.t, 0)));
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().data.orgCode.startsWith(w.t.district.code)).toBe(true);
    // the district where they hold a single street is not theirs to add points to
    const theirs = await post(app, cookie, '/api/inspection-points', body(gridCentre(other, 0)));
    expect(theirs.statusCode).toBe(400);
    const made = await rows(
      db,
      sql`select 1 from inspection_points where org_code like ${`${other.district.code}%`}`,
    );
    expect(made).toHaveLength(0);
  });
});

describe('who may walk an inspection', () => {
  it('is not its creator once the creator runs inspections only in another district', async () => {
    const insp = await plan(cookies.inspector, 'morning_inspection', [w.square.id]);
    const other = await createTenant(db);
    const elsewhere = await createUserWith(
      db,
      'leader',
      { orgNodeId: other.district.id },
      other.district.code,
    );
    // the creator's grants moved to another district; the record of who created the plan stays
    await db.execute(sql`update inspections set created_by = ${elsewhere.id} where id = ${insp.id}`);
    const cookie = await loginAs(app, elsewhere);
    const seen = await app.inject({ url: `/api/inspections/${insp.id}`, headers: { cookie } });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().data.mayRun).toBe(false);
    const answered = await answerStop(app, cookie, insp.id, insp.route[0]!, []);
    expect(answered.statusCode).toBe(403);
    const stored = await rows(
      db,
      sql`select 1 from inspection_answers a join inspection_stops s on s.id = a.stop_id where s.inspection_id = ${insp.id}`,
    );
    expect(stored).toHaveLength(0);
  });
});
