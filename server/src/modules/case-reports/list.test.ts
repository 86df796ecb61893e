import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { addCoUnit, createOtherUnit, insertCase, reportsTestApp } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await reportsTestApp(db);
});

const hour = 3600_000;
const ago = (h: number) => new Date(Date.now() - h * hour);

type Row = Record<string, unknown> & { id: number };
async function list(cookie: string, query = ''): Promise<Row[]> {
  const res = await app.inject({ url: `/api/cases?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}
const adminOf = async (t: Tenant) =>
  loginAs(app, await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code));

describe('case list: who sees what', () => {
  let t: Tenant;
  let ids: Record<string, number>;
  let resident: { id: string; cookie: string };
  let otherUnit: number;

  beforeAll(async () => {
    t = await createTenant(db);
    otherUnit = await createOtherUnit(db, t);
    const user = await createUserWith(db, 'resident', {}, t.district.code);
    resident = { id: user.id, cookie: await loginAs(app, user) };
    ids = {
      grid0: (await insertCase(db, t, { grid: 0, reportedAt: ago(5), reporterName: '张三' })).id,
      grid1Unit: (
        await insertCase(db, t, { grid: 1, reportedAt: ago(4), unitId: t.unitId, state: 'dispatched' })
      ).id,
      grid2Mine: (await insertCase(db, t, { grid: 2, reportedAt: ago(3), reporterId: resident.id })).id,
      street2CoUnit: (
        await insertCase(db, t, { grid: 5, reportedAt: ago(2), unitId: otherUnit, state: 'dispatched' })
      ).id,
      street2: (await insertCase(db, t, { grid: 6, reportedAt: ago(1) })).id,
    };
    await addCoUnit(db, ids.street2CoUnit!, t.unitId);
  });

  it('shows a district admin every case of the district, newest first, without the reporter’s identity', async () => {
    const rows = await list(await adminOf(t));
    expect(rows.map((r) => r.id)).toEqual([
      ids.street2,
      ids.street2CoUnit,
      ids.grid2Mine,
      ids.grid1Unit,
      ids.grid0,
    ]);
    const row = rows.find((r) => r.id === ids.grid0)!;
    // staff know a case by its number: the tracking code is the reporter's credential
    expect(rows.every((r) => !('trackingCode' in r))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/"T[0-9A-F]{12}"/);
    expect(row).not.toHaveProperty('reporterName');
    expect(row).not.toHaveProperty('reporterId');
    expect(JSON.stringify(rows)).not.toContain('张三');
    expect(row).toMatchObject({
      orgCode: t.grids[0]!.code,
      gridName: t.grids[0]!.name,
      categoryCode: '99.01',
      categoryNameZh: '测试小类',
      state: 'reported',
      light: null,
    });
    expect(rows.find((r) => r.id === ids.grid1Unit)!.unitName).toContain('测试城管');
  });

  it('shows community staff only their community', async () => {
    const staff = await loginAs(
      app,
      await createUserWith(
        db,
        'community_staff',
        { orgNodeId: t.communities[0]!.id },
        t.communities[0]!.code,
      ),
    );
    expect((await list(staff)).map((r) => r.id)).toEqual([ids.grid1Unit, ids.grid0]);
  });

  it('shows a grid worker only their grid', async () => {
    const worker = await loginAs(
      app,
      await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[2]!.id }, t.grids[2]!.code),
    );
    expect((await list(worker)).map((r) => r.id)).toEqual([ids.grid2Mine]);
  });

  it('shows a unit handler the cases the unit holds or was called in on, not the rest of the district', async () => {
    const handler = await loginAs(
      app,
      await createUserWith(db, 'unit_handler', { unitId: t.unitId }, t.district.code),
    );
    expect((await list(handler)).map((r) => r.id)).toEqual([ids.street2CoUnit, ids.grid1Unit]);
    const other = await loginAs(
      app,
      await createUserWith(db, 'unit_handler', { unitId: otherUnit }, t.district.code),
    );
    expect((await list(other)).map((r) => r.id)).toEqual([ids.street2CoUnit]);
  });

  it('lists nothing to a resident, not even their own report (it reaches them as the public view), and nothing of this district to another district’s admin', async () => {
    expect(await list(resident.cookie)).toEqual([]);
    const stranger = await adminOf(await createTenant(db));
    expect(await list(stranger, `org=${t.district.code}`)).toEqual([]);
  });

  it('answers 401 to an anonymous caller', async () => {
    expect((await app.inject({ url: '/api/cases' })).statusCode).toBe(401);
  });
});

describe('case list: filters', () => {
  let t: Tenant;
  let admin: string;
  let ids: Record<string, number>;
  let closedCode: string;

  beforeAll(async () => {
    t = await createTenant(db);
    admin = await adminOf(t);
    const now = Date.now();
    ids = {
      a: (
        await insertCase(db, t, {
          category: '99.01',
          source: 'resident',
          state: 'dispatched',
          unitId: t.unitId,
          description: '路灯不亮 100%_损坏',
          reportedAt: '2024-05-01T09:00:00+08:00',
          deadlineAt: new Date(now - hour),
          stage: 'dispose',
          stageStartedAt: new Date(now - 3 * hour),
          stageDeadlineAt: new Date(now - hour),
          supervision: 'red',
        })
      ).id,
      b: (
        await insertCase(db, t, {
          category: '99.02',
          urgency: 'urgent',
          state: 'dispatched',
          address: '人民路8号',
          reportedAt: '2024-05-02T23:30:00+08:00',
          deadlineAt: new Date(now + 10 * hour),
          stage: 'sign',
          // yellow at any time of day or year: ≥ 40 working minutes of the fortnight used, ≤ 10 left
          stageStartedAt: new Date(now - 14 * 24 * hour),
          stageDeadlineAt: new Date(now + hour / 6),
        })
      ).id,
      c: (
        await insertCase(db, t, {
          category: '98.01',
          grid: 4,
          state: 'filed',
          description: '路面破损 100 处',
          reportedAt: '2024-05-03T00:30:00+08:00',
          stage: 'dispatch',
          // green at any time: at most a minute used of a fortnight
          stageStartedAt: new Date(now - hour / 60),
          stageDeadlineAt: new Date(now + 14 * 24 * hour),
        })
      ).id,
    };
    const closed = await insertCase(db, t, {
      state: 'closed',
      reportedAt: '2024-05-04T10:00:00+08:00',
      deadlineAt: new Date(now - 5 * hour),
      stageDeadlineAt: new Date(now - 5 * hour),
      stageStartedAt: new Date(now - 9 * hour),
    });
    ids.d = closed.id;
    closedCode = closed.trackingCode;
  });

  const idsOf = async (query: string) =>
    (await list(admin, `org=${t.district.code}&${query}`)).map((r) => r.id);

  it('filters by state, by top-level or sub-category, by source, urgency, unit and org', async () => {
    expect(await idsOf('state=dispatched,filed')).toEqual([ids.c, ids.b, ids.a]);
    expect(await idsOf('category=99')).toEqual([ids.d, ids.b, ids.a]);
    expect(await idsOf('category=99.02,98')).toEqual([ids.c, ids.b]);
    expect(await idsOf('source=resident')).toEqual([ids.a]);
    expect(await idsOf('urgency=urgent')).toEqual([ids.b]);
    expect(await idsOf(`unit=${t.unitId}`)).toEqual([ids.a]);
    expect((await list(admin, `org=${t.streets[1]!.code}`)).map((r) => r.id)).toEqual([ids.c]);
    expect(await idsOf('supervision=red')).toEqual([ids.a]);
  });

  it('filters by overdue and by the traffic light of the current stage', async () => {
    expect(await idsOf('overdue=true')).toEqual([ids.a]);
    expect(await idsOf('overdue=false')).toEqual([ids.d, ids.c, ids.b]);
    expect(await idsOf('light=red')).toEqual([ids.a]);
    expect(await idsOf('light=yellow')).toEqual([ids.b]);
    expect(await idsOf('light=green')).toEqual([ids.c]);
    const rows = await list(admin, `org=${t.district.code}`);
    expect(rows.map((r) => r.light)).toEqual([null, 'green', 'yellow', 'red']);
  });

  it('filters by reporting day on the district clock (UTC+8)', async () => {
    expect(await idsOf('from=2024-05-02&to=2024-05-02')).toEqual([ids.b]);
    expect(await idsOf('from=2024-05-03')).toEqual([ids.d, ids.c]);
    expect(await idsOf('to=2024-05-01')).toEqual([ids.a]);
  });

  it('searches description, address, the case number and a whole tracking code; % and _ are no wildcards', async () => {
    // words are searched through the token index (search.ts): punctuation is not part of a word, and a
    // wildcard alone finds nothing rather than everything
    expect((await idsOf(`q=${encodeURIComponent('100%_')}`)).sort()).toEqual([ids.a, ids.c].sort());
    expect(await idsOf(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await idsOf(`q=${encodeURIComponent('损')}`)).toEqual([ids.c, ids.a]);
    expect(await idsOf(`q=${encodeURIComponent('人民路')}`)).toEqual([ids.b]);
    expect(await idsOf(`q=${ids.d}`)).toContain(ids.d);
    // a caller reads their code out: staff find the case, and the row still carries no code
    const found = await list(admin, `org=${t.district.code}&q=${closedCode.toLowerCase()}`);
    expect(found.map((r) => r.id)).toEqual([ids.d]);
    expect(JSON.stringify(found)).not.toContain(closedCode);
    // part of a code finds nothing: the search is no oracle to read codes out character by character
    expect(await idsOf(`q=${closedCode.slice(0, 8)}`)).toEqual([]);
  });

  it('refuses malformed filters with 400', async () => {
    for (const q of [
      'state=open',
      'category=1',
      'org=12',
      'light=blue',
      'from=2024-13-01',
      'limit=101',
      'sort=id',
    ]) {
      const res = await app.inject({ url: `/api/cases?${q}`, headers: { cookie: admin } });
      expect(res.statusCode, q).toBe(400);
    }
  });
});
