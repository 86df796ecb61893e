import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { appsWithSettings, testDatabase } from '../../../test/database.ts';
import { createUserWith, loginAs } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { staffMessage } from '../notify/delivery-message.ts';
import { buildRequest } from '../notify/webhook-request.ts';

const apps = appsWithSettings();
let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let admin: string;

beforeAll(async () => {
  // the hotline's receiver here is on 127.0.0.1, which only the operator's allow-list opens
  app = await apps.with({ webhookAllowHosts: ['127.0.0.1'] });
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
  admin = await loginAs(
    app,
    await createUserWith(db, 'district_admin', { orgNodeId: w.t.district.id }, w.t.district.code),
  );
});
afterAll(() => apps.closeAll());

const ticket = () => `GD${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const hotline = (
  ref: string | null,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  report(
    app,
    w,
    w.dispatcher,
    { source: 'hotline', externalRef: ref, reporterPhone: '13900001234', ...extra },
    { 'accept-language': 'zh-CN', ...headers },
  );
const countCases = async () =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from cases where org_code like ${`${w.t.district.code}%`}`,
  ))!.n;

describe('a 12345 case keeps its ticket number', () => {
  it('shows it on the case page, finds the case by it, and refuses a second case with the same ticket', async () => {
    const ref = ticket();
    const res = await hotline(ref);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().data.id as number;
    const page = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } });
    expect(page.json().data.externalRef).toBe(ref);
    const found = await app.inject({ url: `/api/cases?q=${ref}`, headers: { cookie: w.dispatcher } });
    expect(found.json().data.map((c: { id: number }) => c.id)).toEqual([id]);

    const before = await countCases();
    const again = await hotline(ref);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'TICKET_TAKEN' });
    expect(again.json().error.message).toContain('工单号');
    expect(await countCases()).toBe(before);
  });

  it('answers the hotline resending its ticket with the same key with the same case', async () => {
    const ref = ticket();
    const key = { 'idempotency-key': `hotline-${ref}` };
    const first = await hotline(ref, {}, key);
    expect(first.statusCode).toBe(201);
    const again = await hotline(ref, {}, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().data).toMatchObject({ id: first.json().data.id, replayed: true });
  });

  it('heals a ticket the first attempt did not record when the hotline resends it', async () => {
    // the ticket is written after the intake's transaction: a crash in between leaves the case without it
    const ref = ticket();
    const key = { 'idempotency-key': `hotline-${ref}` };
    const first = await hotline(ref, {}, key);
    const id = first.json().data.id as number;
    await db.execute(sql`delete from case_external_refs where case_id = ${id}`);
    const again = await hotline(ref, {}, key);
    expect(again.json().data).toMatchObject({ id, replayed: true });
    const page = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } });
    expect(page.json().data.externalRef).toBe(ref);
  });

  it('refuses a ticket number on a case from any other channel, and a malformed one', async () => {
    const before = await countCases();
    const resident = await report(app, w, null, { externalRef: ticket() }, { 'accept-language': 'zh-CN' });
    expect(resident.statusCode).toBe(400);
    expect(JSON.stringify(resident.json().error.details)).toContain('externalRef');
    const bad = await hotline('工单 1');
    expect(bad.statusCode).toBe(400);
    expect(await countCases()).toBe(before);
  });
});

describe('the result goes back to the hotline', () => {
  it('queues a hotline-format delivery for the results of ticketed cases only, signed, with the ticket', async () => {
    const hook = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie: admin },
      payload: { url: 'http://127.0.0.1:9/12345/result', format: 'hotline', orgCode: w.t.district.code },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const { id: hookId } = hook.json().data as { id: number };
    const secret = hook.json().data.secret as string;
    expect(secret).toBeTruthy();

    const ref = ticket();
    const id = (await hotline(ref)).json().data.id as number;
    const plain = (await report(app, w, w.dispatcher, { source: 'hotline' })).json().data.id as number;
    for (const c of [id, plain]) {
      await ok(app, w.dispatcher, c, 'file');
      await ok(app, w.dispatcher, c, 'dispatch', { unitId: w.t.unitId });
      await ok(app, w.unit, c, 'feedback', { note: '路灯已更换灯泡，恢复照明' });
      await ok(app, w.gridWorker, c, 'check_pass');
      await ok(app, w.dispatcher, c, 'close', { note: '已修复，市民满意' });
    }
    const queued = await rows<{ eventId: number; action: string; caseId: number }>(
      db,
      sql`select d.event_id as "eventId", e.action, e.case_id as "caseId"
          from webhook_deliveries d join case_events e on e.id = d.event_id where d.webhook_id = ${hookId}`,
    );
    // one delivery: the close of the ticketed case; not its other steps, nothing of the case without a ticket
    expect(queued.map((q) => [q.caseId, q.action])).toEqual([[id, 'close']]);

    const message = (await staffMessage(db, queued[0]!.eventId))!;
    const request = buildRequest({
      deliveryId: 1,
      eventId: queued[0]!.eventId,
      url: 'http://127.0.0.1:9/12345/result',
      format: 'hotline',
      secret,
      publicUrl: null,
      message,
    });
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ gdbh: ref, blzt: '办结', ajbh: id, zbdw: null });
    expect(body.blbm).toBeTruthy();
    expect(body.bjsj).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const ts = request.headers['x-civicgrid-timestamp']!;
    const expected = createHmac('sha256', secret).update(`${ts}.${request.body}`).digest('hex');
    expect(request.headers['x-civicgrid-signature']).toBe(`sha256=${expected}`);
  });

  it('binds a hotline-format hook to an area: a unit’s hook in that format is refused', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie: admin, 'accept-language': 'zh-CN' },
      payload: { url: 'http://127.0.0.1:9/12345/result', format: 'hotline', unitId: w.t.unitId },
    });
    expect(res.statusCode).toBe(400);
  });
});
