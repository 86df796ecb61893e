import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { invalid } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { blindIndexesOf } from '../personal-data/fields.ts';
import { decodeCursor } from './cursor.ts';
import type { CaseFilterQuery } from './filters.ts';
import { type CaseFilters, parseFilters as parseQuery } from './filters.ts';
import { assertKpiScope, caseKpis } from './kpis.ts';
import { ledgerDisposition, streamLedger } from './ledger.ts';
import { casesMap, parseBbox } from './map.ts';
import { periodOf } from './period.ts';
import { listCases } from './queries.ts';
import { ExportQuery, KpiQuery, ListQuery, MapQuery } from './schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Finding cases: list/search, map GeoJSON, KPIs, Excel ledger — every answer limited to the caller's grants. */
export function caseReportRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  // the phone is personal data: it is searched only through its blind index, never stored or compared in clear
  const parseFilters = (q: CaseFilterQuery & { phone?: string }): CaseFilters => {
    const filters = parseQuery(q);
    return q.phone ? { ...filters, phoneIndexes: blindIndexesOf(cipher, 'phone', q.phone) } : filters;
  };

  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases the caller may see, filtered, newest first',
        querystring: ListQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { sort = 'reported_at', order = 'desc', cursor, limit = 50 } = req.query;
      return listCases(db, actor, parseFilters(req.query), {
        sort,
        order,
        cursor: cursor ? decodeCursor(cursor, sort, order) : null,
        limit,
        now: new Date(),
      });
    },
  );

  app.get<{ Querystring: typeof KpiQuery.static }>(
    '/api/cases/kpis',
    {
      schema: {
        tags: ['cases'],
        summary: 'Case KPIs of an org subtree or a unit over a period',
        querystring: KpiQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { org, unit, from, to } = req.query;
      if (org === undefined && unit === undefined)
        throw invalid([{ field: '/org', message: 'give org or unit' }]);
      const period = periodOf(from, to);
      await assertKpiScope(db, actor, { org, unit });
      return { data: await caseKpis(db, { org, unit }, period) };
    },
  );

  app.get<{ Querystring: typeof MapQuery.static }>(
    '/api/cases/map',
    {
      schema: {
        tags: ['cases'],
        summary: 'Case points in a box as a GeoJSON FeatureCollection (clustered below zoom 15)',
        querystring: MapQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const bbox = parseBbox(req.query.bbox);
      return casesMap(db, actor, parseFilters(req.query), {
        bbox,
        zoom: req.query.zoom ?? 12,
        now: new Date(),
      });
    },
  );

  app.get<{ Querystring: typeof ExportQuery.static }>(
    '/api/cases/export.xlsx',
    {
      schema: {
        tags: ['cases'],
        summary: 'The ledger (台账) of the filtered list as .xlsx',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const filters = parseFilters(req.query);
      const now = new Date();
      const stream = streamLedger(db, actor, filters, {
        sort: req.query.sort ?? 'reported_at',
        order: req.query.order ?? 'desc',
        now,
      });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', ledgerDisposition(now))
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
}
