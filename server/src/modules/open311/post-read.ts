import type { FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import { readMultipart } from '../photos/read-uploads.ts';
import { discardPhotos, type StoredPhoto, withStoredPhotos } from '../photos/store-photo.ts';
import { type ApiKeyIdentity, resolveApiKey } from './api-keys.ts';
import type { RawParams } from './params.ts';
import { type PostForm, parseForm, toPostForm } from './post-body.ts';
import { Open311Error } from './respond.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const MULTIPART = 'multipart/form-data';

/** What a GeoReport POST carried: its form and, for multipart/form-data, its files in order. */
export interface PostRead {
  form: PostForm;
  files: Buffer[];
}

/**
 * Reads a POST as the spec's form (application/x-www-form-urlencoded) or, as FixMyStreet sends it with
 * `upload_files`, multipart/form-data with photo files (photo1, photo2, …; at most 9 of 10 MB, through the
 * photo pipeline's reader). Any other content type is a 415 naming the two accepted.
 */
export async function readPost(req: FastifyRequest): Promise<PostRead> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (req.body === undefined && !type) return { form: parseForm(''), files: [] };
  if (type.startsWith(FORM))
    return { form: parseForm(typeof req.body === 'string' ? req.body : ''), files: [] };
  if (type.startsWith(MULTIPART)) {
    const upload = await readMultipart(req);
    return { form: toPostForm(upload.fields), files: upload.files };
  }
  throw new Open311Error(415, [
    {
      code: 'VALIDATION_FAILED',
      detail: { zh: `请以 ${FORM} 或 ${MULTIPART} 提交`, en: `send the request as ${FORM} or ${MULTIPART}` },
    },
  ]);
}

/** The key a POST names (in its form, else its query), or a 403: a write always needs one. */
export async function requireKey(
  db: Db,
  envKeys: string[],
  form: PostForm,
  query: RawParams,
): Promise<ApiKeyIdentity> {
  const apiKey = form.fields.api_key ?? [query.api_key].flat()[0];
  const key = await resolveApiKey(db, envKeys, apiKey);
  if (!key) {
    throw new Open311Error(403, [
      { code: 'FORBIDDEN', detail: { zh: 'api_key 缺失或无效', en: 'missing or invalid api_key' } },
    ]);
  }
  return key;
}

/**
 * Stores a POST's photo files through the photo pipeline, then runs the command with them; the files go
 * again when it fails, and when it was a retry (its photos were attached the first time).
 */
export function withPostedPhotos<T extends { replayed: boolean }>(
  dir: PhotoStore,
  files: Buffer[],
  command: (photos: StoredPhoto[]) => Promise<T>,
): Promise<T> {
  return withStoredPhotos(dir, files, async (photos) => {
    const done = await command(photos);
    if (done.replayed) {
      await discardPhotos(
        dir,
        photos.map((p) => p.id),
      );
    }
    return done;
  });
}
