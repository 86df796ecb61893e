import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { districtWideCode } from '../auth/policy.ts';
import { createTag, type TagChanger } from './commands/create-tag.ts';
import { updateTag } from './commands/update-tag.ts';
import { listTags } from './queries.ts';
import { listTagsForAdmin } from './tag-queries.ts';

const Id = Type.Object({ id: RowId() });
const Name = Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' });
const NameEn = Type.Union([Type.String({ maxLength: 60 }), Type.Null()]);
const TagBody = Type.Object(
  { name: Name, nameEn: NameEn, sensitive: Type.Boolean() },
  { additionalProperties: false },
);
const TagPatch = Type.Object(
  {
    name: Type.Optional(Name),
    nameEn: Type.Optional(NameEn),
    sensitive: Type.Optional(Type.Boolean()),
    retired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The administrator changing the tags: district-wide org.manage, as for the case taxonomy (shared lists). */
function changer(req: FastifyRequest): TagChanger {
  const actor = actorOf(req);
  return { actorId: actor.userId, scopeCode: districtWideCode(actor, 'org.manage'), ip: req.ip };
}

/** Tag administration (docs/people.md): list with counts, add, rename, mark sensitive, retire. */
export function peopleTagRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    '/api/people/tags/admin',
    { schema: { tags: ['people'], summary: 'Every archive tag with its state and count (administrators)' } },
    async (req) => {
      changer(req);
      return { data: await listTagsForAdmin(db) };
    },
  );

  app.post<{ Body: typeof TagBody.static }>(
    '/api/people/tags',
    { schema: { tags: ['people'], summary: 'Add an archive tag', body: TagBody } },
    async (req, reply) => {
      const saved = await createTag(db, changer(req), req.body);
      return reply.status(201).send({ data: saved });
    },
  );

  app.patch<{ Params: typeof Id.static; Body: typeof TagPatch.static }>(
    '/api/people/tags/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Rename, mark sensitive, retire or restore an archive tag',
        params: Id,
        body: TagPatch,
      },
    },
    async (req) => {
      const by = changer(req);
      const tag = (await listTags(db)).find((t) => t.id === req.params.id);
      if (!tag) throw notFound();
      await updateTag(db, by, tag, req.body);
      return { data: { id: tag.id } };
    },
  );
}
