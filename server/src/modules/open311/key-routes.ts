import { levelOfCode } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import type { Actor } from '../auth/actor.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertDistrictWide, scopesFor } from '../auth/policy.ts';
import { findApiKey, listApiKeys } from './api-keys.ts';
import { createApiKey } from './commands/create-api-key.ts';
import { revokeApiKey } from './commands/revoke-api-key.ts';

const Id = Type.Object({ id: RowId() });
const NewKey = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
  { additionalProperties: false },
);

/** The district a district-wide administrator manages (the first, should they manage several). */
function districtOf(actor: Actor): string | null {
  return scopesFor(actor, 'org.manage').find((s) => levelOfCode(s) === 'district') ?? null;
}

/**
 * Administration of Open311 API keys: create (shown once), list, revoke. District-wide administrators, each
 * for the keys of their own district.
 */
export function open311KeyRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    '/api/open311/keys',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311 API keys of the caller’s district, revoked ones included (never the keys)',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertDistrictWide(actor, 'org.manage');
      return { data: await listApiKeys(db, actor) };
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
      const key = await createApiKey(db, req.body.name.trim(), {
        actorId: actor.userId,
        ip: req.ip,
        scopeCode: districtOf(actor),
      });
      return reply.status(201).send({ data: key });
    },
  );

  app.delete<{ Params: typeof Id.static }>(
    '/api/open311/keys/:id',
    { schema: { tags: ['open311'], summary: 'Revoke an Open311 API key', params: Id } },
    async (req) => {
      const actor = actorOf(req);
      assertDistrictWide(actor, 'org.manage');
      // a key of another district answers as a missing one
      if (!(await findApiKey(db, req.params.id, actor))) throw notFound();
      const key = await revokeApiKey(db, req.params.id, { actorId: actor.userId, ip: req.ip });
      if (!key) throw notFound();
      return { data: key };
    },
  );
}
