import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../test/factories.ts';
import { MAX_ROW_ID } from './row-id.ts';

let app: FastifyInstance;
let t: Tenant;
let resident: string;
let admin: string;

beforeAll(async () => {
  app = await testApp();
  const db = (await testDatabase()).db;
  t = await createTenant(db);
  resident = await loginAs(app, await createUserWith(db, 'resident', {}, t.district.code));
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
});
afterAll(() => app.close());

describe('row ids beyond what an integer column holds', () => {
  const tooLarge = String(MAX_ROW_ID + 1);

  it('are refused with 400 naming the field, where a resident got a 500', async () => {
    for (const [method, url] of [
      ['GET', `/api/cases/${tooLarge}`],
      ['GET', `/api/notifications?before=${tooLarge}`],
      ['POST', `/api/notifications/${tooLarge}/read`],
    ] as const) {
      const res = await app.inject({ method, url, headers: { cookie: resident, 'accept-language': 'en' } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details[0].message).toBe(`must be at most ${MAX_ROW_ID}`);
    }
  });

  it('are refused in staff routes and bodies alike, while the largest id is merely not found', async () => {
    const node = await app.inject({ url: `/api/org/nodes/${tooLarge}`, headers: { cookie: admin } });
    expect(node.statusCode).toBe(400);
    const unit = await app.inject({
      method: 'PATCH',
      url: `/api/units/${tooLarge}`,
      headers: { cookie: admin },
      payload: { name: '城管局' },
    });
    expect(unit.statusCode).toBe(400);
    const reported = await app.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { categoryCode: STREETLIGHT, description: '路灯不亮', location: gridCentre(t, 0) },
    });
    const dispatch = await app.inject({
      method: 'POST',
      url: `/api/cases/${reported.json().data.id}/actions/dispatch`,
      headers: { cookie: admin },
      payload: { unitId: MAX_ROW_ID + 1 },
    });
    expect(dispatch.statusCode).toBe(400);
    expect(dispatch.json().error.details).toEqual([{ field: 'body/unitId', message: expect.any(String) }]);
    expect(
      (await app.inject({ url: `/api/cases/${MAX_ROW_ID}`, headers: { cookie: resident } })).statusCode,
    ).toBe(404);
  });
});
