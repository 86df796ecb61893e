import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { districtToday } from './present-person.ts';
import { idFor, member, addHousehold as seedHousehold } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let gridWorker: string;
let community: string;
let street: string;
let buildingId: number;
let otherGridBuildingId: number;

const as = (cookie: string, url: string) => app.inject({ url, headers: { cookie } });
const send = (cookie: string, method: 'POST' | 'PATCH', url: string, payload: unknown, lang = 'zh-CN') =>
  app.inject({ method, url, headers: { cookie, 'accept-language': lang }, payload: payload as object });

const head = (over: Record<string, unknown> = {}) => {
  const birthDate = (over.birthDate as string) ?? '1975-03-09';
  const gender = (over.gender as 'M' | 'F') ?? 'F';
  return {
    name: '李秀兰',
    gender,
    birthDate,
    idNumber: idFor(t, birthDate, gender),
    phone: '13811112222',
    ...over,
  };
};

async function newBuilding(cookie: string, gridIndex: number, name: string): Promise<number> {
  const at = gridCentre(t, gridIndex);
  const res = await send(cookie, 'POST', '/api/buildings', {
    name,
    address: `${t.grids[gridIndex]!.name}${name}`,
    location: at,
  });
  expect(res.statusCode).toBe(201);
  return res.json().data.id;
}

// the page lists moves newest first by date; the seeded households moved in today
const moveOf = (page: { moves: { kind: string }[] }, kind: string) => page.moves.find((m) => m.kind === kind);

const auditOf = (entity: string, id: number) =>
  rows<{ action: string; after: Record<string, unknown> }>(
    db,
    sql`select action, after from audit_log where entity = ${entity} and entity_id = ${String(id)} order by id`,
  );

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const login = async (role: Parameters<typeof createUserWith>[1], orgNodeId: number) =>
    loginAs(app, await createUserWith(db, role, { orgNodeId }, t.district.code));
  gridWorker = await login('grid_worker', t.grids[0]!.id);
  community = await login('community_staff', t.communities[0]!.id);
  street = await login('street_staff', t.streets[0]!.id);
  buildingId = await newBuilding(gridWorker, 0, '手工1号楼');
  otherGridBuildingId = await newBuilding(community, 1, '手工2号楼');
});

