import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Database, one } from './db.ts';
import { AppError } from './errors.ts';
import { MetricRegistry, processMetrics } from './metrics.ts';

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Gauges read at scrape time: database up, pools, replica, webhook backlog, escalation backlog. */
async function databaseGauges(database: Database): Promise<MetricRegistry> {
  const g = new MetricRegistry();
  const up = await database.db.execute(sql`select 1`).then(
    () => 1,
    () => 0,
  );
  g.set('civicgrid_database_up', 'Whether the database answered this scrape (1) or not (0)', {}, up);
  const pools = { primary: database.pool?.(), replica: database.reads?.pool() };
  for (const [role, p] of Object.entries(pools)) {
    if (!p) continue;
    const help = 'Connections of the pool: total open, idle, and requests waiting for one';
    g.set('civicgrid_db_pool_connections', help, { pool: role, state: 'open' }, p.total);
    g.set('civicgrid_db_pool_connections', help, { pool: role, state: 'idle' }, p.idle);
    g.set('civicgrid_db_pool_connections', help, { pool: role, state: 'waiting' }, p.waiting);
    g.set('civicgrid_db_pool_max', 'Most connections the pool opens', { pool: role }, p.max);
  }
  if (database.reads) {
    const s = database.reads.state();
    g.set(
      'civicgrid_replica_usable',
      'Whether reads may use the replica now (fresh, reachable)',
      {},
      s.state === 'fresh' ? 1 : 0,
    );
    if (s.lagMs !== null)
      g.set(
        'civicgrid_replica_lag_seconds',
        'How far the replica’s replay is behind the primary',
        {},
        s.lagMs / 1000,
      );
    const c = database.reads.counters;
    const help = 'Statements of read-only requests, by where they ran and why not on the replica';
    g.inc('civicgrid_replica_statements_total', help, { target: 'replica', reason: '' }, c.replica);
    for (const [reason, n] of Object.entries(c.fallback))
      g.inc('civicgrid_replica_statements_total', help, { target: 'primary', reason }, n);
  }
  if (!up) return g;
  // webhook deliveries waiting (the outbox) and the oldest; overdue stages no sweep has escalated yet
  const backlog = await one<{ pending: number; oldest: number | null; overdue: number | null }>(
    database.db,
    sql`select (select count(*) from webhook_deliveries where status = 'pending') as pending,
          (select extract(epoch from now() - min(next_at))::float8 from webhook_deliveries
            where status = 'pending' and next_at < now()) as oldest,
          (select extract(epoch from now() - min(stage_deadline_at))::float8 from cases
            where state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check')
              and (escalated_at is null or escalated_at < stage_started_at) and stage_deadline_at < now()) as overdue`,
  ).catch(() => null);
  if (backlog) {
    g.set('civicgrid_webhook_backlog', 'Webhook deliveries waiting to be sent', {}, backlog.pending);
    g.set(
      'civicgrid_webhook_backlog_age_seconds',
      'How long the oldest due delivery has waited',
      {},
      backlog.oldest ?? 0,
    );
    g.set(
      'civicgrid_escalation_lag_seconds',
      'How long the oldest overdue stage has waited for the escalation sweep',
      {},
      backlog.overdue ?? 0,
    );
  }
  return g;
}

/** The whole exposition: the process's counters and histograms, then the gauges read now. */
export async function renderMetrics(database: Database): Promise<string> {
  return processMetrics.render(await databaseGauges(database));
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * GET /metrics on the main address: only with `Authorization: Bearer METRICS_TOKEN`; 404 when no token is
 * set (then metrics are served on METRICS_LISTEN only, or not at all). No user session or API token opens it.
 */
export function metricsRoute(app: FastifyInstance, database: Database, token: string | null): void {
  app.get(
    '/metrics',
    { schema: { tags: ['health'], summary: 'Prometheus metrics (METRICS_TOKEN bearer)' } },
    async (req, reply) => {
      if (!token) throw new AppError('NOT_FOUND', 404);
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, token)) throw new AppError('UNAUTHENTICATED', 401);
      return reply
        .type(CONTENT_TYPE)
        .header('cache-control', 'no-store')
        .send(await renderMetrics(database));
    },
  );
}

/** The separate metrics listener (METRICS_LISTEN host:port): /metrics only, no token asked. */
export async function startMetricsListener(database: Database, listen: string): Promise<Server> {
  const at = listen.lastIndexOf(':');
  const host = listen.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(at + 1));
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    renderMetrics(database).then(
      (text) => res.writeHead(200, { 'content-type': CONTENT_TYPE }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
