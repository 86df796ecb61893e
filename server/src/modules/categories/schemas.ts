import {
  CATEGORY_BUCKETS,
  type CategoryQuestion,
  INSPECTION_POINT_TYPES,
  OWNER_UNIT_TYPES,
  QUESTION_TYPES,
} from '@civicgrid/shared';
import { type TSchema, Type } from '@sinclair/typebox';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Working hours (fractions allowed: 0.5 = 30 minutes) or whole working days. */
export const TimeLimitSchema = Type.Union([
  Type.Object(
    { value: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }), unit: Type.Literal('hour') },
    { additionalProperties: false },
  ),
  Type.Object(
    { value: Type.Integer({ minimum: 1, maximum: 365 }), unit: Type.Literal('day') },
    { additionalProperties: false },
  ),
]);

export const LimitsSchema = Type.Object(
  { normal: TimeLimitSchema, urgent: TimeLimitSchema, critical: TimeLimitSchema },
  { additionalProperties: false },
);

const OptionSchema = Type.Object(
  {
    value: Type.String({ pattern: '^[a-z0-9_]{1,32}$' }),
    labelZh: Type.String({ minLength: 1, maxLength: 50 }),
    labelEn: Type.String({ minLength: 1, maxLength: 80 }),
  },
  { additionalProperties: false },
);

export const QuestionSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }),
    labelZh: Type.String({ minLength: 1, maxLength: 50 }),
    labelEn: Type.String({ minLength: 1, maxLength: 80 }),
    type: literals(QUESTION_TYPES),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(OptionSchema, { minItems: 1, maxItems: 30 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

export const QuestionsSchema = Type.Array(QuestionSchema, { maxItems: 20 });

/** The editable fields of a category, shared by the seed, POST and PATCH. */
export const CategoryFields = {
  nameZh: Type.String({ minLength: 1, maxLength: 50 }),
  nameEn: Type.String({ minLength: 1, maxLength: 100 }),
  gbCode: nullable(Type.String({ pattern: '^[0-9A-Za-z.-]{1,20}$' })),
  bucket: nullable(literals(CATEGORY_BUCKETS)),
  ownerUnitType: nullable(literals(OWNER_UNIT_TYPES)),
  limits: LimitsSchema,
  duplicateRadiusM: Type.Integer({ minimum: 0, maximum: 5000 }),
  questions: QuestionsSchema,
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 50 }),
  inspectionPoints: Type.Array(literals(INSPECTION_POINT_TYPES), { maxItems: INSPECTION_POINT_TYPES.length }),
  filingCriteria: nullable(Type.String({ minLength: 1, maxLength: 500 })),
  closingCriteria: nullable(Type.String({ minLength: 1, maxLength: 500 })),
  active: Type.Boolean(),
  sort: Type.Integer({ minimum: 0, maximum: 9999 }),
};

/**
 * What a schema cannot say about a list of questions: unique codes, options exactly for choice questions
 * with unique values, bounds only on numbers and in order. Returns `{ field, message }` problems.
 */
export function questionProblems(
  questions: readonly CategoryQuestion[],
  at = '/questions',
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const field = `${at}/${i}`;
    if (seen.has(q.code)) problems.push({ field, message: `duplicate question code ${q.code}` });
    seen.add(q.code);
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice && !q.options?.length) problems.push({ field, message: `a ${q.type} question needs options` });
    if (!choice && q.options) problems.push({ field, message: `a ${q.type} question takes no options` });
    const values = (q.options ?? []).map((o) => o.value);
    if (new Set(values).size !== values.length) problems.push({ field, message: 'duplicate option values' });
    if (q.type !== 'number' && (q.min !== undefined || q.max !== undefined)) {
      problems.push({ field, message: 'only number questions take min and max' });
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      problems.push({ field, message: 'min is above max' });
    }
  });
  return problems;
}
