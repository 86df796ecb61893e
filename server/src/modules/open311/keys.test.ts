import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, rows } from '../../infra/db.ts';
import { form, open311App } from './test-helpers.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;
let admin: string;
let dispatcher: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await open311App(db);
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  dispatcher = await loginAs(
    app,
    await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code),
  );
});
afterAll(() => app.close());

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie?: string, payload?: object) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

/** A street-light POST with a key; returns the status. */
async function postWith(key: string): Promise<number> {
  const at = gridCentre(t, 2);
  const res = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ api_key: key, service_code: '05.02', lat: String(at.lat), long: String(at.lng) }),
  });
  return res.statusCode;
}

describe('Open311 API keys', () => {
  it('shows a new key once, stores only its hash, and lists it without the key', async () => {
    const res = await call('POST', '/api/open311/keys', admin, { name: '市民通 App' });
    expect(res.statusCode).toBe(201);
    const created = res.json().data;
    expect(created).toMatchObject({ name: '市民通 App', revokedAt: null });
    expect(created.key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    const row = (
      await rows<{ keyHash: string }>(
        db,
        sql`select key_hash as "keyHash" from open311_keys where id = ${created.id}`,
      )
    )[0]!;
    expect(row.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    const list = await call('GET', '/api/open311/keys', admin);
    expect(list.statusCode).toBe(200);
    const listed = list.json().data.find((k: { id: number }) => k.id === created.id);
    expect(listed).toMatchObject({ name: '市民通 App', revokedAt: null });
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(list.json())).not.toContain(created.key);
    expect(await postWith(created.key)).toBe(201);
  });

  it('revokes a key so POSTs with it get 403, audited both ways', async () => {
    const created = (await call('POST', '/api/open311/keys', admin, { name: '待撤销' })).json().data;
    expect(await postWith(created.key)).toBe(201);
    const revoked = await call('DELETE', `/api/open311/keys/${created.id}`, admin);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().data.revokedAt).toBeTruthy();
    expect(await postWith(created.key)).toBe(403);
    const again = await call('DELETE', `/api/open311/keys/${created.id}`, admin);
    expect(again.statusCode).toBe(200);
    expect(again.json().data.revokedAt).toBe(revoked.json().data.revokedAt);
    const audit = await rows<{ action: string; after: Record<string, unknown> }>(
      db,
      sql`select action, after from audit_log where entity = 'open311_key' and entity_id = ${String(created.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['open311_key.create', 'open311_key.revoke']);
    expect(JSON.stringify(audit)).not.toContain(created.key);
  });

  it('is for administrators only: 401 anonymous, 403 for other staff, 404 for an unknown key', async () => {
    expect((await call('GET', '/api/open311/keys')).statusCode).toBe(401);
    expect((await call('GET', '/api/open311/keys', dispatcher)).statusCode).toBe(403);
    expect((await call('POST', '/api/open311/keys', dispatcher, { name: 'x' })).statusCode).toBe(403);
    expect((await call('DELETE', '/api/open311/keys/1', dispatcher)).statusCode).toBe(403);
    expect((await call('DELETE', '/api/open311/keys/999999999', admin)).statusCode).toBe(404);
    const blank = await call('POST', '/api/open311/keys', admin, { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps each district’s keys to its own administrators: listed, revoked and audited there only', async () => {
    const other = await createTenant(db);
    const otherAdmin = await loginAs(
      app,
      await createUserWith(db, 'district_admin', { orgNodeId: other.district.id }, other.district.code),
    );
    const mine = (await call('POST', '/api/open311/keys', admin, { name: '本区密钥' })).json().data;
    expect(mine.scopeCode).toBe(t.district.code);
    const theirs = (await call('POST', '/api/open311/keys', otherAdmin, { name: '他区密钥' })).json().data;
    const ids = (cookie: string) =>
      call('GET', '/api/open311/keys', cookie).then((r) => r.json().data.map((k: { id: number }) => k.id));
    expect(await ids(admin)).toContain(mine.id);
    expect(await ids(admin)).not.toContain(theirs.id);
    expect(await ids(otherAdmin)).not.toContain(mine.id);
    // another district's key answers as a missing one and stays valid
    expect((await call('DELETE', `/api/open311/keys/${theirs.id}`, admin)).statusCode).toBe(404);
    expect(await postWith(theirs.key)).toBe(201);
    const audit = await rows<{ scopeCode: string }>(
      db,
      sql`select scope_code as "scopeCode" from audit_log where entity = 'open311_key' and entity_id = ${String(mine.id)}`,
    );
    expect(audit).toEqual([{ scopeCode: t.district.code }]);
  });
});
