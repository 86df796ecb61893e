import { type NodeStats, ORG_CODE_LENGTH, type OrgLevel } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';

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
 * Case figures per org node of one level under a node, for colouring the map: every visible node appears,
 * with zeros when it had no cases reported in the period.
 */
export function statsByNode(
  db: Db,
  actor: Actor,
  q: { level: OrgLevel; under: string; range: DayRange },
): Promise<NodeStats[]> {
  const len = ORG_CODE_LENGTH[q.level];
  return rows<NodeStats>(
    db,
    sql`with agg as (
          select left(org_code, ${len}) as code, count(*)::int as total,
            count(*) filter (where state not in ('closed', 'rejected'))::int as open,
            count(*) filter (where state not in ('closed', 'rejected', 'suspended')
              and (deadline_at < now() or stage_deadline_at < now()))::int as overdue,
            count(*) filter (where c_disposed = 1)::int as disposed,
            count(*) filter (where c_intime_dispose = 1)::int as "intimeDisposed"
          from cases
          where org_code like ${`${q.under}%`} and length(org_code) >= ${len}
            and reported_at >= ${startOf(q.range.from)} and reported_at < ${startOf(q.range.to)} + interval '1 day'
          group by 1)
        select n.code, n.name, coalesce(a.total, 0) as total, coalesce(a.open, 0) as open,
          coalesce(a.overdue, 0) as overdue, coalesce(a.disposed, 0) as disposed,
          coalesce(a."intimeDisposed", 0) as "intimeDisposed",
          case when coalesce(a.disposed, 0) = 0 then null else a."intimeDisposed"::float8 / a.disposed end as "intimeRate"
        from org_nodes n left join agg a on a.code = n.code
        where n.level = ${q.level} and n.code like ${`${q.under}%`} and (${scopeCondition(actor, 'case.read', sql`n.code`)})
        order by n.code`,
  );
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
