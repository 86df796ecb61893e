import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db, one, rows } from '../../server/src/infra/db.ts';
import { insertCase } from '../../server/src/modules/case-reports/test-fixtures.ts';
import { testDatabase } from '../../server/test/database.ts';
import { createTenant, createUserWith, type Tenant } from '../../server/test/factories.ts';
import { BENCH_MARK } from './intake-bodies.ts';
import { removeEarlierReports } from './intake-leftovers.ts';

let db: Db;
let t: Tenant;

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
});

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/** A report's first event, a notification of it and an idempotency key, as intake writes them. */
async function intakeRows(caseId: number, userId: string): Promise<void> {
  const ev = await one<{ id: number }>(
    db,
    sql`insert into case_events (case_id, actor_role, action, to_state, data, public)
        values (${caseId}, 'resident', 'report', 'reported', '{}'::jsonb, true) returning id`,
  );
  await db.execute(sql`insert into notifications (user_id, case_id, event_id, kind, title)
    values (${userId}::uuid, ${caseId}, ${ev!.id}, 'case_event', 'report')`);
  await db.execute(sql`insert into case_followers (case_id, user_id) values (${caseId}, ${userId}::uuid)`);
  await db.execute(sql`insert into idempotency_keys (scope, key, case_id, request_hash)
    values ('public', ${`leftover-${caseId}`}, ${caseId}, 'h')`);
}

const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))?.n ?? 0;

describe('a kept benchmark database is rid of the reports earlier runs wrote', () => {
  it('removes them with what refers to them, keeps every other case and finds the closings’ recurrence again', async () => {
    const user = await createUserWith(db, 'resident', {}, t.district.code);
    const at: [number, number] = [t.origin[0] + 0.0004, t.origin[1] + 0.0004];
    const closing = await insertCase(db, t, {
      lngLat: at,
      state: 'closed',
      reportedAt: daysAgo(6),
      closedAt: daysAgo(5),
    });
    // a benchmark report makes the closing recur first, an ordinary report a day later
    const bench = await insertCase(db, t, {
      lngLat: at,
      description: `路灯不亮${BENCH_MARK}7）`,
      reportedAt: daysAgo(3),
    });
    const ordinary = await insertCase(db, t, { lngLat: at, reportedAt: daysAgo(2) });
    await intakeRows(bench.id, user.id);
    await intakeRows(ordinary.id, user.id);
    const recurred = () =>
      one<{ at: string | null; bench: string; ordinary: string }>(
        db,
        sql`select c.recurred_at::text as at, b.reported_at::text as bench, o.reported_at::text as ordinary
            from cases c, cases b, cases o where c.id = ${closing.id} and b.id = ${bench.id} and o.id = ${ordinary.id}`,
      );
    const before = await recurred();
    expect(before?.at).toBe(before?.bench);

    expect(await removeEarlierReports(db)).toBeGreaterThanOrEqual(1);

    const ids = [bench.id, ordinary.id, closing.id];
    const left = await rows<{ id: number }>(
      db,
      sql`select id from cases where id = any (${`{${ids.join(',')}}`}::int[]) order by id`,
    );
    expect(left.map((r) => r.id)).toEqual([closing.id, ordinary.id]);
    for (const table of ['case_events', 'notifications', 'case_followers', 'idempotency_keys']) {
      expect(
        await count(sql`select count(*)::int as n from ${sql.raw(table)} where case_id = ${bench.id}`),
      ).toBe(0);
      expect(
        await count(sql`select count(*)::int as n from ${sql.raw(table)} where case_id = ${ordinary.id}`),
      ).toBe(1);
    }
    // the closing now recurs with the ordinary report, as if the benchmark's had never been written
    const after = await one<{ at: string | null }>(
      db,
      sql`select recurred_at::text as at from cases where id = ${closing.id}`,
    );
    expect(after?.at).toBe(before?.ordinary);
    // and a second pass finds nothing more of its own
    expect(
      await count(sql`select count(*)::int as n from cases where description like ${`%${BENCH_MARK}%`}`),
    ).toBe(0);
  });
});
