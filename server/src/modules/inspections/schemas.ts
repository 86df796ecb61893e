import { ANSWER_RESULTS, CHECKLIST_ANSWER_TYPES, INSPECTION_KINDS } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { invalid } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { typeboxProblems } from '../../infra/validation-messages.ts';

/** A union of string literals whose static type is the literals' union. */
export const literals = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
export const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const Point = Type.Object(
  { lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { additionalProperties: false },
);

export const ChecklistItemBody = Type.Object(
  {
    textZh: Type.String({ minLength: 1, maxLength: 200 }),
    textEn: Type.String({ maxLength: 300 }),
    answerType: literals(CHECKLIST_ANSWER_TYPES),
    maxScore: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    passScore: Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()]),
    weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    photoOnFail: Type.Boolean(),
    categoryCode: Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' }),
  },
  { additionalProperties: false },
);
export const ChecklistBody = Type.Object(
  { items: Type.Array(ChecklistItemBody, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

export const PointBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    pointTypeId: RowId(),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    location: Point,
    leaderId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    unitId: Type.Optional(Type.Union([RowId(), Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PlanBody = Type.Object(
  {
    kind: literals(INSPECTION_KINDS),
    title: Type.String({ minLength: 1, maxLength: 100 }),
    plannedOn: Day,
    plannedTime: Type.Optional(
      Type.Union([Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' }), Type.Null()]),
    ),
    leaderId: Type.Optional(Uuid),
    teamIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    pointIds: Type.Array(RowId(), { minItems: 1, maxItems: 60 }),
    start: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Answer = Type.Object(
  {
    itemId: RowId(),
    result: literals(ANSWER_RESULTS),
    score: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()])),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    location: Type.Optional(Type.Union([Point, Type.Null()])),
    answeredAt: Type.Optional(
      Type.Union([
        Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})$' }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);
export const AnswersBody = Type.Object(
  { answers: Type.Array(Answer, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
const answersCheck = TypeCompiler.Compile(AnswersBody);

/**
 * The answers of a multipart request (the `answers` field holds their JSON, files come as `photo-<itemId>`)
 * or of a JSON body, checked against AnswersBody.
 */
export function parseAnswers(fields: Record<string, unknown>): (typeof AnswersBody)['static'] {
  let value: unknown = fields;
  if (typeof fields.answers === 'string') {
    try {
      value = { answers: JSON.parse(fields.answers) };
    } catch {
      throw invalid([{ field: 'body/answers', message: { zh: '须为 JSON', en: 'must be JSON' } }]);
    }
  }
  if (!answersCheck.Check(value)) throw invalid(typeboxProblems(answersCheck.Errors(value), 'body'));
  return value;
}
