import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import { postUpdate } from './commands/post-update.ts';
import type { RawParams } from './params.ts';
import { readPost, requireKey, withPostedPhotos } from './post-read.ts';
import { langOf, sendAs } from './respond.ts';
import { readPostedUpdate } from './update-body.ts';
import { listUpdates, parseUpdatesQuery, presentUpdate } from './updates.ts';

/** What the updates routes share with the rest of the GeoReport scope. */
export interface UpdatesContext {
  envKeys: string[];
  photos: PhotoStore;
  checkJurisdiction: (given: string | undefined) => Promise<void>;
  baseUrl: (req: FastifyRequest) => string;
}

const query = (req: FastifyRequest) => req.query as RawParams;
const LIST = 'service_request_updates';

/**
 * mySociety's updates extension ("Open311 FMS – Complete Spec"): GET servicerequestupdates lists the public
 * steps of a window with the extended statuses; POST servicerequestupdates takes a client's comment (a key's
 * own requests only) as a follow-up or a reopening, idempotent on the client's update_id.
 */
export function fmsUpdateRoutes(scope: FastifyInstance, db: Db, ctx: UpdatesContext): void {
  const dir = ctx.photos;
  for (const format of ['json', 'xml'] as const) {
    scope.get(
      `/servicerequestupdates.${format}`,
      {
        schema: {
          tags: ['open311'],
          summary:
            'FMS extension: public updates of a window (start_date/end_date, both inclusive to the second; default the last 24 hours)',
        },
      },
      async (req, reply) => {
        await ctx.checkJurisdiction([query(req).jurisdiction_id].flat()[0]);
        const q = parseUpdatesQuery(query(req));
        const lang = langOf(req);
        const list = (await listUpdates(db, q)).map((u) => presentUpdate(u, lang, ctx.baseUrl(req)));
        return sendAs(reply, format, LIST, list);
      },
    );

    scope.post(
      `/servicerequestupdates.${format}`,
      {
        schema: {
          tags: ['open311'],
          summary:
            'FMS extension: post a comment on a request this key sent (form or multipart with photos; api_key required)',
        },
      },
      async (req, reply) => {
        const { form, files } = await readPost(req);
        const key = await requireKey(db, ctx.envKeys, form, query(req));
        await ctx.checkJurisdiction(form.fields.jurisdiction_id);
        const update = readPostedUpdate(form.fields, files.length > 0);
        const result = await withPostedPhotos(dir, files, (photos) => postUpdate(db, key, update, photos));
        const body = [{ update_id: String(result.eventId) }];
        return sendAs(reply, format, LIST, body, result.replayed ? 200 : 201);
      },
    );
  }
}
