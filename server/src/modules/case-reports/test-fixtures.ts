import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { testConfig } from '../../../test/database.ts';
import type { Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { registerErrorHandler } from '../../infra/errors.ts';
import { registerAuth } from '../auth/plugin.ts';
import { authRoutes } from '../auth/routes.ts';
import { seal } from '../personal-data/fields.ts';
import { testCipher } from '../personal-data/test-fixtures.ts';
import { caseReportRoutes } from './routes.ts';

/** An app with only what these routes need (login, error handler, this module), as app.ts configures it. */
export async function reportsTestApp(db: Db): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  });
  await app.register(fastifyCookie);
  registerErrorHandler(app);
  registerAuth(app, db);
  authRoutes(app, db, testConfig());
  caseReportRoutes(app, db, testConfig());
  await app.ready();
  return app;
}

/** Inserts the test taxonomy once: 99 with 99.01 and 99.02, and 98 with 98.01. */
export async function ensureTestCategories(db: Db): Promise<void> {
  await db.execute(
    sql`insert into categories (code, parent_code, name_zh, name_en) values
          ('99', null, '测试大类', 'Test'), ('99.01', '99', '测试小类', 'Test item'),
          ('99.02', '99', '测试小类二', 'Test item 2'), ('98', null, '测试大类二', 'Test 2'),
          ('98.01', '98', '测试小类三', 'Test item 3')
        on conflict (code) do nothing`,
  );
}

/** A second unit in the tenant's district (the factory makes one). */
export async function createOtherUnit(db: Db, t: Tenant): Promise<number> {
  const u = await one<{ id: number }>(
    db,
    sql`insert into units (district_id, code, name, type)
        values (${t.district.id}, ${`U2${t.district.code}${randomBytes(3).toString('hex')}`}, '测试环卫', 'department')
        returning id`,
  );
  return u!.id;
}

/** What a fixture case may set; everything else takes the column's default. Times as ISO text or Date. */
export interface CaseSeed {
  grid?: number;
  orgCode?: string;
  state?: string;
  source?: string;
  category?: string;
  urgency?: string;
  description?: string;
  address?: string | null;
  lngLat?: [number, number] | null;
  reporterId?: string | null;
  /** sealed as intake seals it */
  reporterName?: string | null;
  unitId?: number | null;
  firstUnitId?: number | null;
  supervision?: string | null;
  reopenCount?: number;
  rating?: string | null;
  reportedAt?: string | Date;
  dispatchedAt?: string | Date | null;
  disposedAt?: string | Date | null;
  closedAt?: string | Date | null;
  ratedAt?: string | Date | null;
  deadlineAt?: string | Date | null;
  stage?: string | null;
  stageStartedAt?: string | Date | null;
  stageDeadlineAt?: string | Date | null;
  cValid?: number | null;
  cIntimeDispatch?: number | null;
  cAccurateDispatch?: number | null;
  cDisposed?: number;
  cIntimeDispose?: number | null;
  cChecked?: number;
  cRework?: number;
  cReturned?: number;
  cExtended?: number;
  cIntimeClose?: number | null;
  handlingMinutes?: number | null;
}

// strings pass through unchanged so a fixture can give microseconds, which a Date would drop
const ts = (v: string | Date | null | undefined) =>
  v == null ? null : typeof v === 'string' ? v : v.toISOString();

