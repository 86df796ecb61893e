import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import {
  createTenant,
  createUserWith,
  loginAs,
  type Tenant,
  type TestUser,
} from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { notifyCaseEvent } from './emit.ts';
import type { LiveHub } from './live-hub.ts';
import { addCaseEvent, createTestCase, notifyTestApp } from './test-fixtures.ts';

let db: Db;
let app: FastifyInstance;
let hub: LiveHub;
let t: Tenant;
let alice: TestUser;
let bob: TestUser;
let aliceCookie: string;
let bobCookie: string;

/** Writes one notification of a fresh event for each given user; returns the event id. */
async function notify(userIds: string[], body = '测试通知'): Promise<number> {
  const c = await createTestCase(db, t);
  const eventId = await addCaseEvent(db, c.id, 'comment', 'dispatched');
  await db.transaction((tx) =>
    notifyCaseEvent(tx, {
      caseId: c.id,
      eventId,
      action: 'comment',
      toState: 'dispatched',
      actorId: null,
      body,
      recipients: userIds,
    }),
  );
  return eventId;
}

async function idOf(userId: string, eventId: number): Promise<number> {
  const row = await one<{ id: number }>(
    db,
    sql`select id from notifications where user_id = ${userId} and event_id = ${eventId}`,
  );
  return row!.id;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  ({ app, hub } = await notifyTestApp(db, { live: { pollMs: 50, heartbeatMs: 150 } }));
  t = await createTenant(db);
  alice = await createUserWith(db, 'grid_worker', { orgNodeId: t.grids[0]!.id }, t.grids[0]!.code);
  bob = await createUserWith(db, 'unit_handler', { unitId: t.unitId }, t.district.code);
  aliceCookie = await loginAs(app, alice);
  bobCookie = await loginAs(app, bob);
});

afterAll(() => app.close());

describe('the inbox', () => {
  it('pages one’s own notifications newest first with an unread count, and marks them read', async () => {
    const e1 = await notify([alice.id], '一');
    await notify([alice.id, bob.id], '二');
    await notify([alice.id], '三');
    const first = await app.inject({ url: '/api/notifications?limit=2', headers: { cookie: aliceCookie } });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.data.map((n: { body: string }) => n.body)).toEqual(['三', '二']);
    expect(page1.unreadCount).toBe(3);
    expect(page1.nextCursor).toBe(page1.data[1].id);
    const page2 = (
      await app.inject({
        url: `/api/notifications?limit=2&before=${page1.nextCursor}`,
        headers: { cookie: aliceCookie },
      })
    ).json();
    expect(page2.data.map((n: { body: string }) => n.body)).toEqual(['一']);
    expect(page2.nextCursor).toBeNull();

    const oldest = await idOf(alice.id, e1);
    const read = await app.inject({
      method: 'POST',
      url: `/api/notifications/${oldest}/read`,
      headers: { cookie: aliceCookie },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().data.readAt).not.toBeNull();
    const unread = (
      await app.inject({ url: '/api/notifications?unread=true', headers: { cookie: aliceCookie } })
    ).json();
    expect(unread.data.map((n: { body: string }) => n.body)).toEqual(['三', '二']);
    expect(unread.unreadCount).toBe(2);

    const all = await app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: aliceCookie },
    });
    expect(all.json().data.updated).toBe(2);
    const after = (await app.inject({ url: '/api/notifications', headers: { cookie: aliceCookie } })).json();
    expect(after.unreadCount).toBe(0);
    // bob's copy of 二 is still unread: marking is per user
    expect(
      (await app.inject({ url: '/api/notifications', headers: { cookie: bobCookie } })).json().unreadCount,
    ).toBe(1);
  });

  it('answers 404 when someone marks another user’s notification read, and 401 without login', async () => {
    const e = await notify([bob.id]);
    const bobs = await idOf(bob.id, e);
    const res = await app.inject({
      method: 'POST',
      url: `/api/notifications/${bobs}/read`,
      headers: { cookie: aliceCookie },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const row = await one<{ readAt: Date | null }>(
      db,
      sql`select read_at as "readAt" from notifications where id = ${bobs}`,
    );
    expect(row!.readAt).toBeNull();
    expect((await app.inject({ url: '/api/notifications' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/notifications/stream' })).statusCode).toBe(401);
  });
});

/** Reads an event stream until `done` says enough arrived (or fails after a timeout). */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  state: { text: string },
  done: (text: string) => boolean,
): Promise<void> {
  const decoder = new TextDecoder();
  const deadline = Date.now() + 10_000;
  while (!done(state.text)) {
    if (Date.now() > deadline) throw new Error(`stream timed out; got: ${state.text}`);
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`stream ended; got: ${state.text}`);
    state.text += decoder.decode(chunk.value, { stream: true });
  }
}

const eventsIn = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.includes('event: notification'))
    .map((block) => ({
      id: Number(/^id: (\d+)$/m.exec(block)![1]),
      data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { id: number; body: string },
    }));

describe('the live stream', () => {
  let base: string;
  beforeAll(async () => {
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('streams the caller’s new notifications with heartbeats, resumes after Last-Event-ID, and cleans up', async () => {
    const ac = new AbortController();
    const res = await fetch(`${base}/api/notifications/stream`, {
      headers: { cookie: aliceCookie },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const state = { text: '' };
    await readUntil(reader, state, (s) => s.includes(': connected'));
    expect(hub.size).toBe(1);

    await notify([bob.id], '给别人');
    await notify([alice.id], '实时一');
    await notify([alice.id], '实时二');
    await readUntil(reader, state, (s) => eventsIn(s).length >= 2 && s.includes(': heartbeat'));
    const events = eventsIn(state.text);
    expect(events.map((e) => e.data.body)).toEqual(['实时一', '实时二']);
    expect(events[0]!.id).toBe(events[0]!.data.id);
    ac.abort();
    await reader.cancel().catch(() => undefined);
    for (let i = 0; i < 100 && hub.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(hub.size).toBe(0);

    // a reconnect with Last-Event-ID gets what it missed at once
    await notify([alice.id], '断线期间');
    const again = new AbortController();
    const resumed = await fetch(`${base}/api/notifications/stream`, {
      headers: { cookie: aliceCookie, 'last-event-id': String(events[1]!.id) },
      signal: again.signal,
    });
    const state2 = { text: '' };
    const reader2 = resumed.body!.getReader();
    await readUntil(reader2, state2, (s) => eventsIn(s).length >= 1);
    expect(eventsIn(state2.text).map((e) => e.data.body)).toEqual(['断线期间']);
    again.abort();
    await reader2.cancel().catch(() => undefined);
  });
});

describe('shutdown', () => {
  it('ends open streams when the server closes, so a shutdown does not wait for them', async () => {
    const other = await notifyTestApp(db);
    const url = await other.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/api/notifications/stream`, { headers: { cookie: aliceCookie } });
    const reader = res.body!.getReader();
    await readUntil(reader, { text: '' }, (s) => s.includes(': connected'));
    const started = Date.now();
    await other.app.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    let ended = false;
    for (let i = 0; i < 10 && !ended; i++) ended = (await reader.read()).done;
    expect(ended).toBe(true);
  });
});
