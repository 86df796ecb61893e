import { DEVICE_KINDS } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { RowId } from '../../infra/row-id.ts';

const Kind = Type.Union(
  DEVICE_KINDS.map((k) => Type.Literal(k)),
  {
    description:
      'gate 门禁, camera 摄像头 (recognises on the device), water_meter 水表, smart_plug 智能插座, speaker 云广播, button 一键报平安',
  },
);
const Name = Type.String({ minLength: 1, maxLength: 60 });
const Location = Type.String({ maxLength: 200, description: 'where it hangs: 3号楼东门' });
const Owner = Type.String({ maxLength: 100, description: 'who owns or maintains it' });
const RefGroup = Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()], {
  description: 'devices with the same group share their person references (all gates of a compound)',
});
const Heartbeat = Type.Integer({
  minimum: 30,
  maximum: 604_800,
  description: 'seconds; silent longer is flagged',
});
const Lng = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });

export const DeviceBody = Type.Object(
  {
    kind: Kind,
    name: Name,
    org: Type.String({
      pattern: '^[0-9]{9}([0-9]{3}){0,2}$',
      description: 'the street, community or grid code',
    }),
    buildingId: Type.Optional(Type.Union([RowId(), Type.Null()])),
    location: Type.Optional(Location),
    lng: Type.Optional(Lng),
    lat: Type.Optional(Lat),
    owner: Type.Optional(Owner),
    refGroup: Type.Optional(RefGroup),
    heartbeatSeconds: Type.Optional(Heartbeat),
  },
  { additionalProperties: false },
);

export const DeviceChangeBody = Type.Object(
  {
    name: Type.Optional(Name),
    buildingId: Type.Optional(Type.Union([RowId(), Type.Null()])),
    location: Type.Optional(Location),
    lng: Type.Optional(Type.Union([Lng, Type.Null()])),
    lat: Type.Optional(Type.Union([Lat, Type.Null()])),
    owner: Type.Optional(Owner),
    refGroup: Type.Optional(RefGroup),
    heartbeatSeconds: Type.Optional(Heartbeat),
  },
  { additionalProperties: false },
);

export const DeviceQuery = Type.Object({
  org: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,3}$' })),
  health: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('silent'), Type.Literal('retired')])),
  kind: Type.Optional(Kind),
});

export const IdParams = Type.Object({ id: RowId() });
export const RefParams = Type.Object({ id: RowId(), refId: RowId() });
export const RefBody = Type.Object(
  {
    ref: Type.String({
      pattern: '^[A-Za-z0-9._:-]{1,64}$',
      description: 'the opaque reference the device sends (a card or enrolment number), never a name',
    }),
    personId: RowId(),
  },
  { additionalProperties: false },
);
