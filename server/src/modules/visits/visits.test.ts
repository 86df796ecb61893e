import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, gridCentre, loginAs } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { createHousehold } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let home: number;
let neighbour: number;
let homeBuilding: string;
let admin: string;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  const made = await createHousehold(db, w.t.grids[0]!.id, {
    building: '3号楼',
    address: '幸福路3号楼2单元301室',
    residents: [
      { name: '王秀英', birthDate: `${year - 86}-01-01` },
      { name: '李建国', birthDate: `${year - 52}-01-01`, gender: 'M' },
    ],
  });
  home = made.id;
  homeBuilding = made.buildingAddress;
  neighbour = (
    await createHousehold(db, w.t.grids[1]!.id, {
      building: '9号楼',
      address: '幸福路9号楼1单元101室',
      residents: [{ name: '赵桂兰', birthDate: `${year - 90}-01-01` }],
    })
  ).id;
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
  );
});

const get = (cookie: string, url: string) => app.inject({ url, headers: { cookie } });
const visit = (cookie: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/visits', headers: { cookie }, payload });

describe('the grid worker’s households', () => {
  it('lists only the households of the own grid, names as the archive shows them, and finds one by a resident’s exact name', async () => {
    const res = await get(w.gridWorker, '/api/visits/households');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().data.map((h: { id: number }) => h.id);
    expect(ids).toContain(home);
    expect(ids).not.toContain(neighbour);
    const mine = res.json().data.find((h: { id: number }) => h.id === home);
    // the head's name in clear to the grid's worker, as the archive shows it; the flat's address masked
    expect(mine).toMatchObject({ building: '3号楼', head: '王秀英', size: 2, elders: 1 });
    expect(res.body).not.toContain('301');
    const byName = await get(w.gridWorker, `/api/visits/households?q=${encodeURIComponent('李建国')}`);
    expect(byName.json().data.map((h: { id: number }) => h.id)).toEqual([home]);
    // a name in the neighbour grid is not found, even exactly
    const other = await get(w.gridWorker, `/api/visits/households?q=${encodeURIComponent('赵桂兰')}`);
    expect(other.json().data).toEqual([]);
  });

  it('answers 404 for another grid’s household and refuses a unit handler', async () => {
    expect((await get(w.gridWorker, `/api/visits/households/${neighbour}`)).statusCode).toBe(404);
    expect((await get(w.community, `/api/visits/households/${neighbour}`)).statusCode).toBe(200);
    expect((await get(w.unit, '/api/visits/households')).statusCode).toBe(403);
    expect((await visit(w.gridWorker, { householdId: neighbour, kind: 'phone', needs: [] })).statusCode).toBe(
      404,
    );
  });
});

describe('recording a visit', () => {
  it('resolves one need on the spot, opens a case for another through the intake, and flags a far check-in', async () => {
    const key = randomUUID();
    const body = {
      householdId: home,
      kind: 'home',
      // about 1 km east of the grid's centre
      location: { lng: gridCentre(w.t, 0).lng + 0.01, lat: gridCentre(w.t, 0).lat },
      notes: '老人身体尚可',
      clientKey: key,
      needs: [
        { description: '想了解高龄补贴怎么申请', resolution: '当场讲解了申请材料' },
        { description: '楼下路灯坏了好几天，晚上出门不方便', categoryCode: STREETLIGHT },
      ],
    };
    const res = await visit(w.gridWorker, body);
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json().data;
    expect(v).toMatchObject({ kind: 'home', far: true, notes: '老人身体尚可' });
    expect(v.distanceM).toBeGreaterThan(500);
    const [resolved, opened] = v.needs;
    expect(resolved).toMatchObject({ outcome: 'resolved', caseId: null });
    expect(resolved.repliedAt).not.toBeNull();
    expect(opened).toMatchObject({ outcome: 'case', caseState: 'reported', repliedAt: null });
    expect(new Date(opened.replyDueAt).getTime()).toBeGreaterThan(Date.now());
    const c = await one<{ source: string; orgCode: string; description: string; address: string }>(
      db,
      sql`select source, org_code as "orgCode", description, address from cases where id = ${opened.caseId}`,
    );
    // the case lies at the household's building, whose public address it carries (never the flat's)
    expect(c).toEqual({
      source: 'visit',
      orgCode: w.t.grids[0]!.code,
      description: body.needs[1]!.description,
      address: homeBuilding,
    });
    // the phone sends it again (the first answer was lost): the same visit, no second case
    const again = await visit(w.gridWorker, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().data.id).toBe(v.id);
    const cases = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from cases where description = ${body.needs[1]!.description} and org_code = ${w.t.grids[0]!.code}`,
    );
    expect(cases!.n).toBe(1);
    const listed = await get(w.gridWorker, `/api/visits/households?notVisited=true`);
    expect(listed.json().data.map((h: { id: number }) => h.id)).not.toContain(home);
  });

  it('refuses a district administrator (visits are the grid’s field work) and bad input, writing nothing', async () => {
    expect((await visit(admin, { householdId: home, kind: 'phone', needs: [] })).statusCode).toBe(403);
    const bad = await visit(w.gridWorker, { householdId: home, kind: 'walk', needs: [] });
    expect(bad.statusCode).toBe(400);
    const future = await visit(w.gridWorker, {
      householdId: home,
      kind: 'phone',
      visitedAt: new Date(Date.now() + 86_400_000).toISOString(),
      needs: [],
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].field).toBe('/visitedAt');
  });

  it('records the reply once the case is handled, and counts it in the coverage figures', async () => {
    const v = (
      await visit(w.gridWorker, {
        householdId: home,
        kind: 'phone',
        needs: [{ description: '小区东门路灯不亮', categoryCode: STREETLIGHT }],
      })
    ).json().data;
    const need = v.needs[0];
    const reply = (cookie: string) =>
      app.inject({
        method: 'POST',
        url: `/api/visits/needs/${need.id}/reply`,
        headers: { cookie, 'accept-language': 'zh-CN' },
        payload: { note: '已电话告知路灯修好了' },
      });
    const early = await reply(w.gridWorker);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'VISIT_REPLY_EARLY' });
    const awaiting = await get(w.gridWorker, '/api/visits/needs/awaiting-reply');
    expect(awaiting.json().data.map((n: { id: number }) => n.id)).toContain(need.id);
    await ok(app, w.dispatcher, need.caseId, 'file');
    await ok(app, w.dispatcher, need.caseId, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.unit, need.caseId, 'feedback', { note: '已更换灯泡' });
    await ok(app, w.gridWorker, need.caseId, 'check_pass');
    await ok(app, w.dispatcher, need.caseId, 'close');
    const done = await reply(w.gridWorker);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().data).toMatchObject({ replyNote: '已电话告知路灯修好了', caseState: 'closed' });
    expect((await reply(w.gridWorker)).statusCode).toBe(409);

    const cov = await get(w.leader, `/api/visits/coverage?org=${w.t.communities[0]!.code}`);
    expect(cov.statusCode, cov.body).toBe(200);
    const { total, children } = cov.json().data;
    // two households in the community, one visited
    expect(total).toMatchObject({ households: 2, visitedHouseholds: 1, coverage: 0.5, visits: 2 });
    expect(total).toMatchObject({ needs: 3, needsToCases: 2, replied: 2 });
    expect(total.replyRate).toBeCloseTo(2 / 3, 3);
    expect(children.map((c: { code: string; coverage: number }) => [c.code, c.coverage])).toEqual([
      [w.t.grids[0]!.code, 1],
      [w.t.grids[1]!.code, 0],
    ]);
    expect((await get(w.unit, `/api/visits/coverage?org=${w.t.communities[0]!.code}`)).statusCode).toBe(403);
  });
});

describe('the quarter’s 80+ list', () => {
  it('lists the elders of the caller’s grid with their last visit, and exports it masked', async () => {
    // on screen the names are in clear within the scope, as in the archive; the file masks them
    const res = await get(w.community, `/api/visits/elders?org=${w.t.communities[0]!.code}`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().data.map((e: { name: string; age: number }) => [e.name, e.age]);
    expect(names).toEqual([
      ['王秀英', 86],
      ['赵桂兰', 90],
    ]);
    expect(res.json().data[0].lastVisitAt).not.toBeNull();
    expect(res.json().data[1].lastVisitAt).toBeNull();
    const mine = await get(w.gridWorker, `/api/visits/elders?org=${w.t.grids[0]!.code}`);
    expect(mine.json().data).toHaveLength(1);
    expect((await get(w.gridWorker, `/api/visits/elders?org=${w.t.grids[1]!.code}`)).statusCode).toBe(404);
    const file = await get(
      w.community,
      `/api/visits/elders.xlsx?org=${w.t.communities[0]!.code}&notVisited=true`,
    );
    expect(file.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('赵*兰');
    expect(file.rawPayload.toString('latin1')).not.toContain('赵桂兰');
  });
});