describe('entering a household by hand', () => {
  it('creates the flat, the household and its head with a move-in row and an audit row, data sealed', async () => {
    const res = await send(gridWorker, 'POST', '/api/households', {
      buildingId,
      house: { unit: '2', floor: 3, room: '302', isRental: true },
      contactPhone: '0371-66668888',
      head: head({ floatingRegisteredOn: '2024-05-01' }),
    });
    expect(res.statusCode).toBe(201);
    const { householdId, personId } = res.json().data;
    const page = (await as(gridWorker, `/api/households/${householdId}`)).json().data;
    expect(page.address).toMatch(/手工1号楼2单元302室$/);
    expect(page.house).toMatchObject({ isRental: true, floor: 3 });
    expect(page.headPersonId).toBe(personId);
    expect(page.contactPhone).not.toContain('66668888');
    expect(page.members[0]).toMatchObject({ name: '李秀兰', relation: 'head', phone: '138****2222' });
    expect(page.members[0].tags.map((x: { name: string }) => x.name)).toContain('流动人口');
    expect(page.moves[0]).toMatchObject({ kind: 'move_in', personName: '李秀兰', movedOn: districtToday() });
    const raw = await one<{ phone: string }>(
      db,
      sql`select phone_enc as phone from persons where id = ${personId}`,
    );
    expect(raw!.phone).toMatch(/^v[12]\./);
    const [audit] = await auditOf('household', householdId);
    expect(audit).toMatchObject({ action: 'household.create' });
    expect(JSON.stringify(audit!.after)).not.toContain('13811112222');
  });

  it('uses an empty flat of the building and refuses one that has a household', async () => {
    const flat = await send(gridWorker, 'POST', `/api/buildings/${buildingId}/houses`, {
      unit: '1',
      floor: 1,
      room: '101',
      isRental: false,
    });
    const houseId = flat.json().data.id;
    const first = await send(gridWorker, 'POST', '/api/households', {
      buildingId,
      house: { houseId, isRental: false },
      head: head({ name: '王建国', gender: 'M', birthDate: '1950-01-02', phone: null }),
    });
    expect(first.statusCode).toBe(201);
    const again = await send(gridWorker, 'POST', '/api/households', {
      buildingId,
      house: { houseId, isRental: false },
      head: head({ name: '王二', gender: 'M', birthDate: '1951-01-02', phone: null }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HOUSE_OCCUPIED');
    const dup = await send(gridWorker, 'POST', '/api/households', {
      buildingId,
      house: { unit: '1', floor: 1, room: '101', isRental: false },
      head: head({ name: '王三', gender: 'M', birthDate: '1952-01-02', phone: null }),
    });
    expect(dup.json().error.code).toBe('HOUSE_TAKEN');
  });

  it('refuses a bad ID number in the caller language and writes nothing', async () => {
    // other files write households into the same database at once: count only this district's
    const count = async () =>
      (await one<{ n: number }>(
        db,
        sql`select count(*)::int as n from households h join org_nodes g on g.id = h.grid_id
            where g.code like ${`${t.district.code}%`}`,
      ))!.n;
    const before = await count();
    const wrong = idFor(t, '1980-01-01', 'F');
    const zh = await send(gridWorker, 'POST', '/api/households', {
      buildingId,
      house: { unit: '3', floor: 1, room: '103', isRental: false },
      head: head({ idNumber: wrong }),
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error.details[0].message).toBe('出生日期与身份证号码不一致');
    const broken = `${wrong.slice(0, 17)}${wrong[17] === '1' ? '2' : '1'}`;
    const en = await send(
      gridWorker,
      'POST',
      '/api/households',
      {
        buildingId,
        house: { unit: '3', floor: 1, room: '103', isRental: false },
        head: head({ idNumber: broken, birthDate: '1980-01-01' }),
      },
      'en',
    );
    expect(en.statusCode).toBe(422);
    expect(en.json().error.details[0].message).toBe('The ID number fails its check digit');
    const phone = await send(gridWorker, 'POST', '/api/households', {
      buildingId,
      house: { unit: '3', floor: 1, room: '103', isRental: false },
      contactPhone: '12345',
      head: head(),
    });
    expect(phone.statusCode).toBe(400);
    expect(await count()).toBe(before);
    const flats = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from houses where building_id = ${buildingId} and room = '103'`,
    );
    expect(flats!.n).toBe(0);
  });

  it('keeps a grid worker within their grid; community staff enter any grid of the community', async () => {
    const body = {
      buildingId: otherGridBuildingId,
      house: { unit: '1', floor: 2, room: '201', isRental: false },
      head: head({ name: '赵六', gender: 'M', birthDate: '1966-06-06', phone: null }),
    };
    expect((await send(gridWorker, 'POST', '/api/households', body)).statusCode).toBe(404);
    expect((await send(community, 'POST', '/api/households', body)).statusCode).toBe(201);
  });
});

describe('moving in', () => {
  it('enters a newcomer into a household, refuses a second head, and records the move', async () => {
    const home = await seedHousehold(db, t, 0, [member(t, { name: '陈大海' })], { room: '601' });
    const newborn = {
      person: { name: '陈小雨', gender: 'F', birthDate: '2024-02-29', relation: 'grandchild' },
      on: '2024-03-10',
      note: '新生儿落户',
    };
    const res = await send(gridWorker, 'POST', `/api/households/${home.householdId}/members`, newborn);
    expect(res.statusCode, res.body).toBe(201);
    const secondHead = await send(gridWorker, 'POST', `/api/households/${home.householdId}/members`, {
      person: { ...newborn.person, name: '陈二', relation: 'head' },
    });
    expect(secondHead.statusCode).toBe(409);
    expect(secondHead.json().error.code).toBe('HOUSEHOLD_HAS_HEAD');
    const page = (await as(gridWorker, `/api/households/${home.householdId}`)).json().data;
    expect(page.size).toBe(2);
    expect(page.moves.find((m: { note: string }) => m.note === '新生儿落户')).toMatchObject({
      kind: 'move_in',
      personName: '陈小雨',
      movedOn: '2024-03-10',
    });
    const audit = await auditOf('person', res.json().data.personId);
    expect(audit.map((a) => a.action)).toEqual(['person.move_in']);
  });

  it('moves a person between households, with one history row both pages show, tags following', async () => {
    const from = await seedHousehold(db, t, 0, [member(t, { name: '周老伯', birthDate: '1938-01-01' })], {
      room: '701',
      tags: [['独居老人']],
    });
    const to = await seedHousehold(db, t, 1, [member(t, { name: '周建华' })], { room: '702' });
    const personId = from.personIds[0]!;
    const body = { householdId: to.householdId, on: '2025-06-01', relation: 'parent', note: '随子女居住' };
    // the grid worker of grid 0 cannot reach grid 1's household
    expect((await send(gridWorker, 'POST', `/api/persons/${personId}/transfer`, body)).statusCode).toBe(404);
    expect((await send(street, 'POST', `/api/persons/${personId}/transfer`, body)).statusCode).toBe(200);
    const again = await send(street, 'POST', `/api/persons/${personId}/transfer`, body);
    expect(again.json().error.code).toBe('PERSON_SAME_HOUSEHOLD');
    const newPage = (await as(community, `/api/households/${to.householdId}`)).json().data;
    expect(newPage.members.map((m: { name: string }) => m.name)).toContain('周老伯');
    expect(moveOf(newPage, 'transfer')).toMatchObject({
      fromHouseholdId: from.householdId,
      toHouseholdId: to.householdId,
      note: '随子女居住',
    });
    const oldPage = (await as(community, `/api/households/${from.householdId}`)).json().data;
    expect(oldPage.size).toBe(0);
    expect(oldPage.headPersonId).toBeNull();
    expect(moveOf(oldPage, 'transfer')).toMatchObject({ personName: '周老伯', movedOn: '2025-06-01' });
    // the grid worker of the old grid reads the history but is not given the household of another grid
    const forWorker = (await as(gridWorker, `/api/households/${from.householdId}`)).json().data;
    expect(moveOf(forWorker, 'transfer')).toMatchObject({
      fromHouseholdId: from.householdId,
      toHouseholdId: null,
    });
    const tag = await one<{ gridId: number }>(
      db,
      sql`select grid_id as "gridId" from person_tags where person_id = ${personId}`,
    );
    expect(tag!.gridId).toBe(t.grids[1]!.id);
    const audit = await auditOf('person', personId);
    expect(audit.at(-1)).toMatchObject({ action: 'person.transfer' });
  });

  it('brings back a person who moved out (迁回) and refuses a deceased one', async () => {
    const h = await seedHousehold(
      db,
      t,
      0,
      [member(t, { name: '吴一' }), member(t, { name: '吴二', relation: 'child' })],
      {
        room: '801',
      },
    );
    const [, child] = h.personIds as [number, number];
    await send(gridWorker, 'POST', `/api/persons/${child}/move-out`, { kind: 'move_out', on: '2025-01-01' });
    const back = await send(gridWorker, 'POST', `/api/persons/${child}/transfer`, {
      householdId: h.householdId,
      on: '2025-09-01',
      relation: 'child',
    });
    expect(back.statusCode).toBe(200);
    const page = (await as(gridWorker, `/api/households/${h.householdId}`)).json().data;
    expect(page.size).toBe(2);
    expect(moveOf(page, 'return')).toMatchObject({ movedOn: '2025-09-01' });
    await send(gridWorker, 'POST', `/api/persons/${child}/move-out`, { kind: 'deceased', on: '2025-10-01' });
    const dead = await send(gridWorker, 'POST', `/api/persons/${child}/transfer`, {
      householdId: h.householdId,
      on: '2025-11-01',
      relation: 'child',
    });
    expect(dead.json().error.code).toBe('PERSON_NOT_RESIDENT');
  });
});
