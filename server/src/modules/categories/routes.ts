import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertDistrictWide, scopesFor } from '../auth/policy.ts';
import { type ChangedBy, createCategory } from './commands/create-category.ts';
import { updateCategory } from './commands/update-category.ts';
import { findCategory, listCategories } from './queries.ts';
import { CategoryFields } from './schemas.ts';

const Code = Type.Object({ code: Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{2})?$' }) });

/** The administrator making a change, after checking they manage a whole district (the taxonomy is shared). */
function changer(req: FastifyRequest): ChangedBy {
  const actor = actorOf(req);
  assertDistrictWide(actor, 'org.manage');
  return { actorId: actor.userId, scopeCode: scopesFor(actor, 'org.manage')[0] ?? null, ip: req.ip };
}

/** Case taxonomy: list and read (public, residents pick from it), create and change (administrators). */
export function categoryRoutes(app: FastifyInstance, db: Db): void {
  const ListQuery = Type.Object({ all: Type.Optional(Type.Boolean()) });
  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/categories',
    {
      schema: {
        tags: ['categories'],
        summary: 'The case taxonomy, active rows only unless an administrator asks for all',
        querystring: ListQuery,
      },
    },
    async (req) => {
      if (req.query.all) assertAnywhere(actorOf(req), 'org.manage');
      return { data: await listCategories(db, { activeOnly: !req.query.all }) };
    },
  );

  app.get<{ Params: typeof Code.static }>(
    '/api/categories/:code',
    { schema: { tags: ['categories'], summary: 'One category with its questions and limits', params: Code } },
    async (req) => {
      const category = await findCategory(db, req.params.code);
      if (!category) throw notFound();
      return { data: category };
    },
  );

  const NewCategory = Type.Object(
    {
      ...Type.Partial(Type.Object(CategoryFields)).properties,
      parentCode: Type.String({ pattern: '^[0-9]{2}$' }),
      code: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' })),
      nameZh: CategoryFields.nameZh,
      nameEn: CategoryFields.nameEn,
      limits: CategoryFields.limits,
    },
    { additionalProperties: false },
  );
  app.post<{ Body: typeof NewCategory.static }>(
    '/api/categories',
    {
      schema: {
        tags: ['categories'],
        summary: 'Create a sub-category under a top-level category',
        body: NewCategory,
      },
    },
    async (req, reply) => {
      const by = changer(req);
      return reply.status(201).send({ data: await createCategory(db, req.body, by) });
    },
  );

  const Changes = Type.Partial(Type.Object(CategoryFields), {
    minProperties: 1,
    additionalProperties: false,
  });
  app.patch<{ Params: typeof Code.static; Body: typeof Changes.static }>(
    '/api/categories/:code',
    { schema: { tags: ['categories'], summary: 'Change a category', params: Code, body: Changes } },
    async (req) => {
      const by = changer(req);
      return { data: await updateCategory(db, req.params.code, req.body, by) };
    },
  );
}
