import { Type } from '@sinclair/typebox';
import { RowId } from '../../infra/row-id.ts';

export const OrgCode = (description: string) => Type.String({ pattern: '^[0-9]{6,15}$', description });
export const QuarterText = Type.String({
  pattern: '^[0-9]{4}Q[1-4]$',
  description: 'e.g. 2026Q4 (default: now)',
});
const Point = Type.Object(
  { lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { additionalProperties: false },
);
const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max, pattern: '\\S' });

export const IdParams = Type.Object({ id: RowId() });

export const HouseholdQuery = Type.Object({
  org: Type.Optional(OrgCode('grid or any node above it (default: all the caller reads)')),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 40, description: 'building prefix or exact name' }),
  ),
  notVisited: Type.Optional(Type.Boolean({ description: 'only households not visited this quarter' })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  quarter: Type.Optional(QuarterText),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});

const ResolvedNeed = Type.Object(
  { description: Text(2, 500), resolution: Text(1, 500) },
  { additionalProperties: false },
);
const CaseNeed = Type.Object(
  {
    description: Text(2, 500),
    categoryCode: Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' }),
    urgency: Type.Optional(
      Type.Union([Type.Literal('normal'), Type.Literal('urgent'), Type.Literal('critical')]),
    ),
  },
  { additionalProperties: false },
);

export const VisitBody = Type.Object(
  {
    householdId: RowId(),
    kind: Type.Union([Type.Literal('home'), Type.Literal('phone'), Type.Literal('other')]),
    visitedAt: Type.Optional(Type.String({ format: 'date-time' })),
    location: Type.Optional(Type.Union([Point, Type.Null()])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    needs: Type.Array(Type.Union([ResolvedNeed, CaseNeed]), { maxItems: 10 }),
    clientKey: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const ReplyBody = Type.Object({ note: Text(2, 500) }, { additionalProperties: false });

export const CoverageQuery = Type.Object({
  org: OrgCode('org code: the node and the nodes one level below it'),
  quarter: Type.Optional(QuarterText),
});

export const ElderQuery = Type.Object({
  org: OrgCode('org code (subtree)'),
  quarter: Type.Optional(QuarterText),
  notVisited: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
