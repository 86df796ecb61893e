import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, can } from '../auth/policy.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { recordReply } from './commands/record-reply.ts';
import { recordVisit } from './commands/record-visit.ts';
import { presentHousehold, presentMember, presentNeed, presentVisit } from './present.ts';
import { parseQuarter } from './quarter.ts';
import {
  awaitingReplies,
  findHousehold,
  findNeed,
  findVisit,
  householdMembers,
  householdVisits,
  listHouseholds,
  needsOfVisits,
} from './queries.ts';
import { HouseholdQuery, IdParams, ReplyBody, VisitBody } from './schemas.ts';
import { visitStatsRoutes } from './stats-routes.ts';

/** Door-to-door visits: the grid worker's households, recording a visit and its needs, replies. */
export function visitRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  visitStatsRoutes(app, db, cipher);

  app.get<{ Querystring: typeof HouseholdQuery.static }>(
    '/api/visits/households',
    {
      schema: {
        tags: ['visits'],
        summary: 'Households the caller looks after: nearest first or by building, with their last visit',
        querystring: HouseholdQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { org, q, notVisited, lng, lat, limit = 50, offset = 0 } = req.query;
      assertAnywhere(actor, 'people.read');
      if (org) assertCan(actor, 'people.read', org);
      const quarter = parseQuarter(req.query.quarter);
      const near = lng !== undefined && lat !== undefined ? { lng, lat } : null;
      const list = await listHouseholds(db, actor, cipher, {
        org,
        q,
        notVisited,
        near,
        quarter,
        limit,
        offset,
      });
      return { data: list.map((h) => presentHousehold(cipher, h)), quarter: quarter.name };
    },
  );

  app.get<{ Params: typeof IdParams.static }>(
    '/api/visits/households/:id',
    {
      schema: {
        tags: ['visits'],
        summary: 'A household for the visit page: masked residents, recent visits and their needs',
        params: IdParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const h = await findHousehold(db, req.params.id);
      if (!h) throw notFound();
      assertCan(actor, 'people.read', h.orgCode);
      const quarter = parseQuarter(undefined);
      const [row] = await listHouseholds(db, actor, cipher, {
        org: h.orgCode,
        quarter,
        limit: 1,
        offset: 0,
        ids: [h.id],
      });
      const [members, { visits, needs }] = await Promise.all([
        householdMembers(db, h.id),
        householdVisits(db, h.id),
      ]);
      return {
        data: {
          ...presentHousehold(cipher, row!),
          members: members.map((m) => presentMember(cipher, m)),
          visits: visits.map((v) => presentVisit(v, needs)),
        },
        abilities: can(actor, 'visit.record', h.orgCode) ? ['visit'] : [],
      };
    },
  );

  app.post<{ Body: typeof VisitBody.static }>(
    '/api/visits',
    {
      schema: {
        tags: ['visits'],
        summary: 'Record a visit with the needs heard; needs for a case go through the common intake',
        body: VisitBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { householdId, ...input } = req.body;
      const h = await findHousehold(db, householdId);
      if (!h) throw notFound();
      assertCan(actor, 'visit.record', h.orgCode);
      const done = await recordVisit(db, actor, h, input, cipher, req.ip);
      const visit = (await findVisit(db, { id: done.id }))!;
      reply.code(done.replayed ? 200 : 201);
      return { data: presentVisit(visit, await needsOfVisits(db, [visit.id])) };
    },
  );

  app.get(
    '/api/visits/needs/awaiting-reply',
    {
      schema: {
        tags: ['visits'],
        summary: 'Needs turned into cases whose resident has not heard back yet (handled cases first)',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { data: (await awaitingReplies(db, actor)).map(presentNeed) };
    },
  );

  app.post<{ Params: typeof IdParams.static; Body: typeof ReplyBody.static }>(
    '/api/visits/needs/:id/reply',
    {
      schema: {
        tags: ['visits'],
        summary: 'Record that the resident was told how the case ended (件件有回音)',
        params: IdParams,
        body: ReplyBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const need = await findNeed(db, req.params.id);
      if (!need) throw notFound();
      assertCan(actor, 'visit.record', need.orgCode);
      await recordReply(db, actor, need, req.body.note, req.ip);
      return { data: presentNeed((await findNeed(db, need.id))!) };
    },
  );
}
