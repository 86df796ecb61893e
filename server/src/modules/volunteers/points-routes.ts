import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, assertListArea, can, scopesFor } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { countsByNode, leaderboard, monthPeriod } from './board-queries.ts';
import { createGoods } from './commands/create-goods.ts';
import { redeem } from './commands/redeem.ts';
import { presentBoardLine } from './present.ts';
import { findGoods, findVolunteer, listGoods, volunteerOfUser } from './queries.ts';
import { AreaQuery, BoardQuery, GoodsBody, RedeemBody } from './schemas.ts';

const TAGS = ['volunteers'];
const OrgQuery = Type.Object({ org: Type.String({ pattern: '^[0-9]{6,15}$' }) });

/** Points: the 爱心超市 (goods and redemption), leaderboards and counts per node. */
export function pointsRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.get<{ Querystring: typeof AreaQuery.static }>(
    '/api/volunteers/goods',
    {
      schema: {
        tags: TAGS,
        summary: 'Goods of the 爱心超市 with price in points and stock',
        querystring: AreaQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'volunteer.read', req.query.org);
      return { data: await listGoods(db, actor, req.query.org) };
    },
  );

  app.post<{ Body: typeof GoodsBody.static }>(
    '/api/volunteers/goods',
    { schema: { tags: TAGS, summary: 'Put goods on the shelf', body: GoodsBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'volunteer.manage', req.body.orgCode);
      const id = await createGoods(db, actor, req.body, req.ip);
      reply.code(201);
      return { data: await findGoods(db, id) };
    },
  );

  app.post<{ Body: typeof RedeemBody.static }>(
    '/api/volunteers/redemptions',
    {
      schema: {
        tags: TAGS,
        summary: 'Hand goods to a volunteer for points (never below zero)',
        body: RedeemBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const [goods, v] = await Promise.all([
        findGoods(db, req.body.goodsId),
        findVolunteer(db, req.body.volunteerId),
      ]);
      if (!goods || !v) throw notFound();
      assertCan(actor, 'volunteer.manage', goods.orgCode);
      assertCan(actor, 'volunteer.manage', v.orgCode);
      // goods of a community's shop are for its own volunteers (a street's shop serves the whole street)
      if (!v.orgCode.startsWith(goods.orgCode)) throw notFound();
      const done = await redeem(db, actor, { volunteerId: v.id, goods, quantity: req.body.quantity }, req.ip);
      reply.code(201);
      return { data: done };
    },
  );

  app.get<{ Querystring: typeof BoardQuery.static }>(
    '/api/volunteers/leaderboard',
    {
      schema: {
        tags: TAGS,
        summary: 'Leaderboard of a community or street for a period of months',
        querystring: BoardQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { org, limit = 50 } = req.query;
      // a volunteer sees the boards of their own community and street; staff those of their area
      if (!can(actor, 'volunteer.read', org)) {
        const v =
          scopesFor(actor, 'volunteer.serve').length > 0 ? await volunteerOfUser(db, actor.userId) : null;
        if (!v?.orgCode.startsWith(org) || org.length < 9) assertCan(actor, 'volunteer.read', org);
      }
      const period = monthPeriod(req.query.from, req.query.to);
      const lines = await leaderboard(db, org, period, limit);
      return {
        data: lines.map((l) => presentBoardLine(cipher, l)),
        period: { from: period.from.slice(0, 7), to: period.to.slice(0, 7) },
      };
    },
  );

  app.get<{ Querystring: typeof OrgQuery.static }>(
    '/api/volunteers/stats',
    {
      schema: {
        tags: TAGS,
        summary: 'Volunteers, ambassadors, teams, activities and hours per org node',
        querystring: OrgQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertCan(actor, 'volunteer.read', req.query.org);
      return { data: await countsByNode(db, req.query.org) };
    },
  );
}
