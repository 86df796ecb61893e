import { Type } from '@sinclair/typebox';
import { RowId } from '../../infra/row-id.ts';

export const KindKey = Type.String({ pattern: '^[a-z0-9_-]{1,30}$' });
export const IdParams = Type.Object({ id: RowId() });

export const EntryBody = Type.Object(
  {
    orgCode: Type.String({ pattern: '^[0-9]{12}$', description: 'the community the entry belongs to' }),
    kind: KindKey,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    address: Type.String({ maxLength: 200 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -85, maximum: 85 }),
    hours: Type.String({ maxLength: 100 }),
    phone: Type.String({ maxLength: 40, pattern: '^[0-9+() -]*$', description: 'a business phone: public' }),
    description: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const ManagedQuery = Type.Object({
  org: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  kind: Type.Optional(KindKey),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
});

export const NearQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -85, maximum: 85 }),
  radius: Type.Optional(Type.Integer({ minimum: 100, maximum: 20000, description: 'metres, default 5000' })),
  kind: Type.Optional(KindKey),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'default 50' })),
});

export const KindBody = Type.Object(
  {
    key: KindKey,
    zh: Type.String({ minLength: 1, maxLength: 20 }),
    en: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
