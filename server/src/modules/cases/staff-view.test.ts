import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { type Db, rows } from '../../infra/db.ts';
import { withoutTrackingCodes } from './tracking-code.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

const reported = async (cookie: string | null = null) =>
  (await report(app, w, cookie)).json().data as { id: number; trackingCode: string };

describe('tracking codes stay with the reporter', () => {
  it('leaves them out of the staff case page, which names the case by its number', async () => {
    const c = await reported();
    await ok(app, w.dispatcher, c.id, 'file');
    for (const cookie of [w.dispatcher, w.gridWorker, w.leader]) {
      const res = await app.inject({ url: `/api/cases/${c.id}`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.id).toBe(c.id);
      expect(res.json().data).not.toHaveProperty('trackingCode');
      expect(res.body).not.toContain(c.trackingCode);
    }
    const fired = await ok(app, w.dispatcher, c.id, 'dispatch', { unitId: w.t.unitId });
    expect(JSON.stringify(fired)).not.toContain(c.trackingCode);
  });

  it('keeps each other’s codes out of a merge, for staff and for both reporters', async () => {
    const master = await reported();
    const dup = await reported(w.resident);
    await ok(app, w.dispatcher, dup.id, 'merge', { masterId: master.id });
    const staff = await app.inject({ url: `/api/cases/${master.id}`, headers: { cookie: w.dispatcher } });
    expect(staff.body).not.toContain(dup.trackingCode);
    const dupPage = await app.inject({ url: `/api/track/${dup.trackingCode}` });
    expect(dupPage.json().data.timeline.map((e: { action: string }) => e.action)).toContain('merge');
    expect(dupPage.body).not.toContain(master.trackingCode);
    const own = await app.inject({ url: `/api/cases/${dup.id}`, headers: { cookie: w.resident } });
    expect(own.json().data.trackingCode).toBe(dup.trackingCode);
    expect(own.body).not.toContain(master.trackingCode);
  });

  it('hides the codes that merge events written before this change still hold', async () => {
    const master = await reported();
    const dup = await reported();
    await db.execute(
      sql`insert into case_events (case_id, action, from_state, to_state, reason, data)
          values (${dup.id}, 'comment', 'reported', 'reported', ${`merged into ${master.trackingCode}`},
            ${JSON.stringify({ masterId: master.id, masterTrackingCode: master.trackingCode })}::jsonb)`,
    );
    const staff = await app.inject({ url: `/api/cases/${dup.id}`, headers: { cookie: w.dispatcher } });
    expect(staff.body).not.toContain(master.trackingCode);
    const tracked = await app.inject({ url: `/api/track/${dup.trackingCode}` });
    expect(tracked.body).not.toContain(master.trackingCode);
    expect(tracked.json().data.trackingCode).toBe(dup.trackingCode);
  });

  it('titles notifications with the case number, not the code', async () => {
    const c = await reported();
    await ok(app, w.dispatcher, c.id, 'file');
    await ok(app, w.dispatcher, c.id, 'dispatch', { unitId: w.t.unitId });
    const titles = await rows<{ title: string }>(
      db,
      sql`select title from notifications where case_id = ${c.id}`,
    );
    expect(titles.length).toBeGreaterThan(0);
    for (const { title } of titles) {
      expect(title).toContain(`案件 ${c.id}`);
      expect(title).not.toContain(c.trackingCode);
    }
  });
});

describe('withoutTrackingCodes', () => {
  it('drops …TrackingCode keys and blots codes in text, keeping dates and everything else', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    expect(
      withoutTrackingCodes({
        trackingCode: 'CG2601-ABCDEF',
        at,
        n: 3,
        events: [
          {
            reason: 'merged into cg2601-abcdef, see CG2601-ZZZZZZ.',
            data: { masterTrackingCode: 'x', masterId: 9 },
          },
        ],
      }),
    ).toEqual({ at, n: 3, events: [{ reason: 'merged into ******, see ******.', data: { masterId: 9 } }] });
  });
});
