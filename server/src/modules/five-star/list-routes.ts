import { FIVE_STAR_SCOPES } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, districtWideCode, scopesFor } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';
import { copyStandard } from './commands/copy-standard.ts';
import { saveStandard } from './commands/save-standard.ts';
import { saveTargets } from './commands/save-targets.ts';
import { currentYear } from './load.ts';
import { findStandard, listStandings, targetsOf } from './queries.ts';
import { StandardBody, StandardParams, TargetBody, TargetParams, Year, YearQuery } from './schemas.ts';
import { standingsWorkbook } from './workbook.ts';

const tags = ['five-star'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Five-star lists: the year's standings (ranking) and export, the standards editor, per-street targets. */
export function fiveStarListRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: typeof YearQuery.static }>(
    '/api/five-star/standings',
    {
      schema: {
        tags,
        summary: 'The branches of the caller’s scope with their stars for a year, ranked',
        querystring: YearQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'fivestar.read');
      const { year = currentYear(), org } = req.query;
      if (org) assertCan(actor, 'fivestar.read', org);
      return { data: await listStandings(db, actor, year, org ?? null), year };
    },
  );

  app.get<{ Querystring: typeof YearQuery.static }>(
    '/api/five-star/standings.xlsx',
    { schema: { tags, summary: 'The year’s ranking as .xlsx', querystring: YearQuery } },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'fivestar.read');
      const { year = currentYear(), org } = req.query;
      if (org) assertCan(actor, 'fivestar.read', org);
      const file = await standingsWorkbook(year, await listStandings(db, actor, year, org ?? null));
      const name = `五星支部-${year}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="five-star-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  const YearOnly = Type.Object({ year: Year });
  app.get<{ Params: typeof YearOnly.static }>(
    '/api/five-star/standards/:year',
    {
      schema: {
        tags,
        summary: 'The standards of the caller’s district for a year (the default where none is saved)',
        params: YearOnly,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'fivestar.read');
      const district = scopesFor(actor, 'fivestar.read')[0]!.slice(0, 6);
      const out = await Promise.all(
        FIVE_STAR_SCOPES.map(async (scope) => ({
          scope,
          ...(await findStandard(db, district, req.params.year, scope)),
        })),
      );
      return { data: out, year: req.params.year };
    },
  );

  app.put<{ Params: typeof StandardParams.static; Body: typeof StandardBody.static }>(
    '/api/five-star/standards/:year/:scope',
    {
      schema: {
        tags,
        summary: 'Save a year’s standard of one scope (district staff)',
        params: StandardParams,
        body: StandardBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const districtCode = districtWideCode(actor, 'fivestar.decide');
      const { year, scope } = req.params;
      await saveStandard(
        db,
        { districtCode, year, scope, stars: req.body.stars },
        { actorId: actor.userId, ip: req.ip },
      );
      return { data: { scope, ...(await findStandard(db, districtCode, year, scope)) } };
    },
  );

  app.post<{ Params: typeof YearOnly.static }>(
    '/api/five-star/standards/:year/copy',
    {
      schema: {
        tags,
        summary: 'Start a year’s standards from the year before (both scopes)',
        params: YearOnly,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const districtCode = districtWideCode(actor, 'fivestar.decide');
      await copyStandard(db, { districtCode, year: req.params.year }, { actorId: actor.userId, ip: req.ip });
      return { data: { year: req.params.year } };
    },
  );

  const TargetQuery = Type.Object({ year: Type.Optional(Year) });
  app.get<{ Querystring: typeof TargetQuery.static }>(
    '/api/five-star/targets',
    {
      schema: {
        tags,
        summary: 'Per-street targets of a year (branches with ≥ 3, 4, 5 stars) and how many reached them',
        querystring: TargetQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'fivestar.read');
      const year = req.query.year ?? currentYear();
      return { data: await targetsOf(db, actor, year), year };
    },
  );

  app.put<{ Params: typeof TargetParams.static; Body: typeof TargetBody.static }>(
    '/api/five-star/targets/:street/:year',
    {
      schema: {
        tags,
        summary: 'Set a street’s targets for a year (district staff)',
        params: TargetParams,
        body: TargetBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertCan(actor, 'fivestar.decide', req.params.street);
      if ((await findNodeByCode(db, req.params.street))?.level !== 'street') throw notFound();
      await saveTargets(db, req.params.street, req.params.year, req.body.targets);
      return {
        data: (await targetsOf(db, actor, req.params.year)).filter((t) => t.streetCode === req.params.street),
      };
    },
  );
}
