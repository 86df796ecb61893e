import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { findChecklist, listPointTypes } from './checklist-queries.ts';
import { saveChecklist } from './commands/save-checklist.ts';
import { pointTypeId } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;
let admin: string;
let adminId: string;
let street: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  const t = await createTenant(db);
  const a = await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);
  adminId = a.id;
  admin = await loginAs(app, a);
  street = await loginAs(
    app,
    await createUserWith(db, 'street_staff', { orgNodeId: t.streets[0]!.id }, t.streets[0]!.code),
  );
});

const send = (cookie: string, method: 'POST' | 'PATCH', url: string, payload: unknown, lang = 'zh-CN') =>
  app.inject({ method, url, headers: { cookie, 'accept-language': lang }, payload: payload as object });
// point types are shared reference data: each test names its own, so the seeded 26 stay as they are
const fresh = () => `测试点位${randomBytes(3).toString('hex')}`;

async function newType(nameZh = fresh()) {
  const res = await send(admin, 'POST', '/api/inspection-point-types', {
    nameZh,
    nameEn: 'Test point',
    checklistFrom: await pointTypeId(db, '集贸市场'),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as { id: number; code: string };
}

describe('point types', () => {
  it('adds a type after the 26 with the next free code and a copy of the chosen checklist as version 1', async () => {
    const nameZh = fresh();
    const created = await newType(nameZh);
    expect(created.code).toMatch(/^P[0-9]{2,3}$/);
    const market = (await findChecklist(db, await pointTypeId(db, '集贸市场')))!;
    const copy = (await findChecklist(db, created.id))!;
    expect(copy.version).toBe(1);
    const strip = (items: typeof copy.items) => items.map(({ id, ...it }) => it);
    expect(strip(copy.items)).toEqual(strip(market.items));
    const types = await listPointTypes(db);
    expect(types.at(-1)).toMatchObject({ id: created.id, nameZh, nameEn: 'Test point', currentVersion: 1 });
    const [audit] = await rows<{ after: Record<string, unknown> }>(
      db,
      sql`select after from audit_log where action = 'inspection.point_type.create' and entity_id = ${String(created.id)}`,
    );
    expect(audit?.after).toMatchObject({ code: created.code, nameZh });
  });

  it('renames a type in both languages with an audit row, keeping every checklist version', async () => {
    const { id } = await newType();
    const items = (await findChecklist(db, id))!.items.map(({ id: _id, sort, ...it }) => it);
    await saveChecklist(db, { pointTypeId: id, items: items.slice(1), actorId: adminId });
    const renamed = fresh();
    const res = await send(admin, 'PATCH', `/api/inspection-point-types/${id}`, {
      nameZh: `  ${renamed} `,
      nameEn: 'Renamed point',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ nameZh: renamed, nameEn: 'Renamed point', active: true });
    expect((await findChecklist(db, id))!.version).toBe(2);
    expect((await findChecklist(db, id, 1))!.items).toHaveLength(items.length);
    const [audit] = await rows<{ before: { nameZh: string }; after: { nameZh: string } }>(
      db,
      sql`select before, after from audit_log where action = 'inspection.point_type.update' and entity_id = ${String(id)}`,
    );
    expect(audit?.after.nameZh).toBe(renamed);
    expect(audit?.before.nameZh).not.toBe(renamed);
    // taking it out of use is a change of its own
    const off = await send(admin, 'PATCH', `/api/inspection-point-types/${id}`, { active: false });
    expect(off.json().data).toMatchObject({ nameZh: renamed, active: false });
  });

  it('refuses a name another type has, an empty name and an empty change, in the caller’s language, changing nothing', async () => {
    const { id } = await newType();
    const taken = await send(admin, 'PATCH', `/api/inspection-point-types/${id}`, { nameZh: '集贸市场' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({
      code: 'POINT_TYPE_NAME_TAKEN',
      message: '已有同名的点位类型，请换一个名称。',
    });
    const twice = await send(
      admin,
      'POST',
      '/api/inspection-point-types',
      { nameZh: '公共广场', nameEn: 'Square', checklistFrom: id },
      'en-US',
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe(
      'A point type with this name already exists; choose another name.',
    );
    for (const body of [{ nameZh: '   ' }, { nameEn: '' }, {}, { nameZh: 'x'.repeat(51) }]) {
      const res = await send(admin, 'PATCH', `/api/inspection-point-types/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknown = await send(admin, 'POST', '/api/inspection-point-types', {
      nameZh: fresh(),
      nameEn: 'x',
      checklistFrom: 2_000_000_000,
    });
    expect(unknown.statusCode).toBe(404);
    const after = (await listPointTypes(db)).find((t) => t.id === id)!;
    expect(after.nameZh).toMatch(/^测试点位/);
  });

  it('is for district administrators: street staff are refused', async () => {
    const { id } = await newType();
    const res = await send(street, 'PATCH', `/api/inspection-point-types/${id}`, { nameEn: 'Street rename' });
    expect(res.statusCode).toBe(403);
    const made = await send(street, 'POST', '/api/inspection-point-types', {
      nameZh: fresh(),
      nameEn: 'x',
      checklistFrom: id,
    });
    expect(made.statusCode).toBe(403);
  });
});
