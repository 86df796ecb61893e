import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { seedCategories } from './seed-categories.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
let worker: string;
// categories are shared by every tenant of the test database: new ones go under a random top-level row
const parentCode = String(randomInt(1, 13)).padStart(2, '0');
const limits = {
  normal: { value: 2, unit: 'day' },
  urgent: { value: 4, unit: 'hour' },
  critical: { value: 1.5, unit: 'hour' },
};

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  await seedCategories(db);
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  worker = await loginAs(
    app,
    await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code),
  );
});

const post = (payload: object, cookie = admin) =>
  app.inject({ method: 'POST', url: '/api/categories', headers: { cookie }, payload });
const patch = (code: string, payload: object, cookie = admin) =>
  app.inject({ method: 'PATCH', url: `/api/categories/${code}`, headers: { cookie }, payload });

describe('reading the taxonomy', () => {
  it('lets anyone, logged in or not, list the active categories and read one', async () => {
    const res = await app.inject({ url: '/api/categories' });
    expect(res.statusCode).toBe(200);
    const list: { code: string; active: boolean }[] = res.json().data;
    expect(list.length).toBeGreaterThanOrEqual(72);
    expect(list.every((c) => c.active)).toBe(true);
    const one = await app.inject({ url: '/api/categories/04.04' });
    expect(one.json().data).toMatchObject({
      nameZh: '占用消防通道',
      gbCode: '09012',
      limits: { normal: { value: 1, unit: 'hour' } },
      questions: [{ code: 'plate', required: true }],
    });
    expect((await app.inject({ url: '/api/categories/98.98' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/categories/1.1' })).statusCode).toBe(400);
  });

  it('shows inactive categories only to administrators who ask for all', async () => {
    expect((await app.inject({ url: '/api/categories?all=true' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/categories?all=true', headers: { cookie: worker } })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: '/api/categories?all=true', headers: { cookie: admin } })).statusCode,
    ).toBe(200);
  });
});

describe('administering the taxonomy', () => {
  it('creates a sub-category with the next free code and the parent’s bucket and owner type, audited', async () => {
    const res = await post({
      parentCode,
      nameZh: '测试类别',
      nameEn: 'Test category',
      limits,
      questions: [
        {
          code: 'size',
          labelZh: '大小',
          labelEn: 'Size',
          type: 'single',
          required: true,
          options: [
            { value: 's', labelZh: '小', labelEn: 'Small' },
            { value: 'l', labelZh: '大', labelEn: 'Large' },
          ],
        },
      ],
      keywords: ['测试'],
      inspectionPoints: ['小区'],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json().data;
    const parent = (await app.inject({ url: `/api/categories/${parentCode}` })).json().data;
    expect(created).toMatchObject({
      parentCode,
      bucket: parent.bucket,
      ownerUnitType: parent.ownerUnitType,
      limits,
      duplicateRadiusM: 50,
      active: true,
      keywords: ['测试'],
      inspectionPoints: ['小区'],
    });
    expect(created.code).toMatch(new RegExp(`^${parentCode}\\.[0-9]{2}$`));
    const audit = await rows<{ action: string; scopeCode: string; after: { code: string } }>(
      db,
      sql`select action, scope_code as "scopeCode", after from audit_log
          where entity = 'category' and entity_id = ${created.code} order by id`,
    );
    expect(audit.at(-1)).toMatchObject({ action: 'category.create', scopeCode: t.district.code });
    expect(audit.at(-1)!.after.code).toBe(created.code);
    const again = await post({ parentCode, code: created.code, nameZh: '重复', nameEn: 'Again', limits });
    expect(again.statusCode).toBe(409);
  });

  it('gives the lowest free code once the last one, 99, is taken', async () => {
    const last = await post({ parentCode, code: `${parentCode}.99`, nameZh: '末位', nameEn: 'Last', limits });
    expect([201, 409]).toContain(last.statusCode); // another run on the shared database may hold it already
    const res = await post({ parentCode, nameZh: '补位', nameEn: 'Gap', limits });
    expect(res.statusCode).toBe(201);
    const taken = await rows<{ code: string }>(
      db,
      sql`select code from categories where parent_code = ${parentCode} and code < ${res.json().data.code}`,
    );
    expect(taken.length).toBe(Number(res.json().data.code.slice(3)) - 1);
  });

  it('changes names, limits, questions and activity; deactivated categories leave the public list', async () => {
    const { code } = (
      await post({ parentCode, nameZh: '待改类别', nameEn: 'To change', limits, gbCode: '99001' })
    ).json().data;
    const res = await patch(code, {
      nameEn: 'Changed',
      gbCode: null,
      limits: { ...limits, normal: { value: 3, unit: 'day' } },
      duplicateRadiusM: 120,
      active: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      nameZh: '待改类别',
      nameEn: 'Changed',
      gbCode: null,
      limits: { normal: { value: 3, unit: 'day' } },
      duplicateRadiusM: 120,
      active: false,
    });
    const publicList = (await app.inject({ url: '/api/categories' })).json().data as { code: string }[];
    expect(publicList.some((c) => c.code === code)).toBe(false);
    const all = (await app.inject({ url: '/api/categories?all=true', headers: { cookie: admin } })).json()
      .data;
    expect(all.some((c: { code: string }) => c.code === code)).toBe(true);
    const [audit] = await rows<{ before: { active: boolean }; after: { active: boolean } }>(
      db,
      sql`select before, after from audit_log where entity = 'category' and entity_id = ${code}
          and action = 'category.update'`,
    );
    expect(audit).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('refuses bad limits, contradictory questions, unknown parents and foreign codes with 400', async () => {
    const bad = [
      { parentCode, nameZh: '坏', nameEn: 'Bad', limits: { ...limits, normal: { value: 2, unit: 'week' } } },
      { parentCode, nameZh: '坏', nameEn: 'Bad', limits: { ...limits, normal: { value: 1.5, unit: 'day' } } },
      { parentCode, nameZh: '坏', nameEn: 'Bad', limits: { ...limits, urgent: { value: 0, unit: 'hour' } } },
      { parentCode, nameZh: '坏', nameEn: 'Bad', limits: { normal: limits.normal } },
      { parentCode, nameZh: '', nameEn: 'Bad', limits },
      { parentCode: '01.01', nameZh: '坏', nameEn: 'Bad', limits },
      { parentCode, nameZh: '坏', nameEn: 'Bad', limits, inspectionPoints: ['月球'] },
      { parentCode, nameZh: '坏', nameEn: 'Bad', limits, colour: 'red' },
    ];
    for (const payload of bad) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const noOptions = await post({
      parentCode,
      nameZh: '坏',
      nameEn: 'Bad',
      limits,
      questions: [{ code: 'x', labelZh: '甲', labelEn: 'X', type: 'single', required: true }],
    });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().error.details).toEqual([
      { field: 'body/questions/0', message: 'a single question needs options' },
    ]);
    const unknownParent = await post({ parentCode: '96', nameZh: '坏', nameEn: 'Bad', limits });
    expect(unknownParent.json().error.code).toBe('CATEGORY_UNKNOWN');
    const foreign = await post({ parentCode: '01', code: '02.98', nameZh: '坏', nameEn: 'Bad', limits });
    expect(foreign.statusCode).toBe(400);
    expect((await patch('01.01', {})).statusCode).toBe(400);
    expect((await patch('96.96', { nameEn: 'Nothing' })).statusCode).toBe(404);
  });

  it('lets only administrators change the taxonomy', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/categories',
      payload: { parentCode, nameZh: '匿名', nameEn: 'Anonymous', limits },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await post({ parentCode, nameZh: '无权', nameEn: 'No', limits }, worker)).statusCode).toBe(403);
    expect((await patch('01.01', { nameEn: 'Hijacked' }, worker)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/categories/01.01' })).json().data.nameEn).not.toBe('Hijacked');
  });
});
