import { type NodeStats, ORG_CODE_LENGTH, type OrgLevel } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';
import { overdueSql } from '../case-reports/filters.ts';
import { ratesOf } from '../case-reports/kpi-definitions.ts';
import { kpisByGroup } from '../case-reports/kpis-by-group.ts';
import { periodOf } from '../case-reports/period.ts';
import { compositeScore, gradeOf } from '../scores/formulas.ts';
import { readScoreSettings } from '../scores/settings.ts';

/** A period of whole days in China Standard Time, [from, to] inclusive. */
export interface DayRange {
  from: string;
  to: string;
}

// Days are counted in China Standard Time (UTC+8, no daylight saving), without relying on tz data.
const cstDay = (col: ReturnType<typeof sql>) => sql`((${col} at time zone 'UTC') + interval '8 hours')::date`;
const startOf = (day: string) => sql`(${day}::date::timestamp - interval '8 hours') at time zone 'UTC'`;

export type { NodeStats } from '@civicgrid/shared';

/**
 * Figures per org node of one level under a node, for colouring the map: counts of the period's reports, every
 * KPI with the one definition of docs/kpis.md (kpisByGroup: the numbers GET /api/cases/kpis gives for each
 * node) and the composite area score. Every visible node appears, with zeros and null rates when it had none.
 */
export async function statsByNode(
  db: Db,
  actor: Actor,
  q: { level: OrgLevel; under: string; range: DayRange },
  now = new Date(),
): Promise<NodeStats[]> {
  const len = ORG_CODE_LENGTH[q.level];
  const period = periodOf(q.range.from, q.range.to, now);
  const [counts, kpis, settings] = await Promise.all([
    rows<Omit<NodeStats, 'rates' | 'score' | 'grade'>>(
      db,
      sql`with agg as (
          select left(c.org_code, ${len}) as code, count(*)::int as total,
            count(*) filter (where c.state not in ('closed', 'rejected'))::int as open,
            count(*) filter (where ${overdueSql(now)})::int as overdue
          from cases c
          where c.org_code like ${`${q.under}%`} and length(c.org_code) >= ${len}
            and c.reported_at >= ${startOf(q.range.from)} and c.reported_at < ${startOf(q.range.to)} + interval '1 day'
          group by 1)
        select n.code, n.name, coalesce(a.total, 0) as total, coalesce(a.open, 0) as open,
          coalesce(a.overdue, 0) as overdue
        from org_nodes n left join agg a on a.code = n.code
        where n.level = ${q.level} and n.code like ${`${q.under}%`} and (${scopeCondition(actor, 'case.read', sql`n.code`)})
        order by n.code`,
    ),
    kpisByGroup(db, { by: 'org', length: len, under: q.under }, period, now),
    readScoreSettings(db),
  ]);
  return counts.map((c) => {
    const rates = kpis.get(c.code)?.rates ?? ratesOf(undefined);
    const score = compositeScore(settings.area, rates);
    return { ...c, rates, score, grade: gradeOf(score) };
  });
}

/** Cases reported and closed per day under an org node, every day of the range present. */
export function dailyTrend(db: Db, q: { org: string; range: DayRange }) {
  return rows<{ day: string; reported: number; closed: number }>(
    db,
    sql`with days as (select generate_series(${q.range.from}::date, ${q.range.to}::date, interval '1 day')::date as day),
        r as (select ${cstDay(sql`reported_at`)} as day, count(*)::int as n from cases
              where org_code like ${`${q.org}%`} and reported_at >= ${startOf(q.range.from)}
                and reported_at < ${startOf(q.range.to)} + interval '1 day' group by 1),
        c as (select ${cstDay(sql`closed_at`)} as day, count(*)::int as n from cases
              where org_code like ${`${q.org}%`} and closed_at >= ${startOf(q.range.from)}
                and closed_at < ${startOf(q.range.to)} + interval '1 day' group by 1)
        select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(r.n, 0) as reported, coalesce(c.n, 0) as closed
        from days left join r on r.day = days.day left join c on c.day = days.day order by days.day`,
  );
}
