import { Type } from '@sinclair/typebox';
import { invalid } from '../../infra/errors.ts';
import { type FieldProblem, messageFor } from '../../infra/validation-messages.ts';
import type { DeviceSighting } from './commands/ingest-sightings.ts';

/** The largest batch of sightings one call may carry. */
export const MAX_BATCH = 500;

/** What a person reference may look like: opaque, short, no spaces. */
const REF = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The body of `POST /api/device/v1/sightings`, for the API documentation: the route checks it in one pass
 * (`checkSightingsBody`) instead of by the schema, which costs a validator step per item on every batch of 500.
 */
export const SightingsBody = Type.Object(
  {
    sightings: Type.Array(
      Type.Object(
        {
          ref: Type.String({ pattern: REF.source, description: 'the opaque person reference' }),
          time: Type.String({ format: 'date-time', description: 'when the device saw the person' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_BATCH },
    ),
  },
  { additionalProperties: false },
);

/** An RFC 3339 date-time with its time zone, as the schema's `format: date-time` accepts it. */
const DATE_TIME =
  /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:[Zz]|([+-])(\d\d)(?::?(\d\d))?)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `s` is a date-time by the rules of the schema's format (real days, hours, minutes; leap seconds). */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS[month]!)) return false;
  const hr = +m[4]!;
  const min = +m[5]!;
  const sec = +m[6]!;
  const sign = m[7] === '-' ? -1 : 1;
  const tzH = +(m[8] ?? 0);
  const tzM = +(m[9] ?? 0);
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  // a leap second: 23:59:60 in UTC
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problems of one item at `at` (`body/sightings/3`), none for a well-formed one. */
function itemProblems(item: unknown, at: string): FieldProblem[] {
  if (!isObject(item))
    return [{ field: at, message: messageFor({ keyword: 'type', params: { type: 'object' } }) }];
  const out: FieldProblem[] = [];
  for (const key of Object.keys(item)) {
    if (key !== 'ref' && key !== 'time')
      out.push({
        field: `${at}/${key}`,
        message: messageFor({ keyword: 'additionalProperties', params: {} }),
      });
  }
  const { ref, time } = item;
  if (ref === undefined)
    out.push({ field: `${at}/ref`, message: messageFor({ keyword: 'required', params: {} }) });
  else if (typeof ref !== 'string')
    out.push({ field: `${at}/ref`, message: messageFor({ keyword: 'type', params: { type: 'string' } }) });
  else if (!REF.test(ref))
    out.push({ field: `${at}/ref`, message: messageFor({ keyword: 'pattern', params: {} }) });
  if (time === undefined)
    out.push({ field: `${at}/time`, message: messageFor({ keyword: 'required', params: {} }) });
  else if (typeof time !== 'string')
    out.push({ field: `${at}/time`, message: messageFor({ keyword: 'type', params: { type: 'string' } }) });
  else if (!isDateTime(time))
    out.push({
      field: `${at}/time`,
      message: messageFor({ keyword: 'format', params: { format: 'date-time' } }),
    });
  return out;
}

/**
 * Checks a sightings body in one pass and returns its items, or refuses it as the schema would: 400
 * `VALIDATION_FAILED` with every field's problem in zh-CN and en-US (`body/sightings/3/time`: 须为日期时间…),
 * before anything is written. The common case — every item a `{ref, time}` of strings — costs two tests per
 * item; the problems are only worked out once a batch has one.
 */
export function checkSightingsBody(body: unknown): DeviceSighting[] {
  if (!isObject(body))
    throw invalid([{ field: 'body', message: messageFor({ keyword: 'type', params: { type: 'object' } }) }]);
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'sightings')
      problems.push({
        field: `body/${key}`,
        message: messageFor({ keyword: 'additionalProperties', params: {} }),
      });
  }
  const items = body.sightings;
  if (items === undefined)
    problems.push({ field: 'body/sightings', message: messageFor({ keyword: 'required', params: {} }) });
  else if (!Array.isArray(items))
    problems.push({
      field: 'body/sightings',
      message: messageFor({ keyword: 'type', params: { type: 'array' } }),
    });
  else if (items.length < 1 || items.length > MAX_BATCH) {
    const keyword = items.length < 1 ? 'minItems' : 'maxItems';
    const limit = items.length < 1 ? 1 : MAX_BATCH;
    problems.push({ field: 'body/sightings', message: messageFor({ keyword, params: { limit } }) });
  } else {
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Record<string, unknown> | null;
      // the fast path: an object of exactly a well-formed ref and time
      const ok =
        isObject(item) &&
        typeof item.ref === 'string' &&
        typeof item.time === 'string' &&
        REF.test(item.ref) &&
        isDateTime(item.time) &&
        Object.keys(item).length === 2;
      if (!ok) problems.push(...itemProblems(item, `body/sightings/${i}`));
    }
  }
  if (problems.length) throw invalid(problems);
  return items as DeviceSighting[];
}
