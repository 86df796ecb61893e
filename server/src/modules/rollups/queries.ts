import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Window } from '../case-reports/kpi-definitions.ts';
import { dayEnd, dayStart, districtDay } from '../case-reports/period.ts';
import { LATE_MEASURES, MEASURES, ORG_KEY_LENGTH, rollupRowsSql, touchedIn } from './rollup-rows.ts';

/**
 * KPI counts from the daily rollups (docs/kpis.md, "Rollups"), in the shape of kpiCounts (same names), so
 * ratesOf reads either. Closed, clean days come from case_rollups; the rest of the window — days the sweep has
 * not closed yet (today, at least) and days a change has made dirty since — is computed live from the cases
 * with the very rows the sweep would store, bounded by the window. The answer is therefore the raw KPIs as of
 * the query, whatever the sweep's lag.
 */

/** The scope of a rollup query: an org prefix (≤ 12 characters, or null: everywhere) and optionally a unit. */
export interface RollupScope {
  org: string | null;
  unit?: number;
}

/** Grouping: one row per org node of a code length (≤ 12), or per unit holding the cases. */
export type RollupGroup = { by: 'org'; length: number } | { by: 'unit' };

/** Whether rollups can answer for an org scope or grouping of this code length (they hold communities). */
export const rollupCovers = (length: number) => length <= ORG_KEY_LENGTH;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const dt = (d: string) => sql`${d}::date`;

function nextDay(day: string): string {
  return districtDay(dayEnd(day)!);
}

/**
 * The kpiCounts row(s) of a window from rollups: one row (key null) without `group`, else one per group key.
 * `recurrence: false` leaves 复发率 out (null), as for units.
 */
export async function rollupCounts(
  db: Db,
  scope: RollupScope,
  w: Window,
  group?: RollupGroup,
  opts: { recurrence?: boolean } = {},
): Promise<(Record<string, unknown> & { key: string | null })[]> {
  const orgPattern = scope.org === null ? '%' : `${scope.org}%`;
  const sDay = districtDay(w.start);
  const eCeil = nextDay(districtDay(new Date(w.endAt.getTime() - 1)));
  const state = await one<{ ct: string | null; dirty: string[] }>(
    db,
    sql`select (select closed_through::text from case_rollup_state) as ct,
          array(select distinct day::text from case_rollup_dirty
                where day >= ${dt(sDay)} and day < ${dt(eCeil)} and org_key like ${orgPattern} order by 1) as dirty`,
  );
  // stored: closed days that end before the window does (a window ending today or earlier is judged live)
  const eFloor = districtDay(w.endAt);
  const closed = state?.ct ?? null;
  const ct =
    closed === null
      ? null
      : closed < eFloor
        ? closed
        : districtDay(new Date(dayStart(eFloor)!.getTime() - 1));
  const dirty = (state?.dirty ?? []).filter((d) => ct !== null && d <= ct);
  // live: every dirty day, and everything after the last stored day
  const tailStart =
    ct === null ? w.start : new Date(Math.max(w.start.getTime(), dayStart(nextDay(ct))!.getTime()));
  const windows = dirty.map((d) => ({ start: dayStart(d)!, end: dayEnd(d)! }));
  if (tailStart < w.endAt) windows.push({ start: tailStart, end: w.endAt });
  const dirtyArr = sql`${`{${dirty.join(',')}}`}::date[]`;

  const orgOf = scope.org === null ? sql`true` : sql`c.org_code like ${orgPattern}`;
  const live = windows.length
    ? sql`union all ${rollupRowsSql(
        sql`${orgOf} and ${touchedIn(windows, scope.org)}`,
        sql`e.at >= ${ts(w.start)} and e.at < ${ts(w.endAt)}
            and (${ct === null ? sql`true` : sql`e.day > ${dt(ct)}`} or e.day = any (${dirtyArr}))`,
      )}`
    : sql``;
  const stored =
    ct === null
      ? sql`select * from case_rollups where false`
      : sql`select * from case_rollups s
            where s.day >= ${dt(sDay)} and s.day <= ${dt(ct)}
              and s.org_key like ${orgPattern} and s.day <> all (${dirtyArr})`;

  const held = scope.unit === undefined ? sql`true` : sql`r.unit_id = ${scope.unit}`;
  const firstHeld = scope.unit === undefined ? sql`true` : sql`r.first_unit_id = ${scope.unit}`;
  const inScope = scope.unit === undefined ? sql`true` : sql`(${held} or ${firstHeld})`;
  const key =
    group === undefined
      ? sql`null::text`
      : group.by === 'org'
        ? sql`left(r.org_key, ${group.length})`
        : sql`r.unit_id::text`;
  const narrow =
    group === undefined
      ? sql`true`
      : group.by === 'org'
        ? sql`length(r.org_key) >= ${group.length}`
        : sql`r.unit_id is not null`;
  // without a group, one row even when nothing happened (zeros), as the query over the cases gives
  const groupBy = group === undefined ? sql`` : sql`group by 1`;
  const sums = MEASURES.map((m) => {
    const who = m === 'returned' ? firstHeld : held;
    const late = LATE_MEASURES.has(m) ? sql` and (r.late_day is null or r.late_day < ${dt(eCeil)})` : sql``;
    const col = sql`coalesce(sum(r.${sql.raw(m)}) filter (where ${who}${late}), 0)::int`;
    return m === 'recurred' && opts.recurrence === false
      ? sql`null::int as recurred`
      : sql`${col} as ${sql.raw(m)}`;
  });
  return rows<Record<string, unknown> & { key: string | null }>(
    db,
    sql`with r as (${stored} ${live}),
        g as (select ${key} as key, ${sql.join(sums, sql`, `)},
                coalesce(sum(r.dispatched) filter (where ${firstHeld}), 0)::int as dispatched_first,
                coalesce(sum(cardinality(r.handling)) filter (where ${held}), 0)::int as handling_sample
              from r where ${inScope} and ${narrow} ${groupBy}),
        m as (select ${key} as key, percentile_cont(0.5) within group (order by h) as median_minutes
              from r cross join lateral unnest(r.handling) h where ${held} and ${narrow} ${groupBy})
        select g.*, m.median_minutes from g left join m on m.key is not distinct from g.key`,
  );
}
