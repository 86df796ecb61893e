import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { invalid } from '../../infra/errors.ts';
import { typeboxProblems } from '../../infra/validation-messages.ts';
import { SOURCES } from './commands/report-case.ts';

/** A report as JSON; multipart reports send the same fields as text (location as lat/lng, answers as JSON). */
export const ReportBody = Type.Object(
  {
    source: Type.Union(
      SOURCES.map((s) => Type.Literal(s)),
      { default: 'resident' },
    ),
    categoryCode: Type.String({ minLength: 1, maxLength: 10 }),
    urgency: Type.Optional(
      Type.Union([Type.Literal('normal'), Type.Literal('urgent'), Type.Literal('critical')]),
    ),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    answers: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    location: Type.Optional(
      Type.Union([
        Type.Object({
          lng: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
        }),
        Type.Null(),
      ]),
    ),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    reporterName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    reporterPhone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }), Type.Null()])),
    externalRef: Type.Optional(
      Type.Union([
        Type.String({
          pattern: '^[A-Za-z0-9_-]{1,40}$',
          description: 'the 12345 ticket number, hotline only',
        }),
        Type.Null(),
      ]),
    ),
    /** the building of the door plate whose QR code opened the report (door-plates/plate-report.ts) */
    buildingId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  },
  { additionalProperties: false },
);
export type ReportBodyT = Static<typeof ReportBody>;

const check = TypeCompiler.Compile(ReportBody);

function number(v: unknown): unknown {
  return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
}

/** Validates a report body from JSON or from multipart text fields; 400 with the failing fields. */
export function parseReportFields(fields: Record<string, unknown>): ReportBodyT {
  const f: Record<string, unknown> = { ...fields };
  if ('lat' in f || 'lng' in f) {
    f.location = { lat: number(f.lat), lng: number(f.lng) };
    delete f.lat;
    delete f.lng;
  }
  if (typeof f.answers === 'string') {
    try {
      f.answers = JSON.parse(f.answers);
    } catch {
      throw invalid([{ field: 'body/answers', message: { zh: '须为 JSON', en: 'must be JSON' } }]);
    }
  }
  if ('buildingId' in f) f.buildingId = number(f.buildingId);
  f.source ??= 'resident';
  if (!check.Check(f)) throw invalid(typeboxProblems(check.Errors(f), 'body'));
  return f as ReportBodyT;
}
