import type { BulletinContent, BulletinRankLine } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { overdueSql } from '../case-reports/filters.ts';
import { caseKpis } from '../case-reports/kpis.ts';
import { kpisByGroup } from '../case-reports/kpis-by-group.ts';
import { dayStart, districtDay } from '../case-reports/period.ts';
import { addDays } from '../scores/weeks.ts';
import { inspectionSection } from './inspection-section.ts';
import type { BulletinKind } from './schedule.ts';

export type { BulletinContent, BulletinRankLine } from '@civicgrid/shared';

const WORST = 10;
const LATE_UNITS = 15;

/**
 * Computes a bulletin's content for an org node (the district or a street) over [from, to] at `now`: the
 * period's KPIs (caseKpis, the one definition), the worst categories, the units that missed deadlines and the
 * last weekly evaluation — flagged lines only in a daily or monthly bulletin, the whole ranking in a weekly one.
 */
export async function bulletinContent(
  db: Db,
  q: { org: string; kind: BulletinKind; from: string; to: string },
  now: Date,
): Promise<BulletinContent> {
  const start = dayStart(q.from)!;
  const end = dayStart(addDays(q.to, 1))!;
  const period = { from: q.from, to: q.to, start, end };
  const S = sql`${start.toISOString()}::timestamptz`;
  const E = sql`${end.toISOString()}::timestamptz`;
  const under = `${q.org}%`;
  const [node, kpis, closed, overdue, worst, units] = await Promise.all([
    one<{ name: string; level: 'district' | 'street' }>(
      db,
      sql`select name, level from org_nodes where code = ${q.org}`,
    ),
    caseKpis(db, { org: q.org }, period, now),
    one<{ n: number }>(
      db,
      sql`select count(*)::int as n from cases c where c.org_code like ${under} and c.state = 'closed'
          and c.closed_at >= ${S} and c.closed_at < ${E}`,
    ),
    one<{ n: number }>(
      db,
      sql`select count(*)::int as n from cases c where c.org_code like ${under} and ${overdueSql(now)}`,
    ),
    rows<{ code: string; name: string; count: number; overdue: number }>(
      db,
      sql`select c.category_code as code, coalesce(k.name_zh, c.category_code) as name, count(*)::int as count,
            count(*) filter (where ${overdueSql(now)})::int as overdue
          from cases c left join categories k on k.code = c.category_code
          where c.org_code like ${under} and c.reported_at >= ${S} and c.reported_at < ${E}
          group by c.category_code, k.name_zh order by count desc, overdue desc, c.category_code limit ${WORST}`,
    ),
    kpisByGroup(db, { by: 'unit', under: q.org }, period, now),
  ]);
  const unitNames = new Map(
    (
      await rows<{ id: string; name: string }>(
        db,
        sql`select u.id::text as id, u.name from units u join org_nodes d on d.id = u.district_id
            where d.code = ${q.org.slice(0, 6)}`,
      )
    ).map((u) => [u.id, u.name]),
  );
  const lateUnits = [...units.values()]
    .map((u) => {
      const r = u.rates.disposeOnTimeRate;
      return {
        name: unitNames.get(u.key) ?? u.key,
        due: r.denominator,
        late: r.denominator - r.numerator,
        rate: r.rate,
      };
    })
    .filter((u) => u.late > 0)
    .sort((a, b) => b.late - a.late || a.name.localeCompare(b.name))
    .slice(0, LATE_UNITS);
  return {
    scopeName: node?.name ?? q.org,
    level: node?.level ?? 'district',
    from: q.from,
    to: q.to,
    asOf: now.toISOString(),
    figures: { reported: kpis.counts.reported, closed: closed?.n ?? 0, overdue: overdue?.n ?? 0 },
    rates: kpis.rates,
    worst,
    lateUnits,
    flags: await weekFlags(db, q, q.kind === 'weekly'),
    inspections: await inspectionSection(db, { org: q.org, start, end, today: districtDay(now) }),
  };
}

/** The last weekly evaluation that ended within the period: its flagged lines, or every line (weekly). */
async function weekFlags(
  db: Db,
  q: { org: string; to: string },
  everyLine: boolean,
): Promise<BulletinContent['flags']> {
  const week = await one<{ id: number; weekStart: string }>(
    db,
    sql`select id, to_char(week_start, 'YYYY-MM-DD') as "weekStart" from score_weeks
        where district_code = ${q.org.slice(0, 6)} and week_start + 6 <= ${q.to}::date
        order by week_start desc limit 1`,
  );
  if (!week) return null;
  const lines = await rows<BulletinRankLine & { level: string }>(
    db,
    sql`select level, name, peer_group as "peerGroup", score::float8 as score, grade, rank, of_count as "of", flag, reasons
        from score_entries
        where week_id = ${week.id} and (level = 'unit' or entity_key like ${`${q.org}%`})
          ${everyLine ? sql`` : sql`and flag is not null`}
        order by case level when 'street' then 1 when 'community' then 2 else 3 end, peer_group, rank nulls last, name`,
  );
  const levels = ['street', 'community', 'unit']
    .map((level) => ({ level, lines: lines.filter((l) => l.level === level).map(({ level: _, ...l }) => l) }))
    .filter((l) => l.lines.length > 0);
  return { weekStart: week.weekStart, levels };
}
