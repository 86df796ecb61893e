import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createUserWith, gridCentre, loginAs } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { type Db, one } from '../../infra/db.ts';
import type { ScreenPoint } from './present-screen-point.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;
let base: string;

beforeAll(async () => {
  const database = await testDatabase();
  db = database.db;
  app = await buildApp({ config: testConfig(), database, logger: false });
  await app.ready();
  w = await caseWorld(app, db);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(() => app.close());

type Point = Omit<ScreenPoint, 'at' | 'reportedAt'> & { at: string; reportedAt: string };

/** An open screen stream read as it arrives; `close` ends it. */
async function openScreen(cookie: string, query = '', headers: Record<string, string> = {}) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/screen/stream${query}`, {
    headers: { cookie, ...headers },
    signal: ac.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events = () =>
    text
      .split('\n\n')
      .filter((block) => block.includes('event: case'))
      .map((block) => ({
        id: Number(/^id: (\d+)$/m.exec(block)![1]),
        data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Point,
      }));
  // one read at a time: a read that lost a race against the clock still holds the next chunk
  let pending: ReturnType<typeof reader.read> | null = null;
  /** Reads until `done` holds (10 s at most). */
  const until = async (done: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`stream timed out; got: ${text}`);
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 500))]);
      if (chunk === null) continue;
      pending = null;
      if (chunk.done) throw new Error(`stream ended; got: ${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
  };
  await until(() => text.includes(': connected'));
  return {
    res,
    text: () => text,
    events,
    until,
    /** the events about one case */
    about: (id: number) => events().filter((e) => e.data.id === id),
    close: async () => {
      ac.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}

async function reportIn(grid: number, description = '路灯不亮，大屏测试'): Promise<number> {
  const res = await report(app, w, null, { location: gridCentre(w.t, grid), description });
  expect(res.statusCode).toBe(201);
  return res.json().data.id as number;
}

describe('the big screen’s live stream', () => {
  it('answers 401 without a login, and 403 to a caller who reads no cases as staff', async () => {
    expect((await app.inject({ url: '/api/screen/stream' })).statusCode).toBe(401);
    for (const cookie of [w.unit, w.resident]) {
      const res = await app.inject({ url: '/api/screen/stream', headers: { cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const volunteer = await createUserWith(
      db,
      'volunteer',
      { orgNodeId: w.t.communities[0]!.id },
      w.t.district.code,
    );
    const res = await app.inject({
      url: '/api/screen/stream',
      headers: { cookie: await loginAs(app, volunteer) },
    });
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for an area outside the caller’s grants, in the caller’s language, and 400 for a bad code', async () => {
    const otherStreet = w.t.streets[1]!.code;
    const res = await app.inject({
      url: `/api/screen/stream?org=${otherStreet}`,
      headers: { cookie: w.gridWorker, 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/[A-Za-z]/);
    const bad = await app.inject({ url: '/api/screen/stream?org=abc', headers: { cookie: w.leader } });
    expect(bad.statusCode).toBe(400);
  });

  it('sends a new case as an event with what the dashboard map shows of it, and nothing more', async () => {
    const screen = await openScreen(w.leader);
    expect(screen.res.status).toBe(200);
    expect(screen.res.headers.get('content-type')).toContain('text/event-stream');
    const id = await reportIn(0, '大屏测试：东门路灯不亮，电话13911112222');
    await screen.until(() => screen.about(id).length > 0);
    const [event] = screen.about(id);
    const centre = gridCentre(w.t, 0);
    expect(event!.data).toMatchObject({ id, state: 'reported', categoryCode: '05.02', action: 'report' });
    expect(event!.data.lng).toBeCloseTo(centre.lng, 6);
    expect(event!.data.lat).toBeCloseTo(centre.lat, 6);
    expect(['green', 'yellow', 'red', null]).toContain(event!.data.light);
    expect(Object.keys(event!.data).sort()).toEqual(
      ['action', 'at', 'categoryCode', 'id', 'lat', 'light', 'lng', 'reportedAt', 'state'].sort(),
    );
    // neither the description nor the phone in it, nor the tracking code
    expect(screen.text()).not.toContain('东门路灯');
    expect(screen.text()).not.toContain('13911112222');

    // a step on the case moves its point: the same case comes again in its new state
    await ok(app, w.dispatcher, id, 'file');
    await screen.until(() => screen.about(id).some((e) => e.data.state === 'filed'));
    const filed = screen.about(id).at(-1)!;
    expect(filed.data.action).toBe('file');
    expect(filed.id).toBeGreaterThan(event!.id);
    await screen.close();
  });

  it('sends only the cases of the caller’s grants and of the screen’s area', async () => {
    const gridWorker = await openScreen(w.gridWorker);
    const street2 = await openScreen(w.leader, `?org=${w.t.streets[1]!.code}`);
    const mine = await reportIn(0);
    const neighbour = await reportIn(1);
    const otherStreet = await reportIn(5);
    // one more report each streams does see: once it has come, every earlier event has been passed
    const mineAgain = await reportIn(0);
    const otherAgain = await reportIn(6);
    await gridWorker.until(() => gridWorker.about(mineAgain).length > 0);
    await street2.until(() => street2.about(otherAgain).length > 0);
    expect(gridWorker.about(mine)).toHaveLength(1);
    expect(gridWorker.about(neighbour)).toEqual([]);
    expect(gridWorker.about(otherStreet)).toEqual([]);
    expect(gridWorker.about(otherAgain)).toEqual([]);
    expect(street2.about(otherStreet)).toHaveLength(1);
    expect(street2.about(mine)).toEqual([]);
    expect(street2.about(neighbour)).toEqual([]);
    await gridWorker.close();
    await street2.close();
  });

  it('resumes after Last-Event-ID with what the screen missed', async () => {
    const first = await openScreen(w.dispatcher);
    const before = await reportIn(2);
    await first.until(() => first.about(before).length > 0);
    const lastSeen = first.about(before)[0]!.id;
    await first.close();
    const missed = await reportIn(3);
    const again = await openScreen(w.dispatcher, '', { 'last-event-id': String(lastSeen) });
    await again.until(() => again.about(missed).length > 0);
    expect(again.about(before)).toEqual([]);
    await again.close();
  });
});

describe('the screen hub', () => {
  it('sends one message per case per pass, with its latest step, and moves every cursor past the pass', async () => {
    const { ScreenHub } = await import('./screen-hub.ts');
    const { latestCaseEventId } = await import('./queries.ts');
    // no timer passes during the test: each pass is the test's own call
    const hub = new ScreenHub(db, { pollMs: 3_600_000, heartbeatMs: 3_600_000 });
    const start = await latestCaseEventId(db);
    const sent: { eventId: number; id: number; state: string }[] = [];
    const seesNothing: typeof sent = [];
    const remove = hub.add({
      lastId: start,
      sees: (code) => code.startsWith(w.t.district.code),
      send: (eventId, p) => sent.push({ eventId, id: p.id, state: p.state }),
      heartbeat: () => undefined,
      end: () => undefined,
    });
    const other = { lastId: start, sees: () => false, heartbeat: () => undefined, end: () => undefined };
    const removeOther = hub.add({
      ...other,
      send: (eventId, p) => seesNothing.push({ eventId, id: p.id, state: p.state }),
    });
    await hub.poll();
    sent.length = 0;
    const id = await reportIn(2);
    await ok(app, w.dispatcher, id, 'file');
    await hub.poll();
    const mine = sent.filter((s) => s.id === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.state).toBe('filed');
    // the case's own latest step: other test files write events into the same database meanwhile
    const latest = await one<{ id: number }>(
      db,
      sql`select max(id) as id from case_events where case_id = ${id}`,
    );
    expect(mine[0]!.eventId).toBe(latest!.id);
    expect(seesNothing).toEqual([]);
    // the next pass has nothing new for either
    await hub.poll();
    expect(sent.filter((s) => s.id === id)).toHaveLength(1);
    remove();
    removeOther();
    expect(hub.size).toBe(0);
    hub.close();
  });
});

describe('care alerts', () => {
  it('are not sent: their point is a lone elder’s home, and the screen hangs where visitors see it', async () => {
    const { ScreenHub } = await import('./screen-hub.ts');
    const { latestCaseEventId } = await import('./queries.ts');
    const { careWorld, enrolElders, alertsOf } = await import('../care/test-fixtures.ts');
    const { sweepCare } = await import('../care/care-sweep.ts');
    const { testCipher } = await import('../personal-data/test-fixtures.ts');
    const cw = await careWorld(db);
    const [elder] = await enrolElders(db, cw, 1, { from: new Date(Date.now() - 48 * 3_600_000) });
    const hub = new ScreenHub(db, { pollMs: 3_600_000, heartbeatMs: 3_600_000 });
    const sent: number[] = [];
    hub.add({
      lastId: await latestCaseEventId(db),
      sees: (code) => code.startsWith(cw.t.district.code),
      send: (_, p) => sent.push(p.id),
      heartbeat: () => undefined,
      end: () => undefined,
    });
    await sweepCare(db, testCipher(), { orgPrefix: cw.t.district.code });
    const [alert] = await alertsOf(db, [elder!]);
    expect(alert).toBeDefined();
    await hub.poll();
    expect(sent).not.toContain(alert!.caseId);
    hub.close();
  });
});
