import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan } from '../auth/policy.ts';
import { districtDay } from '../case-reports/period.ts';
import { findNodeByCode } from '../org/queries.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { coverageOf } from './coverage.ts';
import { ELDER_EXPORT_CAP, eldersWorkbook, listElders } from './elderly.ts';
import { parseQuarter } from './quarter.ts';
import { CoverageQuery, ElderQuery } from './schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Visit coverage (走访覆盖率) and replies per node, and the quarter's 80+ list with its export. */
export function visitStatsRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.get<{ Querystring: typeof CoverageQuery.static }>(
    '/api/visits/coverage',
    {
      schema: {
        tags: ['visits'],
        summary: 'Coverage and replies of a node and of each node one level below it, over a quarter',
        querystring: CoverageQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const quarter = parseQuarter(req.query.quarter);
      const node = await findNodeByCode(db, req.query.org);
      if (!node) throw notFound();
      assertCan(actor, 'visit.stats', node.code);
      return { data: { quarter: quarter.name, ...(await coverageOf(db, node, quarter)) } };
    },
  );

  app.get<{ Querystring: typeof ElderQuery.static }>(
    '/api/visits/elders',
    {
      schema: {
        tags: ['visits'],
        summary: 'Residents aged 80+ (高龄补贴认定) of a subtree with their last visit, masked',
        querystring: ElderQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { org, notVisited, limit = 100, offset = 0 } = req.query;
      assertCan(actor, 'people.read', org);
      const quarter = parseQuarter(req.query.quarter);
      const data = await listElders(db, actor, cipher, { org, quarter, notVisited, limit, offset });
      return { data, quarter: quarter.name };
    },
  );

  app.get<{ Querystring: typeof ElderQuery.static }>(
    '/api/visits/elders.xlsx',
    {
      schema: {
        tags: ['visits'],
        summary: 'The 80+ list of a subtree as .xlsx (masked), up to 50,000 rows',
        querystring: ElderQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { org, notVisited } = req.query;
      assertCan(actor, 'people.read', org);
      const quarter = parseQuarter(req.query.quarter);
      const list = await listElders(db, actor, cipher, {
        org,
        quarter,
        notVisited,
        limit: ELDER_EXPORT_CAP + 1,
        offset: 0,
      });
      const capped = list.length > ELDER_EXPORT_CAP;
      const file = await eldersWorkbook(list.slice(0, ELDER_EXPORT_CAP), quarter, capped);
      const name = `高龄老人-${org}-${quarter.name}-${districtDay(new Date()).replaceAll('-', '')}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="elders-${org}-${quarter.name}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
}
