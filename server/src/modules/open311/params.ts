import { badRequest, type Format } from './respond.ts';

/** Raw query or form values: Fastify gives a repeated parameter as an array. */
export type RawParams = Record<string, string | string[] | undefined>;

const DAY_MS = 86_400_000;
/** The spec's longest start_date…end_date span and its default window. */
export const MAX_SPAN_DAYS = 90;
/** The spec's default (and here maximal) number of requests per answer. */
export const MAX_PAGE_SIZE = 1000;
/**
 * The most ids one GET requests may list. FixMyStreet's fallback polling sends every id it ever sent in one
 * request; 50,000 seven-digit ids are about 400 KB of request line (see MAX_REQUEST_LINE_BYTES in app.ts).
 */
export const MAX_IDS = 50_000;

/** `05.02.json` → { name: '05.02', format: 'json' }; null when the path names no format. */
export function splitFormat(segment: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(segment);
  return m ? { name: m[1]!, format: m[2] as Format } : null;
}

/**
 * One parameter as text; a repeated parameter joined with commas (clients send lists either way). Empty
 * means absent: the spec treats an empty optional argument exactly like a missing one.
 */
export function param(params: RawParams, name: string): string | undefined {
  const v = params[name];
  const text = (Array.isArray(v) ? v.filter((x) => x.trim() !== '').join(',') : v)?.trim();
  return text ? text : undefined;
}

/** A comma-delimited list parameter, without empty items; undefined when absent or empty. */
export function listParam(params: RawParams, name: string): string[] | undefined {
  const items = param(params, name)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/**
 * The dates a query may name: requests are no older than 1970, and a window is searched in PostgreSQL,
 * which has no year 0 (a window reaching back from 0001-01-01 was a 500) and no five-digit years in ISO text.
 */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A W3C date-time (ISO 8601 subset with a time zone, e.g. 2010-01-01T00:00:00Z). A bare date means the start
 * of that day in China (+08:00), the district's time zone.
 */
export function parseW3c(text: string, field: string): Date {
  const m = W3C.exec(text);
  const bad = () =>
    badRequest({
      zh: `${field} 须为 W3C 日期时间，如 2010-01-01T00:00:00Z`,
      en: `${field} must be a W3C date-time such as 2010-01-01T00:00:00Z`,
    });
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.parse rolls 2024-02-31 over into March; a date that does not exist is an error instead
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) throw bad();
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00+08:00` : text);
  if (Number.isNaN(ms)) throw bad();
  if (ms < EARLIEST || ms > LATEST) {
    throw badRequest({
      zh: `${field} 须在 1970 年至 9999 年之间`,
      en: `${field} must lie between the years 1970 and 9999`,
    });
  }
  return new Date(ms);
}

/** A filtered, paged search of GET requests, with the spec's defaults applied. */
export interface RequestFilter {
  serviceCodes?: string[];
  start: Date;
  end: Date;
  statuses?: ('open' | 'closed')[];
  page: number;
  pageSize: number;
}

/** What GET requests asks for: the listed ids (which override every filter), or a filter. */
export type RequestQuery = { extensions: boolean } & ({ ids: number[] } | { filter: RequestFilter });

/** A time cut to its whole second (times are shown to the second). */
export const wholeSecond = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** The first instant after the second of d: `< secondAfter(end)` makes an end_date inclusive to the second. */
export const secondAfter = (d: Date): Date => new Date(wholeSecond(d).getTime() + 1000);

/** An optional positive integer parameter (page, page_size); 400 when malformed. */
export function positiveInt(params: RawParams, name: string): number | undefined {
  const text = param(params, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw badRequest({ zh: `${name} 须为正整数`, en: `${name} must be a positive integer` });
  }
  return Number(text);
}

/**
 * The date window: both ends as given (at most 90 days apart), one end plus or minus 90 days, or the last
 * 90 days when neither is given.
 */
function window(params: RawParams, now: Date): { start: Date; end: Date } {
  const from = param(params, 'start_date');
  const to = param(params, 'end_date');
  const span = MAX_SPAN_DAYS * DAY_MS;
  const start = from ? parseW3c(from, 'start_date') : null;
  const end = to ? parseW3c(to, 'end_date') : null;
  // the end left open near the year 9999 stops there rather than running off the calendar
  const out = {
    start: start ?? new Date((end ?? now).getTime() - span),
    end: end ?? (start ? new Date(Math.min(start.getTime() + span, LATEST)) : now),
  };
  if (out.end < out.start) {
    throw badRequest({ zh: 'end_date 早于 start_date', en: 'end_date is before start_date' });
  }
  if (out.end.getTime() - out.start.getTime() > span) {
    throw badRequest({
      zh: `start_date 至 end_date 不能超过 ${MAX_SPAN_DAYS} 天`,
      en: `start_date to end_date may not span more than ${MAX_SPAN_DAYS} days`,
    });
  }
  return out;
}

/** Reads the parameters of GET requests; 400 for a malformed one. */
export function parseRequestQuery(params: RawParams, now = new Date()): RequestQuery {
  const extensions = param(params, 'extensions')?.toLowerCase() === 'true';
  const ids = listParam(params, 'service_request_id');
  if (ids) {
    if (!ids.every((id) => /^\d{1,9}$/.test(id))) {
      throw badRequest({
        zh: 'service_request_id 须为以逗号分隔的编号',
        en: 'service_request_id must be a comma-separated list of ids',
      });
    }
    if (ids.length > MAX_IDS) {
      throw badRequest({
        zh: `service_request_id 最多 ${MAX_IDS} 个`,
        en: `at most ${MAX_IDS} service_request_id values`,
      });
    }
    return { extensions, ids: [...new Set(ids.map(Number))] };
  }
  const statuses = listParam(params, 'status');
  if (statuses && !statuses.every((s) => s === 'open' || s === 'closed')) {
    throw badRequest({ zh: 'status 只能是 open 或 closed', en: 'status must be open or closed' });
  }
  const serviceCodes = listParam(params, 'service_code');
  return {
    extensions,
    filter: {
      ...(serviceCodes ? { serviceCodes } : {}),
      ...window(params, now),
      ...(statuses ? { statuses: [...new Set(statuses)] as ('open' | 'closed')[] } : {}),
      page: positiveInt(params, 'page') ?? 1,
      // larger pages than the spec's default limit are cut to it rather than refused
      pageSize: Math.min(positiveInt(params, 'page_size') ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
    },
  };
}
