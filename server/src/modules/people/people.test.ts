import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { districtToday } from './present-person.ts';
import { addHousehold, idFor, member } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let gridWorker: string;
let community: string;
let street: string;
let leader: string;
let home: { householdId: number; personIds: number[] };
let neighbour: { householdId: number; personIds: number[] };
let headId = '';

const as = (cookie: string, url: string) => app.inject({ url, headers: { cookie } });
const send = (cookie: string, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  app.inject({ method, url, headers: { cookie }, payload: payload as object });

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const login = async (role: Parameters<typeof createUserWith>[1], orgNodeId: number) =>
    loginAs(app, await createUserWith(db, role, { orgNodeId }, t.district.code));
  gridWorker = await login('grid_worker', t.grids[0]!.id);
  community = await login('community_staff', t.communities[0]!.id);
  street = await login('street_staff', t.streets[0]!.id);
  leader = await login('leader', t.district.id);
  headId = idFor(t, '1940-02-03', 'F');
  home = await addHousehold(
    db,
    t,
    0,
    [
      member(t, {
        name: '欧阳秀英',
        gender: 'F',
        birthDate: '1940-02-03',
        idNumber: headId,
        phone: '13912345678',
      }),
      member(t, { name: '欧阳明', relation: 'child', birthDate: '1968-07-01' }),
    ],
    { tags: [['独居老人', '党员'], []], room: '301' },
  );
  // grid 1: the same community, another grid worker's
  neighbour = await addHousehold(db, t, 1, [member(t, { name: '欧阳峰', phone: '13700001111' })], {
    room: '502',
  });
});

describe('the household page', () => {
  it('shows members with ID numbers and phones masked, tags, and the abilities of the caller', async () => {
    const res = await as(gridWorker, `/api/households/${home.householdId}`);
    expect(res.statusCode).toBe(200);
    const { data, abilities } = res.json();
    expect(data.size).toBe(2);
    expect(data.address).toMatch(/1单元301室$/);
    const head = data.members[0];
    expect(head).toMatchObject({
      name: '欧阳秀英',
      relation: 'head',
      phone: '139****5678',
      age: expect.any(Number),
    });
    expect(head.idNumber).toBe(`${headId.slice(0, 4)}**********${headId.slice(-4)}`);
    expect(head.tags.map((x: { name: string }) => x.name)).toEqual(['独居老人', '80岁以上', '党员']);
    expect(abilities).toEqual({ manage: true, reveal: true, sensitive: true });
  });

  it('hides sensitive tags from street staff and answers 404 to a grid worker of another grid', async () => {
    const res = await as(street, `/api/households/${home.householdId}`);
    expect(res.json().data.members[0].tags.map((x: { name: string }) => x.name)).toEqual([
      '80岁以上',
      '党员',
    ]);
    expect((await as(gridWorker, `/api/households/${neighbour.householdId}`)).statusCode).toBe(404);
    expect((await as(community, `/api/households/${neighbour.householdId}`)).statusCode).toBe(200);
    // a leader reads the org tree but not the archive
    expect((await as(leader, `/api/households/${home.householdId}`)).statusCode).toBe(403);
  });
});

describe('search', () => {
  it('finds by surname, name start, whole name, ID number, phone, address and tag, within the scope only', async () => {
    expect(names(await as(community, '/api/people/search?name=欧'))).toEqual([
      '欧阳峰',
      '欧阳明',
      '欧阳秀英',
    ]);
    expect(names(await as(gridWorker, '/api/people/search?name=欧'))).toEqual(['欧阳明', '欧阳秀英']);
    expect(names(await as(gridWorker, '/api/people/search?name=欧阳秀英'))).toEqual(['欧阳秀英']);
    expect(names(await as(gridWorker, `/api/people/search?idNumber=${headId.toLowerCase()}`))).toEqual([
      '欧阳秀英',
    ]);
    expect(names(await as(gridWorker, '/api/people/search?phone=139 1234 5678'))).toEqual(['欧阳秀英']);
    expect(names(await as(gridWorker, '/api/people/search?phone=13700001111'))).toEqual([]);
    expect(names(await as(community, '/api/people/search?phone=13700001111'))).toEqual(['欧阳峰']);
    expect(names(await as(gridWorker, '/api/people/search?address=1单元301'))).toEqual([
      '欧阳明',
      '欧阳秀英',
    ]);
    const tags = (await as(gridWorker, '/api/people/tags')).json().data as { id: number; name: string }[];
    const alone = tags.find((x) => x.name === '独居老人')!.id;
    const age80 = tags.find((x) => x.name === '80岁以上')!.id;
    expect(names(await as(gridWorker, `/api/people/search?tag=${alone}`))).toEqual(['欧阳秀英']);
    expect(names(await as(gridWorker, `/api/people/search?tag=${age80}`))).toEqual(['欧阳秀英']);
    // street staff may not see who lives alone: the tag is not listed, and searching by it is refused
    const streetTags = (await as(street, '/api/people/tags')).json().data as { name: string }[];
    expect(streetTags.map((x) => x.name)).not.toContain('独居老人');
    expect((await as(street, `/api/people/search?tag=${alone}`)).statusCode).toBe(403);
    expect((await as(gridWorker, `/api/people/search?org=${t.grids[1]!.code}&name=欧`)).statusCode).toBe(404);
  });
});

