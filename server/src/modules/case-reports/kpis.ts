import { CASE_STATES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { assertCan, can } from '../auth/policy.ts';
import {
  outsideSummaries,
  type RollupPlan,
  rollupCounts,
  rollupCovers,
  rollupPlan,
  summaryRowsOf,
} from '../rollups/queries.ts';
import { summaryCovers } from '../rollups/summary-rows.ts';
import {
  kpiCounts,
  NOT_CARE_ALERT,
  type RateName,
  type Ratio,
  ratesOf,
  touchedIds,
  type Window,
  windowOf,
} from './kpi-definitions.ts';
import type { Period } from './period.ts';

export type { RateName, Ratio } from './kpi-definitions.ts';
export { RATE_NAMES } from './kpi-definitions.ts';

export interface CategoryCount {
  code: string;
  nameZh: string | null;
  nameEn: string | null;
  count: number;
}

/** The KPIs of one org subtree or one unit over a period (definitions in docs/kpis.md). */
export interface CaseKpis {
  scope: { org: string | null; unitId: number | null };
  period: { from: string; to: string; start: Date; end: Date; asOf: Date };
  rates: Record<RateName, Ratio>;
  /** median working hours from filing to closing of the cases closed in the period; null when none */
  medianHandlingHours: number | null;
  /** how many closed cases the median is taken over */
  handlingSample: number;
  counts: {
    reported: number;
    bySource: Record<string, number>;
    byState: Record<string, number>;
    byTopCategory: CategoryCount[];
    byCategory: CategoryCount[];
  };
}

export interface KpiScope {
  org?: string;
  unit?: number;
}

/**
 * Checks that the actor may read KPIs of the scope: staff reading cases ('case.read') at the org code; for a
 * unit, a unit_handler grant for that very unit or 'case.read' at its district. A unit handler's grant
 * reaches the district only to read the org tree, so it opens neither another unit's figures nor an area's.
 * 404 for an unknown code or unit and for one outside everything the actor sees, 403 when visible but not
 * allowed.
 */
export async function assertKpiScope(db: Db, actor: Actor, scope: KpiScope): Promise<void> {
  if (scope.org !== undefined) {
    assertCan(actor, 'case.read', scope.org);
    const node = await one(db, sql`select 1 from org_nodes where code = ${scope.org}`);
    if (!node) throw notFound();
  }
  if (scope.unit !== undefined) {
    const unit = await one<{ districtCode: string }>(
      db,
      sql`select d.code as "districtCode" from units u join org_nodes d on d.id = u.district_id where u.id = ${scope.unit}`,
    );
    if (!unit) throw notFound();
    const handles = actor.grants.some((g) => g.role === 'unit_handler' && g.unitId === scope.unit);
    if (!handles && !can(actor, 'case.read', unit.districtCode)) throw notFound();
  }
}

type Via = 'auto' | 'raw' | 'rollups';

const viaRollups = (scope: KpiScope, via: Via) =>
  via === 'rollups' || (via === 'auto' && (scope.org === undefined || rollupCovers(scope.org.length)));

/**
 * The kpiCounts row of a scope over a window: from the rollups when they hold the scope (an org node down to
 * a community, or a unit; rollups/queries.ts), else from the cases. `via` forces one (tests compare the two);
 * `plan` is the rollup plan when the caller has made it.
 */
export async function kpiTotals(
  db: Db,
  scope: KpiScope,
  w: Window,
  via: Via = 'auto',
  plan?: RollupPlan,
): Promise<Record<string, unknown> | undefined> {
  if (viaRollups(scope, via))
    return (await rollupCounts(db, { org: scope.org ?? null, unit: scope.unit }, w, undefined, { plan }))[0];
  // care alerts (12.01) are about a person's safety, not the district's handling of problems: out of every KPI
  const org = sql`${scope.org !== undefined ? sql`c.org_code like ${`${scope.org}%`}` : sql`true`} and ${NOT_CARE_ALERT}`;
  // For a unit, everything counts the cases it holds, except returns: those belong to the unit first sent.
  const held = scope.unit !== undefined ? sql`c.unit_id = ${scope.unit}` : sql`true`;
  const firstHeld = scope.unit !== undefined ? sql`c.first_unit_id = ${scope.unit}` : sql`true`;
  const inScope = scope.unit !== undefined ? sql`${org} and (${held} or ${firstHeld})` : sql`${org}`;
  const row = await one<Record<string, unknown>>(
    db,
    sql`select ${kpiCounts(w, held, firstHeld)} from cases c where ${inScope} and ${touchedIds(w, scope.org ?? null)}`,
  );
  return row ?? undefined;
}

interface Group {
  source: string;
  state: string;
  code: string;
  nameZh: string | null;
  nameEn: string | null;
  topNameZh: string | null;
  topNameEn: string | null;
  count: number;
}

/**
 * The period's reports of a scope grouped by source, (current) state and category: the days and months of the
 * plan from their summaries (rollups/summary-rows.ts), the rest of the window from the cases.
 */
function reportGroups(db: Db, scope: KpiScope, w: Window, plan: RollupPlan | undefined) {
  // care alerts (12.01) are about a person's safety, not the district's handling of problems: out of every KPI
  const org = sql`${scope.org !== undefined ? sql`c.org_code like ${`${scope.org}%`}` : sql`true`} and ${NOT_CARE_ALERT}`;
  // a unit's reports are those of the cases it holds
  const held = scope.unit !== undefined ? sql`c.unit_id = ${scope.unit}` : sql`true`;
  const spans = (plan ? outsideSummaries(w, plan) : [{ start: w.start, end: w.endAt }]).map(
    (s) =>
      sql`(c.reported_at >= ${s.start.toISOString()}::timestamptz and c.reported_at < ${s.end.toISOString()}::timestamptz)`,
  );
  const raw = spans.length
    ? sql`select c.source, c.state, c.category_code as code, count(*)::int as n from cases c
          where ${org} and ${held} and (${sql.join(spans, sql` or `)}) group by 1, 2, 3`
    : sql`select null::text as source, null::text as state, null::text as code, 0 as n where false`;
  const summarised = plan
    ? sql`union all select s.source, s.state, s.category_code, s.n from case_summary_reports s
          where s.org_prefix = ${scope.org ?? ''} and ${summaryRowsOf(plan, 's')}`
    : sql``;
  return rows<Group>(
    db,
    sql`select x.source, x.state, x.code, cat.name_zh as "nameZh", cat.name_en as "nameEn",
          top.name_zh as "topNameZh", top.name_en as "topNameEn", sum(x.n)::int as count
        from (${raw} ${summarised}) x
        left join categories cat on cat.code = x.code
        left join categories top on top.code = left(x.code, 2)
        group by x.source, x.state, x.code, cat.name_zh, cat.name_en, top.name_zh, top.name_en`,
  );
}

/**
 * The KPIs of a scope over a period (docs/kpis.md): the counts of every case of the scope touched in the period
 * (kpiTotals) and the period's reports grouped by source, state and category (reportGroups). A district or a
 * street reads its closed days and whole months from the summaries for both. `via` forces rollups or cases (tests).
 */
export async function caseKpis(
  db: Db,
  scope: KpiScope,
  period: Period,
  now = new Date(),
  via: Via = 'auto',
): Promise<CaseKpis> {
  // A period that has not ended yet is judged up to now: deadlines still ahead are not due.
  const w = windowOf(period, now);
  const plan =
    viaRollups(scope, via) && summaryCovers(scope.org, scope.unit)
      ? await rollupPlan(db, { org: scope.org ?? null }, w)
      : undefined;
  const [agg, groups] = await Promise.all([
    kpiTotals(db, scope, w, via, plan),
    reportGroups(db, scope, w, plan),
  ]);
  const a = (k: string) => Number(agg?.[k] ?? 0);

  const bySource: Record<string, number> = {};
  const byState: Record<string, number> = Object.fromEntries(CASE_STATES.map((s) => [s, 0]));
  const sub = new Map<string, CategoryCount>();
  const top = new Map<string, CategoryCount>();
  const bump = (
    m: Map<string, CategoryCount>,
    code: string,
    nameZh: string | null,
    nameEn: string | null,
    k: number,
  ) => {
    const entry = m.get(code) ?? { code, nameZh, nameEn, count: 0 };
    entry.count += k;
    m.set(code, entry);
  };
  for (const g of groups) {
    bySource[g.source] = (bySource[g.source] ?? 0) + g.count;
    byState[g.state] = (byState[g.state] ?? 0) + g.count;
    bump(sub, g.code, g.nameZh, g.nameEn, g.count);
    bump(top, g.code.slice(0, 2), g.topNameZh, g.topNameEn, g.count);
  }
  const sorted = (m: Map<string, CategoryCount>) =>
    [...m.values()].sort((x, y) => y.count - x.count || x.code.localeCompare(y.code));
  const median = agg?.median_minutes;

  return {
    scope: { org: scope.org ?? null, unitId: scope.unit ?? null },
    period: { from: period.from, to: period.to, start: period.start, end: period.end, asOf: now },
    rates: ratesOf(agg ?? undefined),
    medianHandlingHours: median === null || median === undefined ? null : Number(median) / 60,
    handlingSample: a('handling_sample'),
    counts: {
      reported: groups.reduce((s, g) => s + g.count, 0),
      bySource,
      byState,
      byTopCategory: sorted(top),
      byCategory: sorted(sub),
    },
  };
}
