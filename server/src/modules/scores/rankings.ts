import type { RankingEntry } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { type GroupKpis, kpisByGroup } from '../case-reports/kpis-by-group.ts';
import type { Period } from '../case-reports/period.ts';
import { rankGroup } from './flag-rules.ts';
import { compositeScore, gradeOf, type ScoreSettings } from './formulas.ts';

export const RANKING_LEVELS = ['street', 'community', 'unit'] as const;
export type RankingLevel = (typeof RANKING_LEVELS)[number];

export type { Ranking, RankingEntry } from '@civicgrid/shared';

interface Entity {
  key: string;
  name: string;
  peerGroup: string;
}

/**
 * The entities ranked at a level under an org node, with their peer groups: streets and towns (镇) apart,
 * communities (社区) and villages (村) apart, units by type. Units are those of the node's district.
 */
export function entitiesOf(db: Db, level: RankingLevel, org: string): Promise<Entity[]> {
  if (level === 'unit') {
    return rows<Entity>(
      db,
      sql`select u.id::text as key, u.name, u.type as "peerGroup"
          from units u join org_nodes d on d.id = u.district_id
          where d.code = ${org.slice(0, 6)} order by u.id`,
    );
  }
  const fallback = level === 'street' ? 'street' : 'community';
  return rows<Entity>(
    db,
    sql`select code as key, name, coalesce(kind, ${fallback}) as "peerGroup" from org_nodes
        where level = ${level} and code like ${`${org}%`} order by code`,
  );
}

/**
 * Scores and ranks the entities of a level from the KPIs of the period (docs/supervision-scores.md): a unit by
 * the unit formula, streets and communities by the area formula, each peer group ranked and flagged apart.
 * `lastBottomThree` is the previous week's bottom three (for the two-week black-flag rule).
 */
export async function computeRanking(
  db: Db,
  q: { level: RankingLevel; org: string; period: Period; settings: ScoreSettings },
  lastBottomThree: ReadonlySet<string> = new Set(),
  now = new Date(),
  /** the KPIs by entity when the caller has them already (evaluateWeek rolls communities up to streets) */
  known?: Map<string, GroupKpis>,
): Promise<RankingEntry[]> {
  const [entities, kpis] = await Promise.all([
    entitiesOf(db, q.level, q.org),
    known ??
      kpisByGroup(
        db,
        q.level === 'unit'
          ? { by: 'unit', under: q.org }
          : { by: 'org', length: q.level === 'street' ? 9 : 12, under: q.org },
        q.period,
        now,
      ),
  ]);
  const terms = q.level === 'unit' ? q.settings.unit : q.settings.area;
  const scored = entities.map((e) => {
    const k = kpis.get(e.key);
    return { ...e, k, score: k ? compositeScore(terms, k.rates) : null, volume: k?.volume ?? 0 };
  });
  const groups = new Map<string, typeof scored>();
  for (const s of scored) groups.set(s.peerGroup, [...(groups.get(s.peerGroup) ?? []), s]);
  const out: RankingEntry[] = [];
  for (const members of groups.values()) {
    const ranked = rankGroup(members, q.settings.minCases, lastBottomThree);
    ranked.forEach((r, i) => {
      const m = members[i]!;
      out.push({
        ...r,
        name: m.name,
        peerGroup: m.peerGroup,
        grade: gradeOf(r.score),
        rates: m.k?.rates ?? null,
      });
    });
  }
  return sortRanking(out);
}

/** Peer group, then rank (unranked last), then name. */
export function sortRanking<T extends { peerGroup: string; rank: number | null; key: string }>(
  entries: T[],
): T[] {
  return entries.sort(
    (a, b) =>
      a.peerGroup.localeCompare(b.peerGroup) ||
      (a.rank ?? 1e9) - (b.rank ?? 1e9) ||
      a.key.localeCompare(b.key),
  );
}
