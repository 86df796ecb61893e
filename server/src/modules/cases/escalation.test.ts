import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { type Database, type Db, openPostgres, rows } from '../../infra/db.ts';
import { flagLateCoUnits } from './co-unit-sweep.ts';
import { escalateOverdue } from './escalation-sweep.ts';

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  w = await caseWorld(app, db);
});

const escalations = (id: number) =>
  rows<{ level: number }>(
    db,
    sql`select (data->>'level')::int as level from case_events where case_id = ${id} and action = 'escalate' order by id`,
  );

describe('the overdue sweep', () => {
  it('escalates an overdue stage one level at a time, notifying the next level up', async () => {
    const id = (await report(app, w, w.resident)).json().data.id;
    await ok(app, w.dispatcher, id, 'file');
    await db.execute(sql`update cases set stage_deadline_at = now() - interval '1 minute' where id = ${id}`);
    await escalateOverdue(db, { orgPrefix: w.t.district.code });
    await escalateOverdue(db, { orgPrefix: w.t.district.code });
    expect(await escalations(id)).toEqual([{ level: 1 }]);
    // two hours later, the next level
    await escalateOverdue(db, {
      orgPrefix: w.t.district.code,
      now: new Date(Date.now() + 2 * 3_600_000 + 60_000),
    });
    expect(await escalations(id)).toEqual([{ level: 1 }, { level: 2 }]);
    // the district is the top: level 3, then nothing more however long the stage stays overdue
    const later = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 120_000);
    await escalateOverdue(db, { orgPrefix: w.t.district.code, now: later(4) });
    await escalateOverdue(db, { orgPrefix: w.t.district.code, now: later(6) });
    await escalateOverdue(db, { orgPrefix: w.t.district.code, now: later(30) });
    expect(await escalations(id)).toEqual([{ level: 1 }, { level: 2 }, { level: 3 }]);
    // a new stage starts over at the first level once it is overdue in turn (the sweeps above ran at
    // simulated later times; the last escalation is put back before the new stage starts, with microseconds
    // as data written outside the sweep may have)
    await db.execute(sql`update cases set escalated_at = now() - interval '1 hour' where id = ${id}`);
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    await escalateOverdue(db, { orgPrefix: w.t.district.code });
    expect(await escalations(id)).toEqual([{ level: 1 }, { level: 2 }, { level: 3 }]);
    await db.execute(sql`update cases set stage_deadline_at = now() - interval '1 minute' where id = ${id}`);
    await escalateOverdue(db, { orgPrefix: w.t.district.code });
    expect(await escalations(id)).toEqual([{ level: 1 }, { level: 2 }, { level: 3 }, { level: 1 }]);
  });

  it('escalates a case exactly once when two server processes sweep at the same time', async () => {
    const id = (await report(app, w, w.resident)).json().data.id;
    await db.execute(sql`update cases set stage_deadline_at = now() - interval '1 minute' where id = ${id}`);
    // on PostgreSQL: two separate connection pools, as two server processes would have
    const url = process.env.DATABASE_URL;
    const second: Database | null = url ? await openPostgres(url, 2) : null;
    try {
      const only = { orgPrefix: w.t.district.code };
      await Promise.all([
        escalateOverdue(db, only),
        escalateOverdue(second?.db ?? db, only),
        escalateOverdue(db, only),
      ]);
    } finally {
      await second?.close();
    }
    expect(await escalations(id)).toEqual([{ level: 1 }]);
  });

  it('flags a co-handling unit that has not reported in (报到) by its due time, once, telling its handlers', async () => {
    const id = (await report(app, w, w.resident)).json().data.id;
    await ok(app, w.dispatcher, id, 'file');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });
    await ok(app, w.dispatcher, id, 'whistle', { unitIds: [w.otherUnitId] });
    const only = { orgPrefix: w.t.district.code };
    expect(await flagLateCoUnits(db, only)).toBe(0);
    await db.execute(
      sql`update case_co_units set due_at = now() - interval '1 minute' where case_id = ${id}`,
    );
    await Promise.all([flagLateCoUnits(db, only), flagLateCoUnits(db, only)]);
    await flagLateCoUnits(db, only);
    const events = await rows<{ action: string; unitId: number; public: boolean }>(
      db,
      sql`select action, (data->'units'->0->>'id')::int as "unitId", public from case_events
          where case_id = ${id} and action = 'report_in_overdue'`,
    );
    expect(events).toEqual([{ action: 'report_in_overdue', unitId: w.otherUnitId, public: false }]);
    const inbox = await app.inject({ url: '/api/notifications', headers: { cookie: w.otherUnit } });
    expect(
      inbox
        .json()
        .data.filter(
          (n: { caseId: number; kind: string }) => n.caseId === id && n.kind === 'report_in_overdue',
        ),
    ).toHaveLength(1);
    const page = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } });
    expect(page.json().data.coUnits[0]).toMatchObject({ unitId: w.otherUnitId, reportedAt: null });
    expect(page.json().data.coUnits[0].overdueAt).not.toBeNull();
    // reporting in late still counts; the flag stays as the record of the delay
    await ok(app, w.otherUnit, id, 'report_in');
    expect(await flagLateCoUnits(db, only)).toBe(0);
  });
});
