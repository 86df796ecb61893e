import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { notifyCaseEvent } from './emit.ts';
import { addCaseEvent, createTestCase, notifyTestApp } from './test-fixtures.ts';

let db: Db;
let app: FastifyInstance;
let t: Tenant;
let admin: string;
let worker: string;
let workerId: string;
let handler: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  // the hooks here point at 127.0.0.1, which only the operator's allow-list opens
  ({ app } = await notifyTestApp(db, { config: { webhookAllowHosts: ['127.0.0.1'] } }));
  t = await createTenant(db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code),
  );
  const w = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code);
  workerId = w.id;
  worker = await loginAs(app, w);
  handler = await loginAs(
    app,
    await createUserWith(db, 'unit_handler', { unitId: t.unitId }, t.district.code),
  );
});

afterAll(() => app.close());

const post = (cookie: string, payload: object) =>
  app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie }, payload });

describe('webhook registration', () => {
  it('lets staff register a personal robot hook, shows no secret again, and keeps it private to them', async () => {
    const res = await post(worker, {
      url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=abc',
      format: 'wecom',
      actions: ['dispatch'],
    });
    expect(res.statusCode).toBe(201);
    const hook = res.json().data;
    expect(hook).toMatchObject({
      url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=abc',
      format: 'wecom',
      actions: ['dispatch'],
      unitId: null,
      orgCode: null,
      hasSecret: false,
    });
    const mine = (await app.inject({ url: '/api/webhooks', headers: { cookie: worker } })).json().data;
    expect(mine.map((h: { id: number }) => h.id)).toEqual([hook.id]);
    expect(mine[0].secret).toBeUndefined();
    const theirs = (await app.inject({ url: '/api/webhooks', headers: { cookie: admin } })).json().data;
    expect(theirs.map((h: { id: number }) => h.id)).not.toContain(hook.id);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/webhooks/${hook.id}`,
      headers: { cookie: handler },
    });
    expect(del.statusCode).toBe(404);
    const audit = await one<{ after: { url: string } }>(
      db,
      sql`select after from audit_log where entity = 'webhook' and entity_id = ${String(hook.id)} and action = 'webhook.create'`,
    );
    expect(audit!.after.url).toBe('http://127.0.0.1:9/cgi-bin/webhook/send?key=abc');
  });

  it('refuses personal hooks to anything but a chat robot, and to residents and volunteers at all', async () => {
    const json = await post(worker, { url: 'http://127.0.0.1:9/hook', format: 'json' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('WEBHOOK_ROBOT_ONLY');
    const resident = await loginAs(app, await createUserWith(db, 'resident', {}, t.district.code));
    const volunteer = await loginAs(
      app,
      await createUserWith(db, 'volunteer', { orgNodeId: t.communities[0]!.id }, t.district.code),
    );
    for (const cookie of [resident, volunteer]) {
      const res = await post(cookie, { url: 'http://127.0.0.1:9/robot', format: 'dingtalk' });
      expect(res.statusCode).toBe(403);
      expect((await app.inject({ url: '/api/webhooks', headers: { cookie } })).json().data).toEqual([]);
    }
    const json2 = await post(admin, { url: 'http://127.0.0.1:9/hook', format: 'json' });
    expect(json2.json().error.code).toBe('WEBHOOK_ROBOT_ONLY');
  });

  it('refuses URLs that are not http(s) with WEBHOOK_URL_INVALID', async () => {
    for (const url of ['ftp://example.org/x', 'not a url', 'javascript:alert(1)']) {
      const res = await post(worker, { url, format: 'wecom' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('WEBHOOK_URL_INVALID');
    }
    expect((await post(worker, { url: 'http://127.0.0.1:9/x', format: 'xml' })).statusCode).toBe(400);
    const credentials = await post(worker, { url: 'http://user:pw@127.0.0.1:9/x', format: 'wecom' });
    expect(credentials.json().error.code).toBe('WEBHOOK_URL_INVALID');
  });

  it('lets only administrators register hooks for an area or a unit', async () => {
    const street = t.streets[0]!.code;
    expect(
      (await post(worker, { url: 'http://127.0.0.1:9/x', format: 'wecom', orgCode: t.grids[0]!.code }))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(worker, { url: 'http://127.0.0.1:9/x', format: 'wecom', orgCode: street })).statusCode,
    ).toBe(404);
    expect(
      (await post(handler, { url: 'http://127.0.0.1:9/x', format: 'wecom', unitId: t.unitId })).statusCode,
    ).toBe(403);
    const area = await post(admin, { url: 'http://127.0.0.1:9/wecom', format: 'wecom', orgCode: street });
    expect(area.statusCode).toBe(201);
    expect(area.json().data).toMatchObject({ orgCode: street, hasSecret: false });
    const unit = await post(admin, {
      url: 'http://127.0.0.1:9/robot/send?access_token=x',
      format: 'dingtalk',
      unitId: t.unitId,
      secret: 'SECabc',
    });
    expect(unit.statusCode).toBe(201);
    expect(
      (await post(admin, { url: 'http://127.0.0.1:9/x', format: 'json', orgCode: '999999999999' }))
        .statusCode,
    ).toBe(404);
    const listed = (await app.inject({ url: '/api/webhooks', headers: { cookie: admin } })).json().data;
    expect(listed.map((h: { id: number }) => h.id)).toEqual([unit.json().data.id, area.json().data.id]);
    const seenByWorker = (await app.inject({ url: '/api/webhooks', headers: { cookie: worker } })).json()
      .data;
    expect(seenByWorker.map((h: { id: number }) => h.id)).not.toContain(area.json().data.id);
  });

  it('lists a hook’s deliveries to its managers and deletes it with its history', async () => {
    const created = (
      await post(admin, { url: 'http://127.0.0.1:9/unit', format: 'json', unitId: t.unitId })
    ).json().data;
    const c = await createTestCase(db, t);
    const eventId = await addCaseEvent(db, c.id, 'dispatch', 'dispatched');
    await db.transaction((tx) =>
      notifyCaseEvent(tx, {
        caseId: c.id,
        eventId,
        action: 'dispatch',
        toState: 'dispatched',
        actorId: workerId,
      }),
    );
    const deliveries = await app.inject({
      url: `/api/webhooks/${created.id}/deliveries`,
      headers: { cookie: admin },
    });
    expect(deliveries.statusCode).toBe(200);
    expect(deliveries.json().data).toMatchObject([
      { eventId, caseId: c.id, action: 'dispatch', status: 'pending', attempt: 0 },
    ]);
    expect(
      (await app.inject({ url: `/api/webhooks/${created.id}/deliveries`, headers: { cookie: worker } }))
        .statusCode,
    ).toBe(404);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/webhooks/${created.id}`,
      headers: { cookie: admin },
    });
    expect(del.statusCode).toBe(204);
    const left = await rows(db, sql`select id from webhook_deliveries where webhook_id = ${created.id}`);
    expect(left).toHaveLength(0);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/webhooks/${created.id}`, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(404);
  });
});
