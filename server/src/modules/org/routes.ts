import { ORG_LEVELS, type OrgLevel } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { AppError, notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, can, scopesFor } from '../auth/policy.ts';
import { orgAdminRoutes } from './admin-routes.ts';
import { importBoundaries } from './commands/import-boundaries.ts';
import { presentNodeDetail } from './present-node.ts';
import { findNodeByCode, findNodeDetail, listVisibleNodes, locatePoint, nodesGeojson } from './queries.ts';

const Level = Type.Union(ORG_LEVELS.map((l) => Type.Literal(l)));
const Id = Type.Object({ id: RowId() });

/** The org tree, node details, grid polygons, point lookup and boundary import. */
export function orgRoutes(app: FastifyInstance, db: Db): void {
  orgAdminRoutes(app, db);
  const TreeQuery = Type.Object({ maxLevel: Type.Optional(Level) });
  app.get<{ Querystring: typeof TreeQuery.static }>(
    '/api/org/tree',
    {
      schema: {
        tags: ['org'],
        summary: 'Org nodes the caller may see, parents first',
        querystring: TreeQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'org.read');
      return { data: await listVisibleNodes(db, actor, req.query.maxLevel ?? 'grid') };
    },
  );

  app.get<{ Params: typeof Id.static }>(
    '/api/org/nodes/:id',
    { schema: { tags: ['org'], summary: 'One org node with path, population and grid workers', params: Id } },
    async (req) => {
      const actor = actorOf(req);
      const node = await findNodeDetail(db, req.params.id);
      if (!node) throw notFound();
      assertCan(actor, 'org.read', node.code);
      return {
        data: presentNodeDetail(node, can(actor, 'user.read', node.code)),
        abilities: { manage: can(actor, 'org.manage', node.code) },
      };
    },
  );

  const GeoQuery = Type.Object({
    level: Type.Optional(Level),
    under: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'org code to limit to' })),
  });
  app.get<{ Querystring: typeof GeoQuery.static }>(
    '/api/org/geojson',
    { schema: { tags: ['org'], summary: 'Polygons of one level as GeoJSON', querystring: GeoQuery } },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'org.read');
      return nodesGeojson(db, actor, {
        level: (req.query.level ?? 'grid') as OrgLevel,
        under: req.query.under ?? null,
      });
    },
  );

  const PointQuery = Type.Object({
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
  });
  app.get<{ Querystring: typeof PointQuery.static }>(
    '/api/org/locate',
    {
      schema: {
        tags: ['org'],
        summary: 'Grid, community and street at a WGS84 point',
        querystring: PointQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const hit = await locatePoint(db, req.query.lng, req.query.lat);
      if (!hit || !can(actor, 'org.read', hit.grid.code)) throw new AppError('OUTSIDE_GRIDS', 404);
      return { data: hit };
    },
  );

  app.post(
    '/api/org/import',
    {
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['org'],
        summary: 'Import a GeoJSON boundary layer; all-or-nothing, problems reported per feature',
        body: Type.Object({ type: Type.Literal('FeatureCollection') }, { additionalProperties: true }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'org.manage');
      const result = await importBoundaries(db, req.body, {
        actorId: actor.userId,
        scopes: scopesFor(actor, 'org.manage'),
        ip: req.ip,
      });
      return { data: result };
    },
  );

  const CodeParam = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,15}$' }) });
  app.get<{ Params: typeof CodeParam.static }>(
    '/api/org/by-code/:code',
    { schema: { tags: ['org'], summary: 'Resolve an org code to its node', params: CodeParam } },
    async (req) => {
      const actor = actorOf(req);
      const node = await findNodeByCode(db, req.params.code);
      if (!node) throw notFound();
      assertCan(actor, 'org.read', node.code);
      return { data: node };
    },
  );
}
