import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, type Tenant, type TestUser } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { findPublicEvent } from '../cases/public-queries.ts';
import { notifyCaseEvent } from './emit.ts';
import { publicEventSummary } from './messages.ts';
import { addCaseEvent, createTestCase, follow } from './test-fixtures.ts';

let db: Db;
let t: Tenant;
let handler: TestUser;
let otherHandler: TestUser;
let dispatcher: TestUser;
let streetStaff: TestUser;
let otherStreetStaff: TestUser;
let gridWorker: TestUser;

/** Fires an event on the case the way the workflow commands do (recordCaseEvent), in a transaction. */
async function fire(
  caseId: number,
  action: string,
  actorId: string | null,
  recipients?: string[],
  reason: string | null = null,
) {
  const eventId = await addCaseEvent(db, caseId, action, 'dispatched', actorId, reason);
  const shown = await findPublicEvent(db, eventId);
  const notified = await db.transaction((tx) =>
    notifyCaseEvent(tx, {
      caseId,
      eventId,
      action,
      toState: 'dispatched',
      actorId,
      publicBody: shown ? publicEventSummary(shown) : null,
      recipients,
    }),
  );
  return { eventId, notified };
}

async function hook(w: {
  owner?: string;
  unitId?: number;
  orgCode?: string;
  actions?: string[];
  active?: boolean;
}) {
  const row = await one<{ id: number }>(
    db,
    sql`insert into webhooks (owner_user_id, unit_id, org_code, url, secret, actions, active)
        values (${w.owner ?? null}::uuid, ${w.unitId ?? null}::integer, ${w.orgCode ?? null}, 'http://127.0.0.1:9/x', 's',
          array(select jsonb_array_elements_text(${JSON.stringify(w.actions ?? [])}::jsonb)), ${w.active ?? true})
        returning id`,
  );
  return row!.id;
}

async function hooksQueuedFor(eventId: number): Promise<number[]> {
  const list = await rows<{ webhookId: number }>(
    db,
    sql`select webhook_id as "webhookId" from webhook_deliveries where event_id = ${eventId} order by webhook_id`,
  );
  return list.map((r) => r.webhookId);
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const other = await one<{ id: number }>(
    db,
    sql`insert into units (district_id, code, name, type) values (${t.district.id}, ${`O${randomBytes(5).toString('hex')}`}, '另一单位', 'department') returning id`,
  );
  handler = await createUserWith(db, 'unit_handler', { unitId: t.unitId }, t.district.code);
  otherHandler = await createUserWith(db, 'unit_handler', { unitId: other!.id }, t.district.code);
  dispatcher = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
  streetStaff = await createUserWith(db, 'street_staff', { orgNodeId: t.streets[0]!.id }, t.streets[0]!.code);
  otherStreetStaff = await createUserWith(
    db,
    'street_staff',
    { orgNodeId: t.streets[1]!.id },
    t.streets[1]!.code,
  );
  gridWorker = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code);
});

describe('who hears about a case event', () => {
  it('tells the holding unit’s handlers and the followers about a dispatch, never the actor', async () => {
    const c = await createTestCase(db, t, { grid: 0 });
    await follow(db, c.id, gridWorker.id);
    await follow(db, c.id, dispatcher.id);
    const { notified, eventId } = await fire(c.id, 'dispatch', dispatcher.id);
    expect(new Set(notified)).toEqual(new Set([handler.id, gridWorker.id]));
    const inbox = await rows<{ userId: string; kind: string; body: string; eventId: number }>(
      db,
      sql`select user_id as "userId", kind, body, event_id as "eventId" from notifications where case_id = ${c.id}`,
    );
    expect(inbox).toHaveLength(2);
    expect(inbox.every((n) => n.kind === 'dispatch' && n.eventId === eventId)).toBe(true);
    expect(inbox[0]!.body).toBe('派遣 · 当前状态：处置中');
    expect(notified).not.toContain(otherHandler.id);
    expect(notified).not.toContain(streetStaff.id);
  });

  it('tells dispatchers and the street covering the case about a new report, not other streets or units', async () => {
    const c = await createTestCase(db, t, { grid: 1 });
    const { notified } = await fire(c.id, 'report', null);
    expect(notified).toContain(dispatcher.id);
    expect(notified).toContain(streetStaff.id);
    expect(notified).not.toContain(otherStreetStaff.id);
    expect(notified).not.toContain(handler.id);
    expect(notified).not.toContain(gridWorker.id);
  });

  it('adds explicit recipients but skips disabled accounts and actions with no default audience', async () => {
    const c = await createTestCase(db, t, { grid: 0 });
    const disabled = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code);
    await db.execute(sql`update users set disabled = true where id = ${disabled.id}`);
    const { notified } = await fire(c.id, 'sign', handler.id, [gridWorker.id, disabled.id, handler.id]);
    expect(notified).toEqual([gridWorker.id]);
  });

  it('sends nothing to a unit handler when the case has no unit', async () => {
    const c = await createTestCase(db, t, { grid: 0, unitId: null });
    const { notified } = await fire(c.id, 'supervise', null);
    expect(notified).toEqual([]);
  });
});

