import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { findCase } from '../cases/case-row.ts';
import { internalSourceScopes } from '../cases/internal-sources.ts';
import { followCase } from './commands/follow-case.ts';
import { unfollowCase, withdrawFollowerCode } from './commands/unfollow-case.ts';
import { mayFollow } from './follow-policy.ts';
import { FOLLOWER_CODE_PATTERN } from './follower-code.ts';
import { FollowHandles } from './handles.ts';
import { presentFollowedCase } from './present-followed.ts';
import { findCaseByFollowerCode, followsCase, listFollowedCases } from './queries.ts';

const Handle = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' });
const FollowBody = Type.Object({ handle: Handle }, { additionalProperties: false });
const HandleParams = Type.Object({ handle: Handle });
const CodeParams = Type.Object({ followerCode: Type.String({ pattern: FOLLOWER_CODE_PATTERN }) });

/**
 * Following a case someone else reported (a duplicate suggestion's "关注此问题"): by its opaque handle, as a
 * logged-in user or anonymously with a read-only follower code. Every answer is the public view; nothing
 * here rates, reopens or hands out a tracking code.
 */
export function followRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const handles = new FollowHandles(config.secretKey);

  /** The case a handle names, if it may be followed; 404 for anything else. */
  const followable = async (handle: string) => {
    const id = handles.caseIdOf(handle);
    const c = id === null ? null : await findCase(db, id);
    if (!c || !mayFollow(c)) throw notFound();
    return c;
  };

  app.post<{ Body: typeof FollowBody.static }>(
    '/api/follows',
    {
      schema: {
        tags: ['follows'],
        summary:
          'Follow a case by the handle of a duplicate suggestion: logged in, as a follower of the account; ' +
          'anonymously, with a new read-only follower code (answered once, kept on the phone)',
        body: FollowBody,
      },
    },
    async (req, reply) => {
      const actor = req.actorOrNull;
      const c = await followable(req.body.handle);
      const { followerCode } = await followCase(db, c.id, actor);
      const view = await presentFollowedCase(db, c, handles);
      return reply.status(201).send({ data: followerCode ? { ...view, followerCode } : view });
    },
  );

  app.get(
    '/api/follows',
    {
      schema: { tags: ['follows'], summary: 'The cases the logged-in user follows (not their own reports)' },
    },
    async (req) => {
      const actor = actorOf(req);
      const list = await listFollowedCases(db, actor.userId, internalSourceScopes(actor));
      return {
        data: await Promise.all(
          list.map(async (c) => ({
            ...(await presentFollowedCase(db, c, handles)),
            followedAt: c.followedAt,
          })),
        ),
      };
    },
  );

  app.get<{ Params: typeof HandleParams.static }>(
    '/api/follows/cases/:handle',
    {
      schema: { tags: ['follows'], summary: 'One case the logged-in user follows', params: HandleParams },
    },
    async (req) => {
      const actor = actorOf(req);
      const c = await followable(req.params.handle);
      if (!(await followsCase(db, actor.userId, c.id))) throw notFound();
      return { data: await presentFollowedCase(db, c, handles) };
    },
  );

  app.delete<{ Params: typeof HandleParams.static }>(
    '/api/follows/cases/:handle',
    { schema: { tags: ['follows'], summary: 'Stop following a case', params: HandleParams } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = handles.caseIdOf(req.params.handle);
      if (id === null || !(await unfollowCase(db, id, actor.userId))) throw notFound();
      return reply.status(204).send();
    },
  );

  app.get<{ Params: typeof CodeParams.static }>(
    '/api/follows/:followerCode',
    {
      schema: {
        tags: ['follows'],
        summary: 'The public view of a case by follower code',
        params: CodeParams,
      },
    },
    async (req) => {
      const c = await findCaseByFollowerCode(db, req.params.followerCode);
      if (!c) throw notFound();
      return { data: await presentFollowedCase(db, c, handles) };
    },
  );

  app.delete<{ Params: typeof CodeParams.static }>(
    '/api/follows/:followerCode',
    { schema: { tags: ['follows'], summary: 'Withdraw a follower code', params: CodeParams } },
    async (req, reply) => {
      if (!(await withdrawFollowerCode(db, req.params.followerCode))) throw notFound();
      return reply.status(204).send();
    },
  );
}
