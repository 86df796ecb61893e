import { ERROR_MESSAGES, type ErrorCode } from '@civicgrid/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDbUnavailable, retryAfterSeconds } from '../../infra/db-errors.ts';
import { AppError, bodyRefusal, localeOf, setRetryAfter } from '../../infra/errors.ts';
import { toXml, type Value } from './xml.ts';

export type Format = 'json' | 'xml';
export type Lang = 'zh' | 'en';

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A sentence in both languages, or one text for both (field names, codes). */
export type Text = string | { zh: string; en: string };

/** One entry of a GeoReport error list: a typed code and what exactly was wrong. */
export interface Problem {
  code: ErrorCode;
  detail?: Text;
}

/** A refusal in GeoReport terms: 403 for the key, 404 for unknown resources, 415 for a body type, else 400. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 415,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => p.code).join(', '));
  }
}

/** A 400 with one problem. */
export const badRequest = (detail: Text, code: ErrorCode = 'VALIDATION_FAILED') =>
  new Open311Error(400, [{ code, detail }]);

/** A 404 naming what was not found. */
export const notFound311 = (detail: Text, code: ErrorCode = 'NOT_FOUND') =>
  new Open311Error(404, [{ code, detail }]);

/** The format a request asked for by its extension; XML (the spec's required format) when it names none. */
export function formatOf(req: FastifyRequest): Format {
  const path = req.url.split('?')[0]!;
  return path.endsWith('.json') ? 'json' : 'xml';
}

/** The caller's language for names and messages (Accept-Language: en → English, else Chinese). */
export const langOf = (req: FastifyRequest): Lang => localeOf(req);

/** Sends a value as JSON or as the equivalent XML document under root. */
export function sendAs(reply: FastifyReply, format: Format, root: string, value: Value, status = 200) {
  const body = format === 'json' ? JSON.stringify(value) : toXml(root, value);
  return reply.status(status).header('content-type', CONTENT_TYPES[format]).send(body);
}

const say = (t: Text, lang: Lang) => (typeof t === 'string' ? t : t[lang]);

/** Field names of the intake as the GeoReport client knows them. */
function clientField(field: string): string {
  const answer = /^answers\/(.+)$/.exec(field);
  if (answer) return `attribute[${answer[1]}]`;
  return field.replace(/^body\//, '');
}

/** The problems an AppError from the shared intake stands for, one per detail it carries. */
function problemsOf(err: AppError): Problem[] {
  const details = Array.isArray(err.details) ? (err.details as { field?: string; message?: Text }[]) : [];
  const listed = details
    .filter((d) => typeof d?.field === 'string')
    .map((d) => {
      const field = clientField(d.field!);
      const m = d.message ?? '';
      const detail =
        typeof m === 'string' ? `${field} ${m}`.trim() : { zh: `${field} ${m.zh}`, en: `${field} ${m.en}` };
      return { code: err.code, detail };
    });
  return listed.length ? listed : [{ code: err.code }];
}

/** Maps anything thrown by an Open311 route to a status and a problem list; null for a server failure. */
function classify(err: unknown): { status: number; problems: Problem[] } | null {
  if (err instanceof Open311Error) return { status: err.status, problems: err.problems };
  // the database is down for a moment: a 503 tells the client to retry, where a 400 would make it drop
  if (isDbUnavailable(err)) return { status: 503, problems: [{ code: 'DB_UNAVAILABLE' }] };
  if (err instanceof AppError) {
    // 429 stays 429 (with Retry-After) so a client backs off instead of treating it as a bad request
    const kept = [403, 404, 413, 415, 429].includes(err.status);
    const status = kept ? err.status : err.status < 500 ? 400 : null;
    return status ? { status, problems: problemsOf(err) } : null;
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return {
      // a body of a type no parser reads keeps its 415: it is not the fields' fault
      status: status === 404 || status === 415 ? status : 400,
      problems: [
        {
          code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
          detail: bodyRefusal(err) ?? (err as Error).message,
        },
      ],
    };
  }
  return null;
}

/**
 * Writes the spec's error list (`[{code, description}]`, `<errors><error>…`) in the request's format. A
 * failure of the server itself stays a 500 and a database outage is a 503 with Retry-After, so clients
 * retry a report instead of dropping it.
 */
export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const lang = langOf(req);
  const known = classify(err);
  setRetryAfter(reply, err);
  if (!known) req.log.error({ err }, 'open311: unhandled error');
  const { status, problems } = known ?? { status: 500, problems: [{ code: 'INTERNAL' as const }] };
  if (status === 503) reply.header('retry-after', retryAfterSeconds(err));
  const list = problems.map((p) => ({
    code: p.code,
    description: p.detail
      ? `${ERROR_MESSAGES[p.code][lang]} (${say(p.detail, lang)})`
      : ERROR_MESSAGES[p.code][lang],
  }));
  return sendAs(reply, formatOf(req), 'errors', list, status);
}
