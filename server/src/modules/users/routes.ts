import { ROLES } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, scopesFor } from '../auth/policy.ts';
import { createUser } from './commands/create-user.ts';
import { grantRole, revokeGrant } from './commands/grant-role.ts';
import { updateUser } from './commands/update-user.ts';
import { assertManagesUser, findVisibleUser, listUsers } from './queries.ts';

const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')]);
const Password = Type.String({ minLength: 8, maxLength: 200 });
const Phone = Type.Union([Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }), Type.Null()]);
const UserId = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** User and grant administration, scoped to the org codes the caller administers. */
export function userRoutes(app: FastifyInstance, db: Db): void {
  const ListQuery = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 64 })),
    role: Type.Optional(Role),
    after: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  });
  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/users',
    { schema: { tags: ['users'], summary: 'Users in the caller’s scope', querystring: ListQuery } },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'user.read');
      return listUsers(db, actor, { ...req.query, limit: req.query.limit ?? 50 });
    },
  );

  app.get<{ Params: typeof UserId.static }>(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'One user with grants', params: UserId } },
    async (req) => {
      const user = await findVisibleUser(db, actorOf(req), req.params.id);
      if (!user) throw notFound();
      return { data: user };
    },
  );

  const NewUser = Type.Object({
    username: Type.String({ pattern: '^[A-Za-z0-9_.@-]{3,64}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    password: Password,
    phone: Type.Optional(Phone),
    locale: Type.Optional(Locale),
    homeCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
  });
  app.post<{ Body: typeof NewUser.static }>(
    '/api/users',
    { schema: { tags: ['users'], summary: 'Create a user', body: NewUser } },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'user.manage');
      const homeCode = req.body.homeCode ?? scopesFor(actor, 'user.manage')[0]!;
      assertCan(actor, 'user.manage', homeCode);
      const user = await createUser(db, { ...req.body, homeCode }, { actorId: actor.userId, ip: req.ip });
      return reply.status(201).send({ data: await findVisibleUser(db, actor, user.id) });
    },
  );

  const Changes = Type.Object(
    {
      displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      phone: Type.Optional(Phone),
      locale: Type.Optional(Locale),
      disabled: Type.Optional(Type.Boolean()),
      password: Type.Optional(Password),
    },
    { additionalProperties: false, minProperties: 1 },
  );
  app.patch<{ Params: typeof UserId.static; Body: typeof Changes.static }>(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'Change a user', params: UserId, body: Changes } },
    async (req) => {
      const actor = actorOf(req);
      const user = await findVisibleUser(db, actor, req.params.id);
      if (!user) throw notFound();
      assertManagesUser(actor, user);
      await updateUser(db, user, req.body, { actorId: actor.userId, ip: req.ip });
      return { data: await findVisibleUser(db, actor, user.id) };
    },
  );

  const GrantBody = Type.Object({
    role: Role,
    orgNodeId: Type.Optional(RowId()),
    unitId: Type.Optional(RowId()),
  });
  app.post<{ Params: typeof UserId.static; Body: typeof GrantBody.static }>(
    '/api/users/:id/grants',
    {
      schema: {
        tags: ['users'],
        summary: 'Grant a role at an org node or unit',
        params: UserId,
        body: GrantBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const user = await findVisibleUser(db, actor, req.params.id);
      if (!user) throw notFound();
      await grantRole(db, actor, user.id, req.body, req.ip);
      return reply.status(201).send({ data: await findVisibleUser(db, actor, user.id) });
    },
  );

  const GrantParams = Type.Object({
    id: Type.String({ format: 'uuid' }),
    grantId: RowId(),
  });
  app.delete<{ Params: typeof GrantParams.static }>(
    '/api/users/:id/grants/:grantId',
    { schema: { tags: ['users'], summary: 'Revoke a grant', params: GrantParams } },
    async (req) => {
      const actor = actorOf(req);
      const user = await findVisibleUser(db, actor, req.params.id);
      if (!user) throw notFound();
      await revokeGrant(db, actor, user.id, req.params.grantId, req.ip);
      return { data: await findVisibleUser(db, actor, user.id) };
    },
  );
}
