import { ORG_LEVELS, type OrgLevel } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { invalid } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan } from '../auth/policy.ts';
import { type DayRange, dailyTrend, statsByNode } from './queries.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Code = Type.String({ pattern: '^[0-9]{6,15}$' });
/** The longest period a statistics request may span, so one request stays cheap. */
const MAX_DAYS = 366;

function range(from: string, to: string): DayRange {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!Number.isFinite(days) || days < 0 || days > MAX_DAYS) {
    throw invalid([
      { field: 'querystring/to', message: `must be on or after from, within ${MAX_DAYS} days` },
    ]);
  }
  return { from, to };
}

/** Per-node figures and daily trends for the "一张图" dashboard. */
export function caseStatsRoutes(app: FastifyInstance, db: Db): void {
  const NodesQuery = Type.Object({
    level: Type.Union(ORG_LEVELS.filter((l) => l !== 'district').map((l) => Type.Literal(l))),
    under: Code,
    from: Day,
    to: Day,
  });
  app.get<{ Querystring: typeof NodesQuery.static }>(
    '/api/cases/stats/nodes',
    {
      schema: {
        tags: ['cases'],
        summary: 'Case figures per street, community or grid under a node',
        querystring: NodesQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { level, under, from, to } = req.query;
      assertCan(actor, 'case.read', under);
      return {
        data: await statsByNode(db, actor, { level: level as OrgLevel, under, range: range(from, to) }),
      };
    },
  );

  const TrendQuery = Type.Object({ org: Code, from: Day, to: Day });
  app.get<{ Querystring: typeof TrendQuery.static }>(
    '/api/cases/stats/trend',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases reported and closed per day under a node',
        querystring: TrendQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertCan(actor, 'case.read', req.query.org);
      return {
        data: await dailyTrend(db, { org: req.query.org, range: range(req.query.from, req.query.to) }),
      };
    },
  );
}
