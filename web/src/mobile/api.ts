import { i18n } from './i18n/index.ts';

/**
 * A lean fetch client for the phone pages. The console's client (web/src/api/client.ts) imports the console's
 * i18n tables, so the phone pages keep their own copy of the few lines they need.
 */

/** A field-level problem of a 400 answer, with `body/` and the like removed from the field. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An API refusal (status 0: the request never reached the server). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * True when sending the same request again later may succeed: no connection, a server-side failure or a
   * busy server (503), or too many requests from this address for now (429, with Retry-After).
   */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  /** The field problems of a validation refusal, e.g. `answers/volume` → `answers/volume`. */
  fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.flatMap((d: unknown) => {
      if (typeof d !== 'object' || d === null) return [];
      const { field, message } = d as Record<string, unknown>;
      if (typeof field !== 'string') return [];
      return [
        {
          field: field.replace(/^\/?(body|querystring|params)?\/?/, ''),
          message: typeof message === 'string' ? message : '',
        },
      ];
    });
  }
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error && 'code' in error;
}

export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

/** One request with the session cookie and the UI language; resolves to the parsed JSON and the status. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  opts: RequestOptions = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language,
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'include', body });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's error page: the generic message below
  }
  if (!res.ok) {
    if (isErrorBody(parsed))
      throw new ApiError(res.status, parsed.error.code, parsed.error.message, parsed.error.details);
    throw new ApiError(res.status, 'HTTP', i18n.t('errors.http', { status: res.status }));
  }
  return { status: res.status, body: parsed as T };
}

/** GETs an endpoint answering `{ data }`. */
export async function getData<T>(path: string): Promise<T> {
  return (await request<{ data: T }>('GET', path)).body.data;
}

/** POSTs JSON (or a form) to an endpoint answering `{ data }`. */
export async function postData<T>(path: string, json?: unknown, form?: FormData): Promise<T> {
  return (await request<{ data: T }>('POST', path, { json, form })).body.data;
}

/** The message to show for anything thrown, in the UI language. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return i18n.t('errors.unknown');
}

/** A random UUID v4, also where `crypto.randomUUID` is missing (plain-http pages are not secure contexts). */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
