import { Type } from '@sinclair/typebox';
import { RowId } from '../../infra/row-id.ts';

export const Id = Type.Object({ id: RowId() });

export const ListQuery = Type.Object({
  org: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'an org code' })),
});

const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max, pattern: '\\S' });
const Time = Type.String({ format: 'date-time' });

export const EnrolBody = Type.Object(
  {
    personId: RowId(),
    consentBy: Type.Union([Type.Literal('self'), Type.Literal('guardian'), Type.Literal('family')]),
    consentBasis: Text(2, 200),
    consentAt: Type.Optional(Time),
    thresholdHours: Type.Optional(Type.Integer({ minimum: 4, maximum: 168 })),
    contacts: Type.Array(
      Type.Object(
        {
          relation: Text(1, 20),
          name: Text(1, 40),
          phone: Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5 },
    ),
  },
  { additionalProperties: false },
);
export type EnrolBodyT = typeof EnrolBody.static;

export const WatchPatch = Type.Object(
  {
    thresholdHours: Type.Optional(Type.Integer({ minimum: 4, maximum: 168 })),
    status: Type.Optional(Type.Union([Type.Literal('home'), Type.Literal('away'), Type.Literal('hospital')])),
    statusUntil: Type.Optional(Type.Union([Time, Type.Null()])),
    endReason: Type.Optional(Text(2, 200)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SeenBody = Type.Object(
  { how: Type.Union([Type.Literal('staff'), Type.Literal('call')]) },
  { additionalProperties: false },
);

export const OutcomeBody = Type.Object(
  {
    outcome: Type.Union(
      ['safe', 'away', 'hospital', 'emergency', 'deceased'].map((o) => Type.Literal(o as 'safe')),
    ),
    note: Text(2, 500),
    until: Type.Optional(Time),
  },
  { additionalProperties: false },
);

export const CheckinBody = Type.Object(
  { token: Type.String({ pattern: '^[A-Za-z0-9_-]{32}$' }) },
  { additionalProperties: false },
);
