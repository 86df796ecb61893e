import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Db, one } from '../../infra/db.ts';
import { AppError, notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { holdsOn } from '../cases/case-access.ts';
import { findCase } from '../cases/case-row.ts';
import { approvePhoto } from './commands/approve-photo.ts';
import { gridOutlineRoutes } from './grid-outlines.ts';
import { presentNearby } from './present-nearby.ts';
import { approvedPhotos, listNearbyCases } from './queries.ts';

const NearbyQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -85, maximum: 85 }),
  radius: Type.Optional(Type.Integer({ minimum: 50, maximum: 3000, description: 'metres, default 1000' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'default 50' })),
});

const PhotoParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ApprovalBody = Type.Object({ approved: Type.Boolean() }, { additionalProperties: false });

/** Staff who decide what the public sees of a case in their area (not units, grid workers or leaders). */
const APPROVERS = new Set(['district_admin', 'dispatcher', 'street_staff', 'community_staff']);

/** Reports nearby: the public map and list a resident reads before reporting (anyone, rate-limited). */
export function nearbyRoutes(app: FastifyInstance, db: Db): void {
  gridOutlineRoutes(app, db);
  app.get<{ Querystring: typeof NearbyQuery.static }>(
    '/api/nearby',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Public reports near a point, nearest first: public text only; internal sources, 市民文明行为, disputes, ' +
          'hardship and care alerts left out; closed ones for 30 days; photos only once staff approved them',
        querystring: NearbyQuery,
      },
    },
    async (req) => {
      const { lng, lat, radius = 1000, limit = 50 } = req.query;
      const found = await listNearbyCases(db, { lng, lat, radiusM: radius, limit });
      const photos = await approvedPhotos(
        db,
        found.map((c) => c.id),
      );
      return { data: found.map((c) => presentNearby(c, photos.get(c.id) ?? null)) };
    },
  );

  app.post<{ Params: typeof PhotoParams.static; Body: typeof ApprovalBody.static }>(
    '/api/photos/:id/public-approval',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Approve a case photo for the public map nearby (or withdraw the approval) after looking at it: ' +
          'staff of the case’s area only',
        params: PhotoParams,
        body: ApprovalBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const photo = await one<{ id: string; caseId: number }>(
        db,
        sql`select id::text, case_id as "caseId" from case_photos where id = ${req.params.id}::uuid`,
      );
      const c = photo && (await findCase(db, photo.caseId));
      if (!photo || !c) throw notFound();
      const holds = await holdsOn(db, actor, c);
      if (!holds.some((h) => h.via !== 'reporter')) throw notFound();
      if (!holds.some((h) => h.via === 'scope' && APPROVERS.has(h.role)))
        throw new AppError('FORBIDDEN', 403);
      const at = await approvePhoto(
        db,
        { id: photo.id, caseId: c.id, orgCode: c.orgCode },
        { approved: req.body.approved, actorId: actor.userId, ip: req.ip },
      );
      return { data: { id: photo.id, publicApprovedAt: at } };
    },
  );
}
