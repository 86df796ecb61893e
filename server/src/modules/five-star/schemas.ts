import { FIVE_STAR_METRICS, FIVE_STAR_SCOPES, ITEM_KINDS, STAR_KEYS } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';

const Code = Type.String({ pattern: '^[0-9]{6,15}$' });
export const CommunityCode = Type.String({ pattern: '^[0-9]{12}$' });
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Key = Type.String({ pattern: '^[a-z0-9_-]{1,40}$' });
const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

export const BranchParams = Type.Object({ code: CommunityCode, year: Year });
export const PhotoParams = Type.Object({ code: CommunityCode, year: Year, key: Key });
export const YearQuery = Type.Object({ year: Type.Optional(Year), org: Type.Optional(Code) });

export const StandardParams = Type.Object({ year: Year, scope: lit(FIVE_STAR_SCOPES) });
export const StandardBody = Type.Object({
  stars: Type.Array(
    Type.Object({
      star: lit(STAR_KEYS),
      items: Type.Array(
        Type.Object({
          key: Key,
          title: Type.String({ minLength: 1, maxLength: 200 }),
          kind: lit(ITEM_KINDS),
          min: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
          max: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
          threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
          metric: Type.Optional(Type.Union([lit(FIVE_STAR_METRICS), Type.Null()])),
        }),
        { minItems: 1, maxItems: 30 },
      ),
    }),
    { minItems: 5, maxItems: 5 },
  ),
});

export const AnswersBody = Type.Object({
  answers: Type.Array(
    Type.Object({
      key: Key,
      value: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1_000_000 }), Type.Null()])),
      passed: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
      evidence: Type.Optional(Type.String({ maxLength: 2000 })),
    }),
    { maxItems: 150 },
  ),
});

export const ReviewBody = Type.Object({
  items: Type.Array(
    Type.Object({
      key: Key,
      accepted: Type.Boolean(),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
    }),
    { minItems: 1, maxItems: 150 },
  ),
});

export const DecideBody = Type.Object({
  stars: Type.Array(lit(STAR_KEYS), { maxItems: 5 }),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});

export const VetoBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  effectiveOn: Type.String({ format: 'date' }),
  stars: Type.Optional(Type.Array(lit(STAR_KEYS), { maxItems: 5 })),
});

export const TargetParams = Type.Object({ street: Type.String({ pattern: '^[0-9]{9}$' }), year: Year });
export const TargetBody = Type.Object({
  targets: Type.Array(
    Type.Object({
      stars: Type.Integer({ minimum: 3, maximum: 5 }),
      branches: Type.Union([Type.Integer({ minimum: 0, maximum: 10000 }), Type.Null()]),
    }),
    { minItems: 1, maxItems: 3 },
  ),
});
