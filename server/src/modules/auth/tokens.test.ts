import type { Role } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let other: Tenant;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
  other = await createTenant(db);
});

const userAs = async (role: Role, tenant = t, node = tenant.district.id) =>
  loginAs(
    app,
    await createUserWith(db, role, role === 'resident' ? {} : { orgNodeId: node }, tenant.district.code),
  );

const mint = (cookie: string, payload: object = { name: '12345 热线对接' }) =>
  app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie }, payload });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (headers: Record<string, string>) => app.inject({ url: '/api/auth/me', headers });
const list = async (cookie: string) =>
  (await app.inject({ url: '/api/auth/tokens', headers: { cookie } })).json().data as {
    id: string;
    name: string;
    expiresAt: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];

describe('bearer tokens', () => {
  it('are minted only by administrators, dispatchers and integration accounts', async () => {
    for (const role of ['district_admin', 'dispatcher', 'integration'] as const) {
      expect([role, (await mint(await userAs(role))).statusCode]).toEqual([role, 201]);
    }
    const refused: [Role, number][] = [
      ['street_staff', t.streets[0]!.id],
      ['grid_worker', t.grids[0]!.id],
      ['leader', t.district.id],
      ['volunteer', t.communities[0]!.id],
      ['resident', 0],
    ];
    for (const [role, node] of refused) {
      const res = await mint(await userAs(role, t, node));
      expect([role, res.statusCode]).toEqual([role, 403]);
    }
  });

  it('expire after 90 days by default, never later than API_TOKEN_DAYS, and stop working when expired', async () => {
    const cookie = await userAs('integration');
    const res = await mint(cookie);
    const { id, token, expiresAt } = res.json().data;
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const tooLong = await mint(cookie, { name: 'x', days: 365 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].field).toBe('body/days');
    expect((await mint(cookie, { name: 'short', days: 7 })).statusCode).toBe(201);

    expect((await me(bearer(token))).statusCode).toBe(200);
    await db.execute(sql`update sessions set expires_at = now() - interval '1 second' where id = ${id}`);
    expect((await me(bearer(token))).statusCode).toBe(401);
  });

  it('cannot mint a successor from a bearer token', async () => {
    const { token } = (await mint(await userAs('dispatcher'))).json().data;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: bearer(token),
      payload: { name: 'next' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('are listed to their owner with when they were last used, and revoked by the owner at once', async () => {
    const cookie = await userAs('integration');
    const { id, token } = (await mint(cookie, { name: '传感器网关' })).json().data;
    expect(await list(cookie)).toEqual([
      expect.objectContaining({ id, name: '传感器网关', lastUsedAt: null, revokedAt: null }),
    ]);
    expect(JSON.stringify(await list(cookie))).not.toContain(token);
    await me(bearer(token));
    // the last use is written in the background
    await expect.poll(async () => (await list(cookie))[0]!.lastUsedAt).not.toBeNull();

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      headers: { cookie },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().data.revokedAt).not.toBeNull();
    expect((await me(bearer(token))).statusCode).toBe(401);
    const audit = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where entity = 'session' and entity_id = ${id} and action = 'token.revoke'`,
    );
    expect(audit!.n).toBe(1);
  });

  it('are revoked by an administrator of the owner, and invisible to anyone else', async () => {
    const owner = await userAs('dispatcher');
    const { id, token } = (await mint(owner)).json().data;
    const stranger = await userAs('dispatcher');
    const otherAdmin = await userAs('district_admin', other);
    for (const cookie of [stranger, otherAdmin]) {
      expect((await list(cookie)).map((x) => x.id)).not.toContain(id);
      const res = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: { cookie } });
      expect(res.statusCode).toBe(404);
    }
    expect((await me(bearer(token))).statusCode).toBe(200);
    const admin = await userAs('district_admin');
    expect((await list(admin)).map((x) => x.id)).toContain(id);
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(bearer(token))).statusCode).toBe(401);
  });
});
