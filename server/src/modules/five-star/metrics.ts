import type { FiveStarMetric, StandardStar } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { caseKpis } from '../case-reports/kpis.ts';
import { periodOf } from '../case-reports/period.ts';

/** The metrics a standard's items are linked to. */
export function linkedMetrics(stars: readonly StandardStar[]): FiveStarMetric[] {
  return [...new Set(stars.flatMap((s) => s.items.flatMap((i) => (i.metric ? [i.metric] : []))))];
}

/**
 * 走访覆盖率 of a community over a year: households visited at least once in any quarter of the year /
 * households of the community now (from `visit_quarters`, the table the coverage page reads).
 */
async function yearCoverage(db: Db, orgCode: string, year: number): Promise<number | null> {
  const row = await one<{ homes: number; visited: number }>(
    db,
    sql`select (select count(*)::int from households h join org_nodes g on g.id = h.grid_id
                 where g.code like ${`${orgCode}%`}) as homes,
               (select count(distinct household_id)::int from visit_quarters
                 where quarter like ${`${year}Q%`} and org_code like ${`${orgCode}%`}) as visited`,
  );
  if (!row || row.homes === 0) return null;
  return Math.min(1, row.visited / row.homes);
}

/**
 * The linked metrics of a community over a year, from the KPI definitions of docs/kpis.md (the same numbers
 * as the KPI cards for that community and year) and from the visit coverage. A year still running is judged
 * up to now; a rate of nothing is null, never 0 or 1.
 */
export async function metricValues(
  db: Db,
  orgCode: string,
  year: number,
  metrics: readonly FiveStarMetric[],
  now = new Date(),
): Promise<Partial<Record<FiveStarMetric, number | null>>> {
  const out: Partial<Record<FiveStarMetric, number | null>> = {};
  const rates = metrics.filter((m) => m !== 'visitCoverage');
  if (rates.length) {
    const kpis = await caseKpis(db, { org: orgCode }, periodOf(`${year}-01-01`, `${year}-12-31`), now);
    for (const m of rates) out[m] = kpis.rates[m as Exclude<FiveStarMetric, 'visitCoverage'>].rate;
  }
  if (metrics.includes('visitCoverage')) out.visitCoverage = await yearCoverage(db, orgCode, year);
  return out;
}