/** Inserts one case row in a tenant grid (index 0–7, default 0) as the workflow would have left it. */
export async function insertCase(
  db: Db,
  t: Tenant,
  s: CaseSeed = {},
): Promise<{ id: number; trackingCode: string }> {
  await ensureTestCategories(db);
  const grid = t.grids[s.grid ?? 0]!;
  const trackingCode = `T${randomBytes(6).toString('hex').toUpperCase()}`;
  const [lng, lat] = s.lngLat ?? [null, null];
  const row = await one<{ id: number }>(
    db,
    sql`insert into cases (tracking_code, source, category_code, urgency, state, description, address, location,
          grid_id, org_code, reporter_id, reporter_name_enc, unit_id, first_unit_id, supervision, reopen_count, rating,
          reported_at, dispatched_at, disposed_at, closed_at, rated_at, deadline_at, stage, stage_started_at,
          stage_deadline_at, c_valid, c_intime_dispatch, c_accurate_dispatch, c_disposed, c_intime_dispose,
          c_checked, c_rework, c_returned, c_extended, c_intime_close, handling_minutes)
        values (${trackingCode}, ${s.source ?? 'grid_patrol'}, ${s.category ?? '99.01'}, ${s.urgency ?? 'normal'},
          ${s.state ?? 'reported'}, ${s.description ?? '测试案件'}, ${s.address === undefined ? '测试路1号' : s.address},
          ${lng === null ? sql`null` : sql`st_setsrid(st_makepoint(${lng}::float8, ${lat}::float8), 4326)`},
          ${grid.id}, ${s.orgCode ?? grid.code}, ${s.reporterId ?? null}::uuid, ${seal(testCipher(), s.reporterName)},
          ${s.unitId ?? null}::integer, ${s.firstUnitId === undefined ? (s.unitId ?? null) : s.firstUnitId}::integer,
          ${s.supervision ?? null}, ${s.reopenCount ?? 0}, ${s.rating ?? null},
          ${ts(s.reportedAt) ?? new Date().toISOString()}::timestamptz, ${ts(s.dispatchedAt)}::timestamptz,
          ${ts(s.disposedAt)}::timestamptz, ${ts(s.closedAt)}::timestamptz, ${ts(s.ratedAt)}::timestamptz,
          ${ts(s.deadlineAt)}::timestamptz, ${s.stage ?? null}, ${ts(s.stageStartedAt)}::timestamptz,
          ${ts(s.stageDeadlineAt)}::timestamptz, ${s.cValid ?? null}::smallint, ${s.cIntimeDispatch ?? null}::smallint,
          ${s.cAccurateDispatch ?? null}::smallint, ${s.cDisposed ?? 0}, ${s.cIntimeDispose ?? null}::smallint,
          ${s.cChecked ?? 0}, ${s.cRework ?? 0}, ${s.cReturned ?? 0}, ${s.cExtended ?? 0},
          ${s.cIntimeClose ?? null}::smallint, ${s.handlingMinutes ?? null}::integer)
        returning id`,
  );
  return { id: row!.id, trackingCode };
}

/** Calls a unit in on a case (吹哨). */
export async function addCoUnit(db: Db, caseId: number, unitId: number): Promise<void> {
  await db.execute(
    sql`insert into case_co_units (case_id, unit_id, due_at) values (${caseId}, ${unitId}, now() + interval '2 hours')`,
  );
}

/**
 * Gives the planner a table whose statistics resemble a district's, for the tests that prove which index
 * answers a probe: n cases of the three test categories spread over the tenant's first grid's area and over the
 * 360 days from `from` (a day before its report, closed ones), half of them closed, then ANALYZE. On a table of a few dozen
 * rows any index is as cheap as another and the planner's choice proves nothing.
 */
export async function insertSpreadCases(db: Db, t: Tenant, n: number, from: string): Promise<void> {
  await ensureTestCategories(db);
  const grid = t.grids[0]!;
  // Without the triggers: these rows only shape the statistics, and recording the recurrences of thousands of
  // rows on a table the planner has not yet analysed takes minutes.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(
      sql`insert into cases (tracking_code, source, category_code, state, description, location, grid_id, org_code,
          reported_at, closed_at)
        select 'S' || ${randomBytes(4).toString('hex').toUpperCase()} || g, 'grid_patrol',
          (array['99.01', '99.02', '98.01'])[1 + g % 3], case when g % 2 = 0 then 'closed' else 'reported' end,
          '测试案件', st_setsrid(st_point(${t.origin[0]}::float8 + (g % 97) * 0.0004, ${t.origin[1]}::float8 + (g % 89) * 0.0004), 4326),
          ${grid.id}, ${grid.code}, ${from}::timestamptz + (g % 360) * interval '1 day',
          case when g % 2 = 0 then ${from}::timestamptz + (1 + g % 360) * interval '1 day' end
        from generate_series(1, ${n}) g`,
    );
  });
  await db.execute(sql`analyze cases`);
}

/**
 * A place-cell probe's plan (migration 0166) lists the cells once (`unnest`) and never evaluates place_cells in a
 * filter: 0165's `= any(cells)` was left as such a filter on small tables, computing the cells per entry.
 */
export function expectCellsOncePerProbe(plan: string): void {
  expect(plan).not.toMatch(/Filter: .*place_cells/);
  expect(plan).toMatch(/Function Scan on unnest cell/);
}
