import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { localeOf, notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, can, scopesFor } from '../auth/policy.ts';
import { previewBoundaries } from './boundary-preview.ts';
import { importBoundaries } from './commands/import-boundaries.ts';
import { updateNode } from './commands/update-node.ts';
import { layerForNode } from './node-layer.ts';
import { presentNodeDetail } from './present-node.ts';
import { findNodeDetail, findNodeRow, nodeBoundaryFile } from './queries.ts';

const Id = Type.Object({ id: RowId() });
const Day = Type.String({ format: 'date' });
const NodeChangesBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    validFrom: Type.Optional(Day),
    validTo: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  { additionalProperties: false },
);
const Layer = Type.Object({ type: Type.Literal('FeatureCollection') }, { additionalProperties: true });

/** The node a route names, after checking the caller manages it (404 when they may not even see it). */
async function managedNode(db: Db, req: FastifyRequest<{ Params: typeof Id.static }>) {
  const actor = actorOf(req);
  const node = await findNodeRow(db, req.params.id);
  if (!node) throw notFound();
  assertCan(actor, 'org.manage', node.code);
  return { actor, node };
}

/** The administrator's changes to one org node: rename, validity, and a boundary re-import with preview. */
export function orgAdminRoutes(app: FastifyInstance, db: Db): void {
  app.patch<{ Params: typeof Id.static; Body: typeof NodeChangesBody.static }>(
    '/api/org/nodes/:id',
    {
      schema: {
        tags: ['org'],
        summary: 'Rename a node or change its validity dates (an ended node takes no new reports)',
        params: Id,
        body: NodeChangesBody,
      },
    },
    async (req) => {
      const { actor, node } = await managedNode(db, req);
      await updateNode(db, node, req.body, { actorId: actor.userId, ip: req.ip });
      const detail = (await findNodeDetail(db, node.id))!;
      return {
        data: presentNodeDetail(detail, can(actor, 'user.read', node.code)),
        abilities: { manage: true },
      };
    },
  );

  app.get<{ Params: typeof Id.static }>(
    '/api/org/nodes/:id/boundary',
    {
      schema: {
        tags: ['org'],
        summary:
          "Download a node's outline as a boundary file (GeoJSON, full precision) to edit and re-upload",
        params: Id,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const node = await findNodeRow(db, req.params.id);
      if (!node) throw notFound();
      assertCan(actor, 'org.read', node.code);
      reply
        .type('application/geo+json')
        .header('content-disposition', `attachment; filename="${node.code}.geojson"`);
      return nodeBoundaryFile(db, node.id);
    },
  );

  app.post<{ Params: typeof Id.static; Body: typeof Layer.static }>(
    '/api/org/nodes/:id/boundary/preview',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['org'],
        summary: 'What a new boundary for this node would change; writes nothing',
        params: Id,
        body: Layer,
      },
    },
    async (req) => {
      const { actor, node } = await managedNode(db, req);
      const layer = await layerForNode(db, node, req.body);
      const preview = await previewBoundaries(db, layer, scopesFor(actor, 'org.manage'));
      const lang = localeOf(req);
      // a 200 answer is not localised by the error handler, so the problems are narrowed here
      return {
        data: { ...preview, problems: preview.problems.map((p) => ({ ...p, message: p.message[lang] })) },
      };
    },
  );

  app.post<{ Params: typeof Id.static; Body: typeof Layer.static }>(
    '/api/org/nodes/:id/boundary',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['org'],
        summary: 'Apply a new boundary for this node; existing cases keep the grid they were filed under',
        params: Id,
        body: Layer,
      },
    },
    async (req) => {
      const { actor, node } = await managedNode(db, req);
      const layer = await layerForNode(db, node, req.body);
      const result = await importBoundaries(db, layer, {
        actorId: actor.userId,
        scopes: scopesFor(actor, 'org.manage'),
        ip: req.ip,
      });
      return { data: result };
    },
  );
}
