import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseWorld, report } from '../../../test/case-helpers.ts';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { purgeAudit } from './audit-purge-sweep.ts';
import { writeAudit } from './write-audit.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
});

/** The error a statement fails with, or null when it succeeds. */
async function failure(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Runs fn in a transaction that is always rolled back, so a statement that should fail cannot do harm. */
async function rolledBack(fn: (tx: Db) => Promise<unknown>): Promise<string | null> {
  const ROLLBACK = 'test rollback';
  const message = await failure(() =>
    db.transaction(async (tx) => {
      await fn(tx);
      throw new Error(ROLLBACK);
    }),
  );
  return message === ROLLBACK ? null : message;
}

/** An audit row with a unique entity id, `daysAgo` days old (back-dated on insert, which stays allowed). */
async function auditRow(daysAgo: number, actorId: string | null = null): Promise<number> {
  const entityId = randomBytes(8).toString('hex');
  const row = await one<{ id: number }>(
    db,
    sql`insert into audit_log (at, actor_id, action, entity, entity_id)
        values (now() - make_interval(days => ${daysAgo}::int), ${actorId}::uuid, 'test.row', 'test', ${entityId})
        returning id`,
  );
  return row!.id;
}

const exists = async (id: number) => !!(await one(db, sql`select 1 from audit_log where id = ${id}`));

describe('case events are append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of case_events with a clear error, and the event stays', async () => {
    const w = await caseWorld(app, db);
    const res = await report(app, w, w.resident);
    expect(res.statusCode).toBe(201);
    const caseId = res.json().data.id as number;
    const [event] = await rows<{ id: number; action: string }>(
      db,
      sql`select id, action from case_events where case_id = ${caseId}`,
    );

    expect(
      await failure(() => db.execute(sql`update case_events set action = 'x' where id = ${event!.id}`)),
    ).toMatch(/case_events is append-only: UPDATE refused/);
    expect(await failure(() => db.execute(sql`delete from case_events where id = ${event!.id}`))).toMatch(
      /case_events is append-only: DELETE refused/,
    );
    expect(await rolledBack((tx) => tx.execute(sql`truncate case_events cascade`))).toMatch(
      /case_events is append-only: TRUNCATE refused/,
    );
    expect(await one(db, sql`select action from case_events where id = ${event!.id}`)).toEqual({
      action: event!.action,
    });
  });
});

describe('the audit log is append-only and kept 180 days', () => {
  it('refuses UPDATE and TRUNCATE of audit rows', async () => {
    const id = await auditRow(400);
    expect(
      await failure(() => db.execute(sql`update audit_log set action = 'forged' where id = ${id}`)),
    ).toMatch(/audit_log is append-only: UPDATE refused/);
    expect(await rolledBack((tx) => tx.execute(sql`truncate audit_log`))).toMatch(
      /audit_log is append-only: TRUNCATE refused/,
    );
    expect(await one(db, sql`select action from audit_log where id = ${id}`)).toEqual({ action: 'test.row' });
  });

  it('refuses deleting rows younger than 180 days and allows it for older ones', async () => {
    const fresh = await auditRow(0);
    const young = await auditRow(179);
    const old = await auditRow(181);
    for (const id of [fresh, young]) {
      expect(await failure(() => db.execute(sql`delete from audit_log where id = ${id}`))).toMatch(
        /audit_log rows are kept at least 180 days/,
      );
      expect(await exists(id)).toBe(true);
    }
    expect(await failure(() => db.execute(sql`delete from audit_log where id = ${old}`))).toBeNull();
    expect(await exists(old)).toBe(false);
  });

  it('purges only rows older than the retention, never below 180 days', async () => {
    const kept = await auditRow(100);
    const year = await auditRow(300);
    const ancient = await auditRow(800);
    await purgeAudit(db, 365);
    expect([await exists(kept), await exists(year), await exists(ancient)]).toEqual([true, true, false]);
    // a retention below the legal minimum is raised to it
    await purgeAudit(db, 30);
    expect([await exists(kept), await exists(year)]).toEqual([true, false]);
  });

  it('keeps a deleted-user attempt from rewriting audit rows: the delete is refused, the actor stays', async () => {
    const t = await createTenant(db);
    const user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
    await writeAudit(db, {
      actorId: user.id,
      action: 'user.update',
      entity: 'user',
      entityId: user.id,
      scopeCode: t.district.code,
      before: null,
      after: null,
      ip: 'test',
    });
    expect(await failure(() => db.execute(sql`delete from users where id = ${user.id}`))).toMatch(
      /foreign key/,
    );
    expect(
      await one(
        db,
        sql`select actor_id as "actorId" from audit_log where entity_id = ${user.id} and action = 'user.update'`,
      ),
    ).toEqual({ actorId: user.id });
  });

  it('has no foreign key on case_events or audit_log that updates or deletes their rows', async () => {
    // confdeltype/confupdtype: a = no action, r = restrict; c (cascade), n (set null), d (set default) rewrite
    const rewriting = await rows(
      db,
      sql`select conrelid::regclass::text as "table", conname as "constraint"
          from pg_constraint
          where contype = 'f' and conrelid in ('case_events'::regclass, 'audit_log'::regclass)
            and (confdeltype not in ('a', 'r') or confupdtype not in ('a', 'r'))`,
    );
    expect(rewriting).toEqual([]);
  });
});
