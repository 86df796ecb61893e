import { randomBytes } from 'node:crypto';
import { eventVisibility } from '@civicgrid/shared';
import fastifyCookie from '@fastify/cookie';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { testConfig } from '../../../test/database.ts';
import type { Tenant } from '../../../test/factories.ts';
import type { Config } from '../../infra/config.ts';
import { type Db, one } from '../../infra/db.ts';
import { registerErrorHandler } from '../../infra/errors.ts';
import { registerAuth } from '../auth/plugin.ts';
import { authRoutes } from '../auth/routes.ts';
import { photoRoutes } from '../photos/routes.ts';
import type { LiveHub, LiveHubOptions } from './live-hub.ts';
import { notifyRoutes } from './routes.ts';

/** An app with only what the photo and notification routes need (login, error handler, the two modules). */
export async function notifyTestApp(
  db: Db,
  opts: { live?: LiveHubOptions; config?: Partial<Config>; extra?: (app: FastifyInstance) => void } = {},
): Promise<{ app: FastifyInstance; hub: LiveHub }> {
  const config = testConfig(opts.config);
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  });
  await app.register(fastifyCookie);
  registerErrorHandler(app);
  registerAuth(app, db);
  authRoutes(app, db, config);
  photoRoutes(app, db, config);
  const hub = notifyRoutes(app, db, config, opts.live);
  opts.extra?.(app);
  await app.ready();
  return { app, hub };
}

/** Inserts the test taxonomy entry 99.01 (and its parent) once. */
async function ensureCategory(db: Db): Promise<void> {
  await db.execute(
    sql`insert into categories (code, parent_code, name_zh, name_en) values ('99', null, '测试大类', 'Test'),
          ('99.01', '99', '测试小类', 'Test item')
        on conflict (code) do nothing`,
  );
}

export interface TestCase {
  id: number;
  trackingCode: string;
  orgCode: string;
  reportEventId: number;
}

/** A minimal case in a tenant grid (index 0–7), optionally held by the tenant's unit, with its report event. */
export async function createTestCase(
  db: Db,
  t: Tenant,
  opts: { grid?: number; unitId?: number | null; state?: string; address?: string } = {},
): Promise<TestCase> {
  await ensureCategory(db);
  const orgCode = t.grids[opts.grid ?? 0]!.code;
  const trackingCode = `T${randomBytes(6).toString('hex')}`;
  const c = await one<{ id: number }>(
    db,
    sql`insert into cases (tracking_code, source, category_code, state, description, org_code, grid_id, unit_id, address)
        values (${trackingCode}, 'grid_patrol', '99.01', ${opts.state ?? 'dispatched'}, '测试案件', ${orgCode},
          ${t.grids[opts.grid ?? 0]!.id}, ${opts.unitId === undefined ? t.unitId : opts.unitId}::integer,
          ${opts.address ?? '测试路1号'})
        returning id`,
  );
  const reportEventId = await addCaseEvent(db, c!.id, 'report', 'reported');
  return { id: c!.id, trackingCode, orgCode, reportEventId };
}

/** Appends a case event row, public or internal as the shared table says, and returns its id. */
export async function addCaseEvent(
  db: Db,
  caseId: number,
  action: string,
  toState: string,
  actorId: string | null = null,
  reason: string | null = null,
): Promise<number> {
  const e = await one<{ id: number }>(
    db,
    sql`insert into case_events (case_id, actor_id, action, to_state, reason, public)
        values (${caseId}, ${actorId}::uuid, ${action}, ${toState}, ${reason}, ${eventVisibility(action) === 'public'})
        returning id`,
  );
  return e!.id;
}

/** Makes a user follow a case. */
export async function follow(db: Db, caseId: number, userId: string): Promise<void> {
  await db.execute(sql`insert into case_followers (case_id, user_id) values (${caseId}, ${userId})`);
}
