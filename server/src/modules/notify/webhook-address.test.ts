import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { notifyTestApp } from './test-fixtures.ts';

let db: Db;
let app: FastifyInstance;
let t: Tenant;
let admin: string;
let worker: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  // the production default: no allow-list
  ({ app } = await notifyTestApp(db));
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

afterAll(() => app.close());

const INTERNAL = [
  'http://127.0.0.1:9/hook',
  'http://localhost/hook',
  'http://[::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://2130706433/hook',
  'http://10.0.0.8/hook',
  'http://192.168.1.20/hook',
  'http://100.100.100.200/latest/meta-data/',
  'http://169.254.169.254/latest/meta-data/iam/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://0.0.0.0:3000/api/users',
];

describe('webhook destinations at registration', () => {
  it('refuses loopback, private, link-local, CGNAT and metadata addresses with WEBHOOK_ADDRESS_FORBIDDEN', async () => {
    for (const url of INTERNAL) {
      for (const [cookie, extra] of [
        [admin, { unitId: t.unitId, format: 'json' }],
        [worker, { format: 'wecom' }],
      ] as const) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/webhooks',
          headers: { cookie, 'accept-language': 'zh-CN' },
          payload: { url, ...extra },
        });
        expect([url, res.statusCode]).toEqual([url, 400]);
        expect(res.json().error).toMatchObject({
          code: 'WEBHOOK_ADDRESS_FORBIDDEN',
          message: expect.stringContaining('公网'),
        });
      }
    }
    const stored = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from webhooks where unit_id = ${t.unitId}`,
    );
    expect(stored!.n).toBe(0);
  });

  it('accepts a public address (nothing is sent at registration)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie: worker },
      payload: { url: 'https://1.1.1.1/robot/send?access_token=x', format: 'dingtalk' },
    });
    expect(res.statusCode).toBe(201);
  });
});
