import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { invalid } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertAnywhere, assertCan, assertDistrictWide } from '../auth/policy.ts';
import { RATE_NAMES } from '../case-reports/kpi-definitions.ts';
import { periodOf } from '../case-reports/period.ts';
import { saveScoreSettings } from './commands/save-score-settings.ts';
import { computeRanking, RANKING_LEVELS, type Ranking, type RankingLevel } from './rankings.ts';
import { readScoreSettings } from './settings.ts';
import {
  addDays,
  bottomThreeBefore,
  findWeek,
  flagHistory,
  lastEndedWeek,
  mondayOf,
  weekEntries,
  weekPeriod,
} from './weeks.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Code = Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$' });
const Level = Type.Union(RANKING_LEVELS.map((l) => Type.Literal(l)));
const RateName = Type.Union(RATE_NAMES.map((r) => Type.Literal(r)));
const Terms = Type.Array(
  Type.Object({ rate: RateName, weight: Type.Number({ minimum: 0, maximum: 1 }), invert: Type.Boolean() }),
  { minItems: 1, maxItems: 10 },
);
const SettingsBody = Type.Object({
  unit: Terms,
  area: Terms,
  minCases: Type.Integer({ minimum: 0, maximum: 100000 }),
});

/** The org a ranking may be asked under: the district for streets and units, a district or street for communities. */
function checkOrg(level: RankingLevel, org: string): void {
  const ok = level === 'community' ? org.length <= 9 : org.length === 6;
  if (!ok)
    throw invalid([
      { field: '/org', message: level === 'community' ? 'a district or street code' : 'a district code' },
    ]);
}

/** Scores, rankings with flags (一周一评比), the flag history and the score settings. */
export function scoreRoutes(app: FastifyInstance, db: Db): void {
  const RankingQuery = Type.Object({
    level: Level,
    org: Code,
    week: Type.Optional(Day),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  });
  app.get<{ Querystring: typeof RankingQuery.static }>(
    '/api/scores/rankings',
    {
      schema: {
        tags: ['scores'],
        summary: 'A ranking of streets, communities or units with scores, grades and flags',
        querystring: RankingQuery,
      },
    },
    async (req): Promise<{ data: Ranking }> => {
      const actor = actorOf(req);
      const { level, org } = req.query;
      assertCan(actor, 'case.read', org);
      checkOrg(level, org);
      const district = org.slice(0, 6);
      const settings = await readScoreSettings(db);
      if (req.query.from || req.query.to) {
        const period = periodOf(req.query.from, req.query.to);
        const entries = await computeRanking(db, { level, org, period, settings });
        const window = { from: period.from, to: period.to };
        return {
          data: { level, org, window, minCases: settings.minCases, stored: false, weekStart: null, entries },
        };
      }
      const weekStart = req.query.week ? mondayOf(req.query.week) : lastEndedWeek(new Date());
      const window = { from: weekStart, to: addDays(weekStart, 6) };
      const week = await findWeek(db, district, weekStart);
      if (week) {
        const entries = await weekEntries(db, week.id, level, org);
        return {
          data: { level, org, window, minCases: week.settings.minCases, stored: true, weekStart, entries },
        };
      }
      const last = await bottomThreeBefore(db, district, weekStart, level);
      const entries = await computeRanking(db, { level, org, period: weekPeriod(weekStart), settings }, last);
      return { data: { level, org, window, minCases: settings.minCases, stored: false, weekStart, entries } };
    },
  );

  const FlagQuery = Type.Object({
    level: Level,
    org: Code,
    key: Type.Optional(Type.String({ maxLength: 15 })),
  });
  app.get<{ Querystring: typeof FlagQuery.static }>(
    '/api/scores/flags',
    {
      schema: {
        tags: ['scores'],
        summary: 'Red and black flags of past weeks, newest first',
        querystring: FlagQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { level, org, key } = req.query;
      assertCan(actor, 'case.read', org);
      checkOrg(level, org);
      const found = await flagHistory(db, { district: org.slice(0, 6), level, key, limit: 200 });
      return { data: level === 'unit' ? found : found.filter((f) => f.key.startsWith(org)) };
    },
  );

  app.get(
    '/api/scores/settings',
    { schema: { tags: ['scores'], summary: 'Score weights, grades and the ranking minimum' } },
    async (req) => {
      assertAnywhere(actorOf(req), 'case.read');
      return { data: await readScoreSettings(db) };
    },
  );

  app.put<{ Body: typeof SettingsBody.static }>(
    '/api/scores/settings',
    {
      schema: {
        tags: ['scores'],
        summary: 'Change the score weights and the ranking minimum',
        body: SettingsBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertDistrictWide(actor, 'org.manage');
      return { data: await saveScoreSettings(db, actor, req.body, await readScoreSettings(db)) };
    },
  );
}
