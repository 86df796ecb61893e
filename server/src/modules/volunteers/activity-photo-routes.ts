import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { invalid, notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, can, scopesFor } from '../auth/policy.ts';
import { readFieldsAndFiles, withStoredPhotos } from '../inspections/routes.ts';
import { photoStore } from '../photos/photo-store.ts';
import { PRIVATE_CACHE, sendFile } from '../photos/routes.ts';
import { activityOpenTo, activityPhotos, findActivity, findActivityPhoto } from './activity-queries.ts';
import { myVolunteer } from './activity-routes.ts';
import { attachActivityPhotos } from './commands/attach-activity-photos.ts';
import { presentActivityPhoto } from './present.ts';
import { volunteerOfUser } from './queries.ts';
import { IdParams } from './schemas.ts';

const TAGS = ['volunteers'];
const PhotoParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  variant: Type.Union([Type.Literal('thumb'), Type.Literal('public')]),
});

/** The files of a multipart upload, refusing one that carries none. */
async function uploadedFiles(req: FastifyRequest): Promise<Buffer[]> {
  const { files } = await readFieldsAndFiles(req);
  if (!files.length) {
    throw invalid([{ field: 'body/photo', message: { zh: '请选择照片', en: 'choose a photo' } }]);
  }
  return files;
}

/**
 * Activity photos (docs/volunteers.md): organisers attach them in the console, volunteers signed in to the
 * activity from the phone. They go through the common photo store (type by magic bytes, 10 MB and 9 files at
 * most, EXIF and GPS stripped from the copies served); only those copies are served here, never the original.
 */
export function activityPhotoRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const store = photoStore(config);
  const photosOf = async (id: number) => (await activityPhotos(db, id)).map(presentActivityPhoto);

  app.post<{ Params: typeof IdParams.static }>(
    '/api/volunteers/activities/:id/photos',
    {
      schema: {
        tags: TAGS,
        summary: 'Attach photos to an activity (multipart, up to 9; organisers)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await findActivity(db, req.params.id);
      if (!a) throw notFound();
      assertCan(actor, 'volunteer.manage', a.orgCode);
      const files = await uploadedFiles(req);
      await withStoredPhotos(store, files, (stored) =>
        attachActivityPhotos(db, actor, a, stored, { ip: req.ip }),
      );
      reply.code(201);
      return { data: await photosOf(a.id) };
    },
  );

  app.post<{ Params: typeof IdParams.static }>(
    '/api/volunteers/me/activities/:id/photos',
    {
      schema: {
        tags: TAGS,
        summary: 'Attach photos to an activity one has signed in to (multipart, up to 9; the phone)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = await myVolunteer(db, actor);
      const a = await findActivity(db, req.params.id);
      if (!a || !activityOpenTo(a.orgCode, v.orgCode)) throw notFound();
      const files = await uploadedFiles(req);
      await withStoredPhotos(store, files, (stored) =>
        attachActivityPhotos(db, actor, a, stored, { volunteerId: v.id, ip: req.ip }),
      );
      reply.code(201);
      return { data: await photosOf(a.id) };
    },
  );

  app.get<{ Params: typeof PhotoParams.static }>(
    '/api/volunteers/photos/:id/:variant',
    {
      schema: {
        tags: TAGS,
        summary:
          'An activity photo without EXIF/GPS (thumb: 320 px WebP; public: at most 2048 px), for staff reading the area and volunteers the activity is open to',
        params: PhotoParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const photo = await findActivityPhoto(db, req.params.id);
      if (!photo) throw notFound();
      if (!can(actor, 'volunteer.read', photo.orgCode)) {
        // a volunteer sees the photos of the activities they may join, like the activities themselves
        const serves = scopesFor(actor, 'volunteer.serve').length > 0;
        const v = serves ? await volunteerOfUser(db, actor.userId) : null;
        if (!v || !activityOpenTo(photo.orgCode, v.orgCode))
          assertCan(actor, 'volunteer.read', photo.orgCode);
      }
      return sendFile(reply, store, photo, req.params.variant, PRIVATE_CACHE);
    },
  );
}