describe('personal data of a person', () => {
  it('is stored sealed: the raw columns hold ciphertext and blind indexes, never the clear values', async () => {
    const raw = await one<Record<string, string>>(
      db,
      sql`select name_enc, id_number_enc, phone_enc, id_number_hash, phone_bidx from persons where id = ${home.personIds[0]}`,
    );
    for (const v of Object.values(raw!)) expect(v).not.toMatch(/欧阳秀英|13912345678/);
    expect(raw!.id_number_enc).toMatch(/^v2\./);
    expect(raw!.id_number_enc).not.toContain(headId);
    expect(testCipher().decrypt(raw!.id_number_enc)).toBe(headId);
  });

  it('reveals the ID number and phone with a reason, writing the audit row first', async () => {
    const res = await send(gridWorker, 'POST', `/api/persons/${home.personIds[0]}/reveal`, {
      reason: '核实高龄补贴',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ idNumber: headId, phone: '13912345678' });
    const audit = await rows<{ after: { fields: string[]; reason: string } }>(
      db,
      sql`select after from audit_log where action = 'personal.reveal' and entity = 'person'
          and entity_id = ${String(home.personIds[0])}`,
    );
    expect(audit).toEqual([
      { after: { subject: 'person', fields: ['idNumber', 'phone'], reason: '核实高龄补贴', via: 'scope' } },
    ]);
    expect(JSON.stringify(audit)).not.toContain(headId);
    expect(
      (await send(gridWorker, 'POST', `/api/persons/${neighbour.personIds[0]}/reveal`, { reason: '看看' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await send(gridWorker, 'POST', `/api/persons/${home.personIds[0]}/reveal`, { reason: ' ' }))
        .statusCode,
    ).toBe(400);
  });
});

describe('editing and moving out', () => {
  it('refuses an ID number that disagrees with the birth date, in the caller language, and changes nothing', async () => {
    const wrong = idFor(t, '1970-01-01', 'M');
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/persons/${home.personIds[1]}`,
      headers: { cookie: gridWorker, 'accept-language': 'en' },
      payload: { idNumber: wrong },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'PERSON_ID_INVALID' });
    expect(res.json().error.details[0].message).toBe('The birth date does not agree with the ID number');
    const taken = await send(gridWorker, 'PATCH', `/api/persons/${home.personIds[1]}`, {
      idNumber: headId,
      birthDate: '1940-02-03',
      gender: 'F',
    });
    expect(taken.statusCode).toBe(409);
  });

  it('edits a person and keeps the sensitive tags an editor cannot see', async () => {
    const tags = (await as(street, '/api/people/tags')).json().data as { id: number; name: string }[];
    const veteran = tags.find((x) => x.name === '退役军人')!.id;
    const res = await send(street, 'PATCH', `/api/persons/${home.personIds[0]}`, {
      phone: '13600002222',
      tagIds: [veteran],
    });
    expect(res.statusCode).toBe(200);
    const page = (await as(gridWorker, `/api/households/${home.householdId}`)).json().data;
    expect(page.members[0].phone).toBe('136****2222');
    expect(page.members[0].tags.map((x: { name: string }) => x.name)).toEqual([
      '独居老人',
      '80岁以上',
      '退役军人',
    ]);
  });

  it('moves a person out once, with a move-history row', async () => {
    const body = { kind: 'move_out', on: districtToday(), note: '随子女迁往郑州' };
    expect(
      (await send(gridWorker, 'POST', `/api/persons/${home.personIds[1]}/move-out`, body)).statusCode,
    ).toBe(200);
    const again = await send(gridWorker, 'POST', `/api/persons/${home.personIds[1]}/move-out`, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PERSON_NOT_RESIDENT');
    const page = (await as(gridWorker, `/api/households/${home.householdId}`)).json().data;
    expect(page.size).toBe(1);
    expect(page.moves[0]).toMatchObject({
      kind: 'move_out',
      movedOn: districtToday(),
      note: '随子女迁往郑州',
    });
    expect(names(await as(gridWorker, '/api/people/search?name=欧阳明'))).toEqual([]);
    expect(names(await as(gridWorker, '/api/people/search?name=欧阳明&status=moved_out'))).toEqual([
      '欧阳明',
    ]);
  });
});

function names(res: { json(): { data: { name: string }[] } }) {
  return res
    .json()
    .data.map((p) => p.name)
    .sort();
}

describe('population of an org node', () => {
  it('counts residents by age band and tag, sensitive tags only for those who may see them', async () => {
    const node = t.communities[0]!;
    const res = await as(community, `/api/org/nodes/${node.id}/population`);
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.residents).toBeGreaterThanOrEqual(2);
    const count = (d: typeof data, name: string) =>
      d.byTag.find((x: { tag: { name: string } }) => x.tag.name === name)?.count;
    expect(count(data, '独居老人')).toBe(1);
    expect(data.byAgeBand.find((b: { key: string }) => b.key === '80+').count).toBe(1);
    const forLeader = (await as(leader, `/api/org/nodes/${node.id}/population`)).json().data;
    expect(count(forLeader, '独居老人')).toBeUndefined();
    expect(count(forLeader, '80岁以上')).toBe(1);
  });
});
