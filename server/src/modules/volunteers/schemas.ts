import { Type } from '@sinclair/typebox';
import { RowId } from '../../infra/row-id.ts';

const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max, pattern: '\\S' });
/** A community or street code (volunteers, teams, activities and goods belong to one). */
const AreaCode = Type.String({ pattern: '^[0-9]{9}([0-9]{3})?$', description: 'street or community code' });
const OrgFilter = Type.String({
  pattern: '^[0-9]{6,15}$',
  description: 'any org node (default: all in scope)',
});
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

export const STAGES = ['recommended', 'selected', 'trained', 'active', 'retired'] as const;
export type Stage = (typeof STAGES)[number];

export const IdParams = Type.Object({ id: RowId() });

export const VolunteerQuery = Type.Object({
  org: Type.Optional(OrgFilter),
  stage: Type.Optional(Type.Union(STAGES.map((s) => Type.Literal(s)))),
  category: Type.Optional(Type.String({ pattern: '^[a-z_]{2,30}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const VolunteerBody = Type.Object(
  {
    personId: RowId(),
    orgCode: AreaCode,
    categoryCode: Type.String({ pattern: '^[a-z_]{2,30}$' }),
    note: Type.Optional(Text(1, 500)),
  },
  { additionalProperties: false },
);

export const StageBody = Type.Object(
  { stage: Type.Union(STAGES.map((s) => Type.Literal(s))), note: Type.Optional(Text(1, 500)) },
  { additionalProperties: false },
);

export const HonourBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('good_person'), Type.Literal('moral_model')]),
    level: Type.Union(
      ['community', 'street', 'district', 'city', 'province', 'national'].map((l) => Type.Literal(l)),
    ),
    awardedOn: Type.String({ format: 'date' }),
    note: Type.Optional(Text(1, 500)),
  },
  { additionalProperties: false },
);

export const AccountBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.-]{3,40}$' }),
    password: Type.String({ minLength: 10, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const TeamBody = Type.Object(
  { orgCode: AreaCode, name: Text(1, 60) },
  { additionalProperties: false },
);
export const MemberBody = Type.Object({ volunteerId: RowId() }, { additionalProperties: false });
export const AreaQuery = Type.Object({ org: Type.Optional(OrgFilter) });

export const ActivityBody = Type.Object(
  {
    orgCode: AreaCode,
    teamId: Type.Optional(RowId()),
    title: Text(2, 100),
    typeCode: Type.String({ pattern: '^[a-z_]{2,30}$' }),
    place: Text(1, 200),
    location: Type.Object(
      { lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
      { additionalProperties: false },
    ),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    capacity: Type.Integer({ minimum: 1, maximum: 10000 }),
  },
  { additionalProperties: false },
);

export const VerifyBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { signupId: RowId(), hours: Type.Number({ minimum: 0, maximum: 24, multipleOf: 0.25 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export const SignupBody = Type.Object({ activityId: RowId() }, { additionalProperties: false });
export const CheckBody = Type.Object(
  {
    code: Type.String({ minLength: 10, maxLength: 200, description: 'the QR payload shown at the place' }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
  },
  { additionalProperties: false },
);

export const GoodsBody = Type.Object(
  {
    orgCode: AreaCode,
    name: Text(1, 60),
    points: Type.Integer({ minimum: 1, maximum: 100000 }),
    stock: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export const RedeemBody = Type.Object(
  { volunteerId: RowId(), goodsId: RowId(), quantity: Type.Integer({ minimum: 1, maximum: 100 }) },
  { additionalProperties: false },
);

export const BoardQuery = Type.Object({
  org: OrgFilter,
  from: Type.Optional(Month),
  to: Type.Optional(Month),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const ConfigBody = Type.Object(
  {
    pointsPerHour: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    pointsPerReport: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    reportDailyCap: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    checkRadiusM: Type.Optional(Type.Integer({ minimum: 20, maximum: 5000 })),
    categories: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ pattern: '^[a-z_]{2,30}$' }),
            name: Text(1, 30),
            nameEn: Text(1, 60),
            active: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
        { maxItems: 30 },
      ),
    ),
    activityTypes: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ pattern: '^[a-z_]{2,30}$' }),
            name: Text(1, 30),
            nameEn: Text(1, 60),
            coefficient: Type.Number({ minimum: 0, maximum: 10, multipleOf: 0.05 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 30 },
      ),
    ),
  },
  { additionalProperties: false },
);
