import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import { planOf } from '../../../test/plans.ts';
import type { Db } from '../../infra/db.ts';
import { underOrg } from '../org/code-match.ts';
import { RUNNING_STAGE_DEADLINE } from './filters.ts';
import { insertCase, reportsTestApp } from './test-fixtures.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await reportsTestApp(db);
});

type Row = Record<string, unknown> & { id: number };
async function list(cookie: string, query = ''): Promise<Row[]> {
  const res = await app.inject({ url: `/api/cases?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}
const adminOf = async (t: Tenant) =>
  loginAs(app, await createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code));

describe('case list: pages', () => {
  let t: Tenant;
  let admin: string;
  const all: number[] = [];

  beforeAll(async () => {
    t = await createTenant(db);
    admin = await adminOf(t);
    // three share one instant (to the microsecond) and two have no deadline, so ties and nulls are crossed
    const same = '2024-06-01T08:00:00.123456+08:00';
    const seeds = [
      { reportedAt: same, deadlineAt: '2024-06-03T00:00:00Z' },
      { reportedAt: same, deadlineAt: '2024-06-02T00:00:00Z' },
      { reportedAt: same, deadlineAt: null },
      { reportedAt: '2024-06-01T08:00:00.123457+08:00', deadlineAt: '2024-06-02T00:00:00Z' },
      { reportedAt: '2024-06-01T08:00:00.123455+08:00', deadlineAt: null },
      { reportedAt: '2024-05-31T08:00:00+08:00', deadlineAt: '2024-06-01T00:00:00Z' },
      { reportedAt: '2024-06-02T08:00:00+08:00', deadlineAt: '2024-06-04T00:00:00Z' },
    ];
    for (const s of seeds) all.push((await insertCase(db, t, s)).id);
  });

  async function walk(query: string, limit: number, org = t.district.code): Promise<number[]> {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const url: string = `/api/cases?org=${org}&limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await app.inject({ url, headers: { cookie: admin } });
      expect(res.statusCode, res.body).toBe(200);
      const body: { data: Row[]; nextCursor: string | null } = res.json();
      expect(body.data.length).toBeLessThanOrEqual(limit);
      seen.push(...body.data.map((r: Row) => r.id));
      cursor = body.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('pagination did not end');
  }

  it('walks every page once in the same order as one big page, for each sort and order', async () => {
    // the district (a prefix of the cases' codes) and their grid (matched by equality: org/code-match.ts)
    for (const org of [t.district.code, t.grids[0]!.code]) {
      for (const query of ['', 'order=asc', 'sort=deadline_at&order=asc', 'sort=deadline_at&order=desc']) {
        const whole = (await list(admin, `org=${org}&limit=100&${query}`)).map((r) => r.id);
        expect(new Set(whole)).toEqual(new Set(all));
        for (const limit of [1, 2, 3])
          expect(await walk(query, limit, org), `${org} ${query} by ${limit}`).toEqual(whole);
      }
    }
  });

  it('reads a page of one grid from its own range of an ordered index, not every case of the grid', async () => {
    const code = t.grids[0]!.code;
    for (const [order, index] of [
      [sql`c.reported_at desc, c.id desc`, 'cases_org_reported'],
      [sql`c.deadline_at, c.id`, 'cases_org_deadline'],
    ] as const) {
      const plan = await planOf(
        db,
        sql`select c.* from cases c where ${underOrg(sql`c.org_code`, code)} order by ${order} limit 51`,
        ['seqscan', 'bitmapscan', 'sort'],
      );
      expect(plan).toContain(index);
    }
  });

  it('answers the red light from the running stage deadline’s own indexes (migration 0163)', async () => {
    // Each query asks for an order that only one of 0163's indexes gives (sorting is switched off), so the plan
    // names it whatever the shared test database's statistics: a drifted expression in filters.ts matches
    // neither index and the plan falls back to a disabled sort.
    const plan = async (where: SQL, order: SQL, index: string) => {
      const text = await planOf(
        db,
        sql`select c.id from cases c where ${where} and ${RUNNING_STAGE_DEADLINE} < now() order by ${order} limit 51`,
        ['seqscan', 'sort', 'incremental_sort'],
      );
      expect(text).toContain(index);
      expect(text).not.toMatch(/Sort/);
    };
    // the newest red cases anywhere: the partial index in reported order
    await plan(sql`true`, sql`c.reported_at desc, c.id desc`, 'cases_running_stage_reported');
    // a grid's red cases by how long they are overdue: (org_code, expression)
    await plan(
      underOrg(sql`c.org_code`, t.grids[0]!.code),
      RUNNING_STAGE_DEADLINE,
      'cases_running_stage_org',
    );
  });

  it('orders by reported time with microseconds, newest first, ties by id', async () => {
    const whole = (await list(admin, `org=${t.district.code}`)).map((r) => r.id);
    expect(whole).toEqual([all[6], all[3], all[2], all[1], all[0], all[4], all[5]]);
    const byDeadline = (await list(admin, `org=${t.district.code}&sort=deadline_at&order=asc`)).map(
      (r) => r.id,
    );
    expect(byDeadline).toEqual([all[5], all[1], all[3], all[0], all[6], all[2], all[4]]);
  });

  it('refuses a tampered cursor or one from another sort with 400 CURSOR_INVALID', async () => {
    const first = await app.inject({
      url: `/api/cases?org=${t.district.code}&limit=2`,
      headers: { cookie: admin },
    });
    const cursor: string = first.json().nextCursor;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify([decoded[0], decoded[1], "x' or 1=1", decoded[3]])).toString(
      'base64url',
    );
    for (const [bad, query] of [
      [`${cursor.slice(0, -3)}`, ''],
      ['not-a-cursor', ''],
      [edited, ''],
      [cursor, '&order=asc'],
      [cursor, '&sort=deadline_at'],
    ] as const) {
      const res = await app.inject({
        url: `/api/cases?org=${t.district.code}&limit=2&cursor=${bad}${query}`,
        headers: { cookie: admin },
      });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('CURSOR_INVALID');
    }
  });
});