describe('which webhooks get a delivery', () => {
  it('matches unit hooks, area hooks by code prefix and personal hooks of recipients, with action filters', async () => {
    const c = await createTestCase(db, t, { grid: 0 });
    const unitHook = await hook({ owner: dispatcher.id, unitId: t.unitId });
    const streetHook = await hook({ owner: dispatcher.id, orgCode: t.streets[0]!.code });
    const otherStreetHook = await hook({ owner: dispatcher.id, orgCode: t.streets[1]!.code });
    const handlerHook = await hook({ owner: handler.id });
    const strangerHook = await hook({ owner: otherHandler.id });
    const reportOnly = await hook({ owner: dispatcher.id, unitId: t.unitId, actions: ['report'] });
    const dispatchOnly = await hook({
      owner: dispatcher.id,
      unitId: t.unitId,
      actions: ['dispatch', 'close'],
    });
    const inactive = await hook({ owner: dispatcher.id, unitId: t.unitId, active: false });
    const { eventId } = await fire(c.id, 'dispatch', dispatcher.id);
    const queued = await hooksQueuedFor(eventId);
    expect(queued).toEqual([unitHook, streetHook, handlerHook, dispatchOnly].sort((a, b) => a - b));
    for (const id of [otherStreetHook, strangerHook, reportOnly, inactive]) expect(queued).not.toContain(id);
  });

  it('queues personal hooks only for public steps of public cases, and tells a resident follower nothing else', async () => {
    const resident = await createUserWith(db, 'resident', {}, t.district.code);
    const own = await hook({ owner: resident.id });
    const c = await createTestCase(db, t, { grid: 0 });
    await follow(db, c.id, resident.id);
    const internal = await fire(c.id, 'request_extension', handler.id, [], '材料未到');
    expect(internal.notified).not.toContain(resident.id);
    expect(await hooksQueuedFor(internal.eventId)).not.toContain(own);
    const pub = await fire(c.id, 'dispatch', dispatcher.id, [], '承包商电话 13900001111');
    expect(pub.notified).toContain(resident.id);
    expect(await hooksQueuedFor(pub.eventId)).toContain(own);
    const told = await one<{ title: string; body: string }>(
      db,
      sql`select title, body from notifications where user_id = ${resident.id} and event_id = ${pub.eventId}`,
    );
    expect(told).toEqual({ title: '测试小类', body: '已派发至责任单位 · 当前状态：处置中' });
    await db.execute(sql`update cases set source = 'undercover' where id = ${c.id}`);
    const secret = await fire(c.id, 'dispatch', dispatcher.id);
    expect(secret.notified).not.toContain(resident.id);
    expect(await hooksQueuedFor(secret.eventId)).not.toContain(own);
  });

  it('does not fire the actor’s own personal hook', async () => {
    const c = await createTestCase(db, t, { grid: 0 });
    const own = await hook({ owner: handler.id });
    const { eventId } = await fire(c.id, 'dispatch', handler.id);
    expect(await hooksQueuedFor(eventId)).not.toContain(own);
  });
});
