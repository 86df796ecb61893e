import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Db, one } from '../../infra/db.ts';
import { inForceSql } from '../org/current-node.ts';
import { locatePoint } from '../org/queries.ts';
import { searchBoxDegrees } from './search-box.ts';

const OutlineQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -85, maximum: 85 }),
  radius: Type.Optional(Type.Integer({ minimum: 100, maximum: 5000, description: 'metres, default 2000' })),
});

const PlaceQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -85, maximum: 85 }),
});

/**
 * The outlines of the grids around a point as GeoJSON, for the map picker of anyone reporting (residents have
 * no login). Public geometry only: each grid's name and simplified outline, no codes, ids or people.
 */
export function gridOutlineRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: typeof OutlineQuery.static }>(
    '/api/public/grid-outlines',
    {
      schema: {
        tags: ['org'],
        summary: 'Grid outlines and names around a point (public geometry for the map picker), as GeoJSON',
        querystring: OutlineQuery,
      },
    },
    async (req) => {
      const { lng, lat, radius = 2000 } = req.query;
      const { dLng, dLat } = searchBoxDegrees(lat, radius);
      const row = await one<{ fc: unknown }>(
        db,
        sql`select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
              'type', 'Feature', 'properties', json_build_object('name', g.name),
              'geometry', st_asgeojson(st_simplifypreservetopology(g.geom, 0.00002), 6)::json)), '[]'::json)) as fc
            from org_nodes g
            where g.level = 'grid' and g.geom is not null
              and ${inForceSql('g')}
              and g.geom && st_makeenvelope(${lng - dLng}, ${lat - dLat}, ${lng + dLng}, ${lat + dLat}, 4326)`,
      );
      return row?.fc;
    },
  );

  // The phone's report form asks before sending, so a resident learns that a place outside the district will
  // be referred elsewhere (转办) rather than handled here; the answer names only public places.
  app.get<{ Querystring: typeof PlaceQuery.static }>(
    '/api/public/place',
    {
      schema: {
        tags: ['org'],
        summary: 'Whether a point lies inside the platform’s grids, and the community and grid it lies in',
        querystring: PlaceQuery,
      },
    },
    async (req) => {
      // the grid's public names only: its code and the nodes above it stay with the staff's /api/org/locate
      const area = (await locatePoint(db, req.query.lng, req.query.lat))?.area ?? null;
      return { data: { inArea: area !== null, area } };
    },
  );
}
