import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertDistrictWide } from '../auth/policy.ts';
import { findApiKey, listApiKeys } from './api-keys.ts';
import { createApiKey } from './commands/create-api-key.ts';
import { revokeApiKey } from './commands/revoke-api-key.ts';

const Id = Type.Object({ id: RowId() });
const NewKey = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
  { additionalProperties: false },
);

/** Administration of Open311 API keys: create (shown once), list, revoke. Administrators only. */
export function open311KeyRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    '/api/open311/keys',
    { schema: { tags: ['open311'], summary: 'Open311 API keys, revoked ones included (never the keys)' } },
    async (req) => {
      const actor = actorOf(req);
      assertDistrictWide(actor, 'org.manage');
      return { data: await listApiKeys(db) };
    },
  );

  app.post<{ Body: typeof NewKey.static }>(
    '/api/open311/keys',
    {
      schema: {
        tags: ['open311'],
        summary: 'Create an Open311 API key; the response is the only time the key is shown',
        body: NewKey,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertDistrictWide(actor, 'org.manage');
      const key = await createApiKey(db, req.body.name.trim(), { actorId: actor.userId, ip: req.ip });
      return reply.status(201).send({ data: key });
    },
  );

  app.delete<{ Params: typeof Id.static }>(
    '/api/open311/keys/:id',
    { schema: { tags: ['open311'], summary: 'Revoke an Open311 API key', params: Id } },
    async (req) => {
      const actor = actorOf(req);
      assertDistrictWide(actor, 'org.manage');
      if (!(await findApiKey(db, req.params.id))) throw notFound();
      const key = await revokeApiKey(db, req.params.id, { actorId: actor.userId, ip: req.ip });
      if (!key) throw notFound();
      return { data: key };
    },
  );
}
