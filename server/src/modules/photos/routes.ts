import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { actorOf } from '../auth/plugin.ts';
import { holdsOn } from '../cases/case-access.ts';
import { findCase } from '../cases/case-row.ts';
import { isPublicPhoto } from '../cases/public-queries.ts';
import { type PhotoStore, photoStore } from './photo-store.ts';
import { configurePhotoWork, trackResponse } from './photo-work.ts';
import { findPhoto, maySeeOriginal } from './queries.ts';
import { PHOTO_LIMITS } from './read-uploads.ts';
import { type PhotoVariant, photoVariant } from './store-photo.ts';

const Id = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
});
// ids are random and never reused, and a photo never changes: caches may keep the bytes for a year
const PUBLIC_CACHE = 'public, max-age=31536000, immutable';
export const PRIVATE_CACHE = 'private, max-age=3600';

/** Streams a stored file, or 404 when it is gone (a photo row whose files were removed). */
export async function sendFile(
  reply: FastifyReply,
  store: PhotoStore,
  photo: { id: string; mime: string },
  variant: PhotoVariant,
  cache: string,
) {
  const { name, mime } = photoVariant(photo, variant);
  const found = await store.read(photo.id, name);
  if (!found) throw notFound();
  return reply
    .header('content-type', mime)
    .header('content-length', found.size)
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .send(found.body);
}

/** Whether the caller is staff holding the photo's case (a reporter's hold alone does not count). */
async function holdsPhotoCase(db: Db, actor: Actor | null, caseId: number): Promise<boolean> {
  const c = actor && (await findCase(db, caseId));
  if (!actor || !c) return false;
  return (await holdsOn(db, actor, c)).some((h) => h.via !== 'reporter');
}

/**
 * Case photos: originals to staff; EXIF-free copies and thumbnails to anyone for photos of public steps of
 * public cases, and to staff holding the case for the others (cached privately then).
 */
export function photoRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const dir = photoStore(config);
  configurePhotoWork(config.limits.photos);
  // an upload read into memory counts against the budget until its response has closed (photo-work.ts)
  app.addHook('onRequest', async (req, reply) => {
    if (/multipart/i.test(req.headers['content-type'] ?? '')) trackResponse(req.raw, reply.raw);
  });
  // An upload refused before it was read to its end (a file over 10 MB, a tenth file, a broken part) leaves
  // the rest of its body unread on the connection, and nothing reads it any more: the next request sent on
  // that keep-alive connection waited for the keep-alive timeout (72 s) and was then reset. Such an answer
  // closes the connection instead, so the client sends its next request on a new one.
  app.addHook('onSend', async (req, reply) => {
    if (!req.raw.complete && /multipart/i.test(req.headers['content-type'] ?? '')) {
      reply.header('connection', 'close');
    }
  });
  // multipart parsing for every route that takes a report with photos (they call readMultipart)
  void app.register(multipart, {
    limits: {
      files: PHOTO_LIMITS.maxFiles,
      fileSize: PHOTO_LIMITS.maxBytes,
      fields: 100,
      fieldSize: 64 * 1024,
    },
  });

  for (const variant of ['public', 'thumb'] as const) {
    app.get<{ Params: typeof Id.static }>(
      `/api/photos/:id/${variant}`,
      {
        schema: {
          tags: ['photos'],
          summary:
            variant === 'public'
              ? 'A case photo without EXIF/GPS metadata, at most 2048 px (no login for photos of public steps)'
              : 'A 320 px WebP thumbnail of a case photo (no login for photos of public steps)',
          params: Id,
        },
      },
      async (req, reply) => {
        const photo = await findPhoto(db, req.params.id);
        if (!photo) throw notFound();
        // photos of public steps of public cases are for anyone; any other one only for staff holding the case
        const open = await isPublicPhoto(db, photo.id);
        if (!open && !(await holdsPhotoCase(db, req.actorOrNull, photo.caseId))) throw notFound();
        // Open311 clients show media_url on their own sites: the public copies may be embedded anywhere
        if (open) reply.header('cross-origin-resource-policy', 'cross-origin');
        return sendFile(reply, dir, photo, variant, open ? PUBLIC_CACHE : PRIVATE_CACHE);
      },
    );
  }

  app.get<{ Params: typeof Id.static }>(
    '/api/photos/:id',
    {
      schema: {
        tags: ['photos'],
        summary: 'The photo as uploaded, with its metadata (staff who may see the case)',
        params: Id,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const photo = await findPhoto(db, req.params.id);
      if (!photo || !maySeeOriginal(actor, photo)) throw notFound();
      return sendFile(reply, dir, photo, 'original', PRIVATE_CACHE);
    },
  );
}
