import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { districtWideCode } from '../auth/policy.ts';
import { createPointType } from './commands/create-point-type.ts';
import { updatePointType } from './commands/update-point-type.ts';

// a name needs a visible character; the lengths are the table's
const NameZh = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' });
const NameEn = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Id = Type.Object({ id: RowId() });
const NewBody = Type.Object(
  {
    nameZh: NameZh,
    nameEn: NameEn,
    checklistFrom: RowId({ description: 'copy this type’s current checklist' }),
  },
  { additionalProperties: false },
);
const PatchBody = Type.Object(
  { nameZh: Type.Optional(NameZh), nameEn: Type.Optional(NameEn), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

/** Point types themselves: a new one and its names (their checklists are saved by the inspection routes). */
export function pointTypeRoutes(app: FastifyInstance, db: Db): void {
  app.post<{ Body: typeof NewBody.static }>(
    '/api/inspection-point-types',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Add a point type, its checklist copied from another type’s current one (audited)',
        body: NewBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const scopeCode = districtWideCode(actor, 'inspection.manage');
      const created = await createPointType(db, req.body, { actorId: actor.userId, ip: req.ip, scopeCode });
      return reply.status(201).send({ data: created });
    },
  );

  app.patch<{ Params: typeof Id.static; Body: typeof PatchBody.static }>(
    '/api/inspection-point-types/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Rename a point type (zh/en) or take it out of use; its checklist versions stay (audited)',
        params: Id,
        body: PatchBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const scopeCode = districtWideCode(actor, 'inspection.manage');
      return {
        data: await updatePointType(db, req.params.id, req.body, {
          actorId: actor.userId,
          ip: req.ip,
          scopeCode,
        }),
      };
    },
  );
}
