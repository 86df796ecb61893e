import { i18n } from '../i18n/index.ts';

/** A field-level problem reported with a 400 answer. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An API refusal: the server's code, its already-localised message, and any details. */
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

  /** The field problems of a validation error, with `body/` prefixes and slashes removed. */
  fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.flatMap((d: unknown) => {
      if (typeof d !== 'object' || d === null) return [];
      const { field, message } = d as Record<string, unknown>;
      if (typeof field !== 'string' || typeof message !== 'string') return [];
      return [{ field: field.replace(/^(body|querystring|params)?\/?/, '').split('/')[0] ?? '', message }];
    });
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error && 'code' in error;
}

/** Sends one request with the session cookie and the UI language; resolves to the parsed JSON body. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language };
  // A FormData body (photos) sets its own multipart content type with the boundary.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // A proxy error page or similar: fall through to the generic message below.
  }
  if (!res.ok) {
    if (isErrorBody(parsed)) {
      throw new ApiError(res.status, parsed.error.code, parsed.error.message, parsed.error.details);
    }
    throw new ApiError(res.status, 'HTTP', i18n.t('errors.http', { status: res.status }));
  }
  return parsed as T;
}

/** GETs an endpoint that answers `{data}` and resolves to the data. */
export async function getData<T>(path: string): Promise<T> {
  return (await request<{ data: T }>('GET', path)).data;
}

/** Sends a change and resolves to the `data` of the answer. */
export async function sendData<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<T> {
  return (await request<{ data: T }>(method, path, body)).data;
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The message to show for any thrown value, in the UI language. */
/** A refused save as one sentence: the server's message and what it said of each field. */
export function refusalText(err: unknown): string {
  return err instanceof ApiError
    ? [err.message, ...err.fieldProblems().map((x) => x.message)].join(' ')
    : errorMessage(err);
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return i18n.t('errors.unknown');
}
