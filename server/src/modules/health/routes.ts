import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Database } from '../../infra/db.ts';

const timestamp = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });
const DatabaseState = Type.Object({
  state: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  downSince: timestamp('when the database was found unreachable; null while it answers'),
  lastErrorAt: timestamp('the last time a database connection failed or was dropped'),
});

/** Liveness with a database round trip, and the settings the web app needs before login. */
export function healthRoutes(app: FastifyInstance, database: Database, config: Config): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Server and database health: 200 while the database answers, 503 while it does not',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
            database: DatabaseState,
          }),
          503: Type.Object({
            status: Type.Literal('unavailable'),
            db: Type.String(),
            database: DatabaseState,
          }),
        },
      },
    },
    async (_req, reply) => {
      // a real round trip each time (through the circuit breaker, so it is refused at once while the
      // database is known to be down and is the probe that notices its return otherwise)
      const ok = await database.db.execute(sql`select 1`).then(
        () => true,
        () => false,
      );
      const h = database.health();
      const state = {
        state: ok ? ('up' as const) : ('down' as const),
        downSince: ok ? null : (h.downSince ?? new Date()).toISOString(),
        lastErrorAt: h.lastErrorAt?.toISOString() ?? null,
      };
      reply.header('cache-control', 'no-store');
      if (!ok)
        return reply.status(503).send({ status: 'unavailable' as const, db: database.kind, database: state });
      return { status: 'ok' as const, db: database.kind, database: state };
    },
  );

  app.get(
    '/api/config',
    { schema: { tags: ['health'], summary: 'Public settings for the web app' } },
    async () => {
      const district = await database.db.execute(
        sql`select code, name, is_demo as "isDemo",
            case when geom is null then null else array[st_x(st_centroid(geom)), st_y(st_centroid(geom))] end as center
          from org_nodes where level = 'district' order by code limit 1`,
      );
      return {
        data: {
          tileUrl: config.tileUrl,
          district: (district as unknown as { rows: unknown[] }).rows[0] ?? null,
        },
      };
    },
  );
}
