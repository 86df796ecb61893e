import { CASE_SOURCES, CASE_STATES } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { RowId } from '../../infra/row-id.ts';

const SOURCES: readonly string[] = CASE_SOURCES;

/** A comma list of items matching one pattern, e.g. "filed,dispatched". */
const csv = (item: string, description: string) =>
  Type.String({ pattern: `^(${item})(,(${item}))*$`, maxLength: 1000, description });
const oneOf = (values: readonly string[]) => values.join('|');
const Day = (description: string) => Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description });

/** Filters shared by the list, the map and the ledger. */
export const FilterFields = {
  state: Type.Optional(csv(oneOf(CASE_STATES), 'states, comma-separated')),
  category: Type.Optional(csv('[0-9]{2}(\\.[0-9]{2})?', 'TT (with all TT.SS) or TT.SS codes')),
  org: Type.Optional(csv('[0-9]{6,15}', 'org codes; cases under any of them')),
  unit: Type.Optional(csv('[0-9]{1,9}', 'responsible unit ids')),
  source: Type.Optional(csv(oneOf(SOURCES), 'sources')),
  urgency: Type.Optional(csv('normal|urgent|critical', 'urgencies')),
  supervision: Type.Optional(csv('normal|yellow|red', '督办 marks')),
  overdue: Type.Optional(Type.Boolean({ description: 'open and past the disposal deadline (超期未结)' })),
  light: Type.Optional(csv('green|yellow|red', 'traffic light of the current stage')),
  from: Type.Optional(Day('reported on or after this district day')),
  to: Type.Optional(Day('reported on or before this district day')),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'a whole tracking code, a case number, or words of the description or address',
    }),
  ),
  phone: Type.Optional(
    Type.String({
      pattern: '^\\+?[0-9][0-9 -]{5,19}$',
      description: "the reporter's or caller's phone, matched exactly through its blind index",
    }),
  ),
};

const Sort = {
  sort: Type.Optional(Type.Union([Type.Literal('reported_at'), Type.Literal('deadline_at')])),
  order: Type.Optional(Type.Union([Type.Literal('desc'), Type.Literal('asc')])),
};

export const ListQuery = Type.Object({
  ...FilterFields,
  ...Sort,
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const ExportQuery = Type.Object({ ...FilterFields, ...Sort });

export const MapQuery = Type.Object({
  ...FilterFields,
  bbox: Type.String({ maxLength: 200, description: 'minLng,minLat,maxLng,maxLat (WGS84)' }),
  zoom: Type.Optional(Type.Integer({ minimum: 0, maximum: 24, description: 'map zoom; below 15 clustered' })),
});

export const KpiQuery = Type.Object({
  org: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'org code (subtree)' })),
  unit: Type.Optional(RowId({ description: 'responsible unit id' })),
  from: Type.Optional(Day('first district day (default: first of this month)')),
  to: Type.Optional(Day('last district day, inclusive (default: today)')),
});
