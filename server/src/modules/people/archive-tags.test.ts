import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { addHousehold, member } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
let community: string;
let gridWorker: string;
let streetStaff: string;
// tags are shared by every tenant of the test database: names made unique to this run
const suffix = Math.random().toString(36).slice(2, 7);

interface AdminTag {
  id: number;
  name: string;
  nameEn: string | null;
  sensitive: boolean;
  derived: string | null;
  seeded: boolean;
  retired: boolean;
  assigned: number | null;
}

const as = (cookie: string, url: string) => app.inject({ url, headers: { cookie } });
const send = (cookie: string, method: 'POST' | 'PATCH', url: string, payload: unknown, lang = 'zh-CN') =>
  app.inject({ method, url, headers: { cookie, 'accept-language': lang }, payload: payload as object });
const adminList = async (): Promise<AdminTag[]> => (await as(admin, '/api/people/tags/admin')).json().data;
const byName = async (name: string) => (await adminList()).find((x) => x.name === name)!;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const login = async (role: Parameters<typeof createUserWith>[1], orgNodeId: number) =>
    loginAs(app, await createUserWith(db, role, { orgNodeId }, t.district.code));
  admin = await login('district_admin', t.district.id);
  community = await login('community_staff', t.communities[0]!.id);
  gridWorker = await login('grid_worker', t.grids[0]!.id);
  streetStaff = await login('street_staff', t.streets[0]!.id);
});

describe('tag administration', () => {
  it('is for district administrators only', async () => {
    expect((await as(community, '/api/people/tags/admin')).statusCode).toBe(403);
    const res = await send(community, 'POST', '/api/people/tags', {
      name: '测试',
      nameEn: null,
      sensitive: false,
    });
    expect(res.statusCode).toBe(403);
    const list = await adminList();
    expect(list.find((x) => x.name === '80岁以上')).toMatchObject({
      derived: 'age80',
      seeded: true,
      assigned: null,
    });
  });

  it('adds a tag, renames it in both languages, marks it sensitive, and audits each change', async () => {
    const name = `困难家庭${suffix}`;
    const made = await send(admin, 'POST', '/api/people/tags', {
      name,
      nameEn: 'Hardship',
      sensitive: false,
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().data.id;
    const dup = await send(admin, 'POST', '/api/people/tags', { name, nameEn: null, sensitive: false }, 'en');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'TAG_NAME_TAKEN',
      message: 'A tag with that name already exists.',
    });
    const renamed = `困难户${suffix}`;
    const res = await send(admin, 'PATCH', `/api/people/tags/${id}`, {
      name: renamed,
      nameEn: 'Household in hardship',
      sensitive: true,
    });
    expect(res.statusCode).toBe(200);
    expect(await byName(renamed)).toMatchObject({
      nameEn: 'Household in hardship',
      sensitive: true,
      seeded: false,
    });
    // a sensitive tag: the grid worker (people.sensitive) sees it, street staff do not
    const names = async (cookie: string) =>
      ((await as(cookie, '/api/people/tags')).json().data as { name: string }[]).map((x) => x.name);
    expect(await names(gridWorker)).toContain(renamed);
    expect(await names(streetStaff)).not.toContain(renamed);
    const audit = await rows<{ action: string; before: { name: string } | null; after: { name: string } }>(
      db,
      sql`select action, before, after from audit_log where entity = 'archive_tag' and entity_id = ${String(id)}
          order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['archive_tag.create', 'archive_tag.update']);
    expect(audit[1]).toMatchObject({ before: { name }, after: { name: renamed } });
  });

  it('retires a tag: no longer assignable, kept on those who carry it, and restorable', async () => {
    const name = `临时标签${suffix}`;
    const id = (
      await send(admin, 'POST', '/api/people/tags', { name, nameEn: null, sensitive: false })
    ).json().data.id as number;
    const h = await addHousehold(db, t, 0, [member(t, { name: '郑一' })], { tags: [[name]], room: '901' });
    const personId = h.personIds[0]!;
    expect((await send(admin, 'PATCH', `/api/people/tags/${id}`, { retired: true })).statusCode).toBe(200);
    expect(await byName(name)).toMatchObject({ retired: true, assigned: 1 });
    // an edit of the person's tags leaves the retired one in place and cannot add it to anyone
    await send(gridWorker, 'PATCH', `/api/persons/${personId}`, { tagIds: [] });
    const page = (await as(gridWorker, `/api/households/${h.householdId}`)).json().data;
    expect(page.members[0].tags.map((x: { name: string }) => x.name)).toContain(name);
    const other = await addHousehold(db, t, 0, [member(t, { name: '郑二' })], { room: '902' });
    await send(gridWorker, 'PATCH', `/api/persons/${other.personIds[0]}`, { tagIds: [id] });
    const otherPage = (await as(gridWorker, `/api/households/${other.householdId}`)).json().data;
    expect(otherPage.members[0].tags.map((x: { name: string }) => x.name)).not.toContain(name);
    expect((await send(admin, 'PATCH', `/api/people/tags/${id}`, { retired: false })).statusCode).toBe(200);
    expect(await byName(name)).toMatchObject({ retired: false });
  });

  it('counts a retired tag in the population while a resident carries it, and leaves it out after', async () => {
    const name = `旧标签${suffix}`;
    const id = (
      await send(admin, 'POST', '/api/people/tags', { name, nameEn: null, sensitive: false })
    ).json().data.id as number;
    const h = await addHousehold(db, t, 0, [member(t, { name: '钱一' })], { tags: [[name]], room: '903' });
    await send(admin, 'PATCH', `/api/people/tags/${id}`, { retired: true });
    const counted = async () =>
      (
        (await as(admin, `/api/org/nodes/${t.grids[0]!.id}/population`)).json().data.byTag as {
          tag: { id: number };
          count: number;
        }[]
      ).find((x) => x.tag.id === id);
    expect(await counted()).toMatchObject({ count: 1 });
    await db.execute(sql`update persons set status = 'moved_out' where id = ${h.personIds[0]!}`);
    expect(await counted()).toBeUndefined();
  });

  it('keeps seeded and derived tags: no retiring, no Chinese rename, the vulnerable groups stay sensitive', async () => {
    const alone = await byName('独居老人');
    const age80 = await byName('80岁以上');
    const locked = [
      [alone.id, { retired: true }],
      [alone.id, { name: '独居' }],
      [alone.id, { sensitive: false }],
      [age80.id, { nameEn: 'Over 80' }],
    ] as const;
    for (const [id, body] of locked) {
      const res = await send(admin, 'PATCH', `/api/people/tags/${id}`, body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('TAG_LOCKED');
    }
    expect(await byName('独居老人')).toMatchObject({ sensitive: true, retired: false });
    const bad = await send(admin, 'PATCH', `/api/people/tags/${alone.id}`, { name: ' ' });
    expect(bad.statusCode).toBe(400);
  });
});
