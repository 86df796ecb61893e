import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, report, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createUserWith, gridCentre, loginAs } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { seedCategories } from '../categories/seed-categories.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let admin: string;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  await seedCategories(db);
  w = await caseWorld(app, db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
  );
});

const read = (cookie = admin) => app.inject({ url: '/api/settings/workflow', headers: { cookie } });
const patch = (payload: object, cookie = admin, lang = 'zh-CN') =>
  app.inject({
    method: 'PATCH',
    url: '/api/settings/workflow',
    headers: { cookie, 'accept-language': lang },
    payload,
  });

describe('workflow settings', () => {
  it('shows every setting to administrators only', async () => {
    const res = await read();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      stageLimits: { accept: { unit: 'hour' }, check: {}, report_in: {} },
      ratingWindowDays: expect.any(Number),
      duplicateWindowDays: expect.any(Number),
    });
    expect((await read(w.dispatcher)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/settings/workflow' })).statusCode).toBe(401);
    expect((await patch({ ratingWindowDays: 7 }, w.dispatcher)).statusCode).toBe(403);
  });

  it('refuses values out of bounds in the caller’s language and changes nothing', async () => {
    const before = (await read()).json().data;
    const zero = await patch({ ratingWindowDays: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const half = await patch(
      { stageLimits: { ...before.stageLimits, check: { value: 0.5, unit: 'day' } } },
      admin,
      'en-US',
    );
    expect(half.statusCode).toBe(400);
    expect(half.json().error.message).toMatch(/^[\x20-\x7e]+$/);
    expect((await patch({ nothing: 1 })).statusCode).toBe(400);
    expect((await read()).json().data).toEqual(before);
  });

  it('widens the duplicate window: an older open case nearby is suggested again, and the change is audited', async () => {
    const reported = await report(app, w, null, { description: '路灯不亮十天了' });
    expect(reported.statusCode).toBe(201);
    const id: number = reported.json().data.id;
    await db.execute(sql`update cases set reported_at = now() - interval '10 days' where id = ${id}`);
    const at = gridCentre(w.t, 0);
    const suggested = async () =>
      (
        await app.inject({
          url: `/api/cases/duplicates?category=${STREETLIGHT}&lat=${at.lat}&lng=${at.lng}`,
          headers: { cookie: w.dispatcher },
        })
      ).json().data as { summary: string }[];
    const mine = (list: { summary: string }[]) => list.some((d) => d.summary === '路灯不亮十天了');
    try {
      await patch({ duplicateWindowDays: 7 });
      expect(mine(await suggested())).toBe(false);
      const res = await patch({ duplicateWindowDays: 14 });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.duplicateWindowDays).toBe(14);
      expect(mine(await suggested())).toBe(true);
    } finally {
      await patch({ duplicateWindowDays: 7 });
    }
    const audit = await app.inject({ url: '/api/audit?entity=setting&limit=5', headers: { cookie: admin } });
    const entries: { action: string; after: { duplicateWindowDays: number } }[] = audit.json().data;
    expect(entries.some((e) => e.action === 'settings.update')).toBe(true);
  });
});
