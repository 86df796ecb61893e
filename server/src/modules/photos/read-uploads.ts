import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../infra/errors.ts';
import { assertStorableText } from '../../infra/text-input.ts';
import { leaseFor, markLeased } from './photo-work.ts';
import { MAX_PHOTO_BYTES } from './store-photo.ts';

/** What a multipart report carried: its text fields and the bytes of its files, in order. */
export interface MultipartUpload {
  fields: Record<string, string>;
  files: Buffer[];
  /** the form field each file came in (parallel to files), e.g. "photos", "before", "after" */
  fileFields: string[];
}

export interface UploadLimits {
  maxFiles: number;
  maxBytes: number;
}

export const PHOTO_LIMITS: UploadLimits = { maxFiles: 9, maxBytes: MAX_PHOTO_BYTES };
const MAX_FIELDS = 100;
const MAX_FIELD_BYTES = 64 * 1024;

/** The most a multipart request can bring into memory under these limits (files, fields, part headers). */
function maxRequestBytes(limits: UploadLimits): number {
  return limits.maxFiles * limits.maxBytes + MAX_FIELDS * MAX_FIELD_BYTES + 1024 * 1024;
}

/** A body that is not (complete, valid) multipart: the parser's own words (English) stay as the reason. */
const notMultipart = (reason: string) =>
  invalid([
    {
      field: 'body',
      message: {
        zh: '不是完整有效的 multipart/form-data 表单',
        en: 'is not complete, valid multipart/form-data',
      },
      reason,
    },
  ]);

/** The refusal for a multipart parser error (@fastify/multipart reports limits by error code). */
function refusal(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_FILES_LIMIT') return new AppError('PHOTO_TOO_MANY', 400);
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('PHOTO_TOO_LARGE', 413);
  return notMultipart(err instanceof Error ? err.message : String(err));
}

/**
 * Reads a whole multipart/form-data request into memory (at most maxFiles files of maxBytes each) without
 * storing anything, so the caller can validate everything first and then store and attach in one go.
 * Too many files → PHOTO_TOO_MANY (400); a file over the limit → PHOTO_TOO_LARGE (413). Before reading, the
 * request's size (Content-Length, or the most it could be) is reserved from this process's upload budget,
 * waiting a while when it is spent, then refused with 503 SERVER_BUSY, unread (photo-work.ts).
 */
export async function readMultipart(
  req: FastifyRequest,
  limits: UploadLimits = PHOTO_LIMITS,
): Promise<MultipartUpload> {
  if (!req.isMultipart()) throw notMultipart('expected multipart/form-data');
  const declared = Number(req.headers['content-length']);
  const most = maxRequestBytes(limits);
  const lease = await leaseFor(req.raw, declared > 0 ? Math.min(declared, most) : most);
  const fields: Record<string, string> = {};
  const files: Buffer[] = [];
  const fileFields: string[] = [];
  try {
    const parts = req.parts({
      limits: {
        files: limits.maxFiles,
        fileSize: limits.maxBytes,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // a browser sends an empty, nameless file part for a file input left empty
        if (data.length === 0 && !part.filename) continue;
        files.push(data);
        fileFields.push(part.fieldname);
      } else {
        if (part.valueTruncated) throw invalid({ field: part.fieldname, reason: 'too long' });
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
      }
    }
  } catch (err) {
    throw refusal(err);
  }
  if (files.length > limits.maxFiles) throw new AppError('PHOTO_TOO_MANY', 400);
  // the text fields bypass the central check (they are parsed here, after validation)
  assertStorableText(fields, 'body');
  markLeased(files, lease);
  return { fields, files, fileFields };
}
