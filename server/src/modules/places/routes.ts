import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, scopeCondition } from '../auth/policy.ts';
import { searchPlaces } from './queries.ts';

const PlaceQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 60 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 10 })),
});

/** Address search for the console's intake (受理登记): buildings and grids of the caller's areas. */
export function placeRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: typeof PlaceQuery.static }>(
    '/api/places',
    {
      schema: {
        tags: ['org'],
        summary: 'Buildings and grids of the caller’s areas whose name or address contains the text, to pin',
        querystring: PlaceQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'org.read');
      const text = req.query.q.trim();
      if (!text) return { data: [] };
      return {
        data: await searchPlaces(db, text, scopeCondition(actor, 'org.read', sql`g.code`), req.query.limit),
      };
    },
  );
}
