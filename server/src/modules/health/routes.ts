import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Database } from '../../infra/db.ts';

/** Liveness with a database round trip, and the settings the web app needs before login. */
export function healthRoutes(app: FastifyInstance, database: Database, config: Config): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Server and database health',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
          }),
          503: Type.Object({ status: Type.Literal('unavailable'), db: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await database.db.execute(sql`select 1`);
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, db: database.kind });
      }
      return { status: 'ok' as const, db: database.kind };
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
