import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { AppError, forbidden, notFound } from '../../infra/errors.ts';
import { createApiToken } from './commands/create-api-token.ts';
import { revokeApiToken } from './commands/revoke-api-token.ts';
import { actorOf } from './plugin.ts';
import { assertAnywhere, scopesFor } from './policy.ts';
import { findApiToken, listApiTokens } from './token-queries.ts';

const TokenId = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * Bearer tokens for API clients: minted by administrators, dispatchers and integration accounts from a
 * console login (shown once, expiring), listed and revoked by their owner and by administrators of the owner.
 */
export function tokenRoutes(app: FastifyInstance, db: Db, config: Pick<Config, 'apiTokenDays'>): void {
  const TokenBody = Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' }),
      days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    },
    { additionalProperties: false },
  );
  app.post<{ Body: typeof TokenBody.static }>(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: `Create a bearer token for an API client (expires after API_TOKEN_DAYS, ${config.apiTokenDays} by default); shown once`,
        body: TokenBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'token.create');
      // a token cannot mint its successor: a leaked token must not outlive its own revocation
      if (actor.sessionKind !== 'cookie') throw forbidden();
      const days = req.body.days ?? config.apiTokenDays;
      if (days > config.apiTokenDays) {
        throw new AppError('VALIDATION_FAILED', 400, [
          { field: 'body/days', message: `must be at most ${config.apiTokenDays}` },
        ]);
      }
      const created = await createApiToken(db, actor, {
        name: req.body.name.trim(),
        days,
        scopeCode: scopesFor(actor, 'token.create')[0] ?? null,
        ip: req.ip,
      });
      return reply.status(201).send({ data: created });
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Bearer tokens of the caller and of the users they administer (never the tokens themselves), and the longest lifetime one may ask for',
      },
    },
    async (req) => ({ data: await listApiTokens(db, actorOf(req)), maxDays: config.apiTokenDays }),
  );

  app.delete<{ Params: typeof TokenId.static }>(
    '/api/auth/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke a bearer token at once', params: TokenId } },
    async (req) => {
      const actor = actorOf(req);
      const token = await findApiToken(db, actor, req.params.id);
      if (!token) throw notFound();
      const revokedAt = await revokeApiToken(db, token, { actorId: actor.userId, ip: req.ip });
      return { data: { ...token, revokedAt } };
    },
  );
}
