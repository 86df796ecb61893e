import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, districtWideCode } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';
import { createUnit, updateUnit } from './commands/save-unit.ts';
import { findUnit, listUnits } from './queries.ts';

const UnitType = Type.Union(
  ['department', 'task_force', 'property_company', 'utility', 'street_office', 'other'].map((t) =>
    Type.Literal(t),
  ),
);
const CategoryCode = Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{2})?$' });
const Id = Type.Object({ id: RowId() });
const Fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  type: UnitType,
  phone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9+\\- ]{3,20}$' }), Type.Null()])),
  categories: Type.Array(CategoryCode, { maxItems: 200 }),
  streetIds: Type.Array(RowId(), { maxItems: 50 }),
};

/** Responsible units (责任单位): list, create, change. */
export function unitRoutes(app: FastifyInstance, db: Db): void {
  const ListQuery = Type.Object({ category: Type.Optional(CategoryCode) });
  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/units',
    { schema: { tags: ['units'], summary: 'Units of the caller’s district', querystring: ListQuery } },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'unit.read');
      return { data: await listUnits(db, actor, req.query) };
    },
  );

  const NewUnit = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9_-]{2,32}$' }), ...Fields });
  app.post<{ Body: typeof NewUnit.static }>(
    '/api/units',
    { schema: { tags: ['units'], summary: 'Create a unit in the caller’s district', body: NewUnit } },
    async (req, reply) => {
      const actor = actorOf(req);
      // a unit belongs to a whole district: only a grant over the whole district may create one
      const district = await findNodeByCode(db, districtWideCode(actor, 'unit.manage'));
      if (!district) throw notFound();
      const unit = await createUnit(db, district, req.body, { actorId: actor.userId, ip: req.ip });
      return reply.status(201).send({ data: unit });
    },
  );

  const Changes = Type.Partial(Type.Object(Fields), { minProperties: 1, additionalProperties: false });
  app.patch<{ Params: typeof Id.static; Body: typeof Changes.static }>(
    '/api/units/:id',
    { schema: { tags: ['units'], summary: 'Change a unit', params: Id, body: Changes } },
    async (req) => {
      const actor = actorOf(req);
      const unit = await findUnit(db, req.params.id);
      if (!unit) throw notFound();
      assertCan(actor, 'unit.manage', unit.districtCode);
      return { data: await updateUnit(db, unit, req.body, { actorId: actor.userId, ip: req.ip }) };
    },
  );
}
