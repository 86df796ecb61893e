import { ERROR_MESSAGES, type ErrorCode } from '@civicgrid/shared';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { isDbUnavailable, retryAfterSeconds } from './db-errors.ts';
import { type AjvFailure, ajvProblems, type Localized, localizeDetails } from './validation-messages.ts';

/** A refusal the API reports with a typed code, an HTTP status and optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(ERROR_MESSAGES[code].en);
  }
}

/** A refusal worth retrying after a while (429, 503, a locked login): the answer carries `Retry-After`. */
export class RetryLater extends AppError {
  constructor(
    code: ErrorCode,
    status: number,
    readonly retryAfterSeconds: number,
  ) {
    super(code, status, { retryAfterSeconds });
  }
}

/** Sets the Retry-After header of a RetryLater refusal (whole seconds, at least 1). */
export function setRetryAfter(reply: FastifyReply, err: unknown): void {
  if (err instanceof RetryLater)
    reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
}

export const notFound = () => new AppError('NOT_FOUND', 404);
export const forbidden = () => new AppError('FORBIDDEN', 403);
export const invalid = (details?: unknown) => new AppError('VALIDATION_FAILED', 400, details);

/** The caller's language: English when Accept-Language prefers it, Chinese otherwise. */
export function localeOf(req: FastifyRequest): 'zh' | 'en' {
  const header = req.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

function send(reply: FastifyReply, req: FastifyRequest, status: number, code: ErrorCode, details?: unknown) {
  const lang = localeOf(req);
  return reply
    .status(status)
    .send({ error: { code, message: ERROR_MESSAGES[code][lang], details: localizeDetails(details, lang) } });
}

/**
 * Fastify's `frameworkErrors`: the answer to a URL the router refuses before any route or hook sees it (a
 * malformed percent-escape, 400; a path parameter over 100 characters, 414). Without it Fastify answers in
 * fixed English JSON of its own; with it the caller gets the API's error body in their language, like every
 * other refusal.
 */
export const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (err, req, reply) => {
  const status = err.statusCode ?? 500;
  if (status >= 500) {
    req.log.error({ err }, 'router error');
    return send(reply, req, 500, 'INTERNAL');
  }
  const message =
    status === 414
      ? { zh: '地址中的参数过长', en: 'a parameter of the address is too long' }
      : { zh: '地址不是有效的 URL 编码', en: 'the address is not validly URL-encoded' };
  return send(reply, req, status, 'VALIDATION_FAILED', [{ field: 'url', message }]);
};

/** Fastify's own refusals of a request body, as a field problem the caller reads in their language. */
const BODY_REFUSALS: Record<string, Localized> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    zh: '不接受这种内容类型（Content-Type）',
    en: 'this Content-Type is not accepted here',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { zh: '请求体为空', en: 'the body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { zh: '请求体不是有效的 JSON', en: 'the body is not valid JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { zh: '请求体过大', en: 'the body is too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    zh: 'Content-Length 与请求体不符',
    en: 'Content-Length does not match the body',
  },
};

/** What a Fastify body refusal (415, 413, broken JSON) says in either language, or null for other errors. */
export function bodyRefusal(err: unknown): Localized | null {
  return BODY_REFUSALS[(err as { code?: string }).code ?? ''] ?? null;
}

/** Turns thrown errors into the API's error body; unknown errors are logged and reported as 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    setRetryAfter(reply, err);
    if (err instanceof AppError) return send(reply, req, err.status, err.code, err.details);
    // a database outage is the server's condition, not the caller's mistake, and passes: 503, retry later
    if (isDbUnavailable(err))
      return send(reply.header('retry-after', retryAfterSeconds(err)), req, 503, 'DB_UNAVAILABLE');
    const { validation, validationContext } = err as FastifyError;
    if (validation) {
      const details = ajvProblems(validation as AjvFailure[], validationContext ?? '');
      return send(reply, req, 400, 'VALIDATION_FAILED', details);
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const known = bodyRefusal(err);
      const details = known ? [{ field: 'body', message: known }] : err.message;
      return send(reply, req, status, status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', details);
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, 500, 'INTERNAL');
  });
  app.setNotFoundHandler((req, reply) => send(reply, req, 404, 'NOT_FOUND'));
}
