import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Window } from '../case-reports/kpi-definitions.ts';
import { dayEnd, dayStart, districtDay } from '../case-reports/period.ts';
import { liveRecurredSql, liveRecurrenceStart } from './recurrences.ts';
import { LATE_MEASURES, MEASURES, ORG_KEY_LENGTH, rollupRowsSql, touchedIn } from './rollup-rows.ts';
import { earliestDay, lastDayOf, monthOf, nextDay, nextMonth, summaryCovers } from './summary-rows.ts';

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

/**
 * What a rollup query reads for a window: the last stored day usable for it (`ct`, null: none) and the dirty
 * days up to it in scope (both computed live), the last day whose stored recurrences are final (`settled`, ≤ ct;
 * the closings after it are counted as recurred from the cases, migration 0170), and — for a district or a
 * street without grouping — the closed months wholly inside the window and the other closed days read from
 * their summaries (summary-rows.ts), each only when summarised and without a dirty day in scope, a month only
 * once settled.
 */
export interface RollupPlan {
  ct: string | null;
  settled: string | null;
  dirty: string[];
  months: string[];
  days: string[];
}

export async function rollupPlan(
  db: Db,
  scope: RollupScope,
  w: Window,
  group?: RollupGroup,
): Promise<RollupPlan> {
  const orgPattern = scope.org === null ? '%' : `${scope.org}%`;
  const sDay = districtDay(w.start);
  const eCeil = nextDay(districtDay(new Date(w.endAt.getTime() - 1)));
  const summarised = group === undefined && summaryCovers(scope.org, scope.unit);
  const state = await one<{ ct: string | null; st: string | null; dirty: string[]; summaries: string[] }>(
    db,
    sql`select (select closed_through::text from case_rollup_state) as ct,
          (select settled_through::text from case_rollup_state) as st,
          array(select distinct day::text from case_rollup_dirty
                where day >= ${dt(sDay)} and day < ${dt(eCeil)} and org_key like ${orgPattern} order by 1) as dirty,
          array(select span || ' ' || start::text from case_summarised
                where ${summarised} and start >= ${dt(sDay)} and start < ${dt(eCeil)} order by 1) as summaries`,
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
  const st = state?.st ?? null;
  const settled = ct === null || st === null ? null : earliestDay(st, ct);
  const dirty = (state?.dirty ?? []).filter((d) => ct !== null && d <= ct);
  const clean = (day: string) => ct !== null && day <= ct && !dirty.includes(day);
  const listed = (span: string) =>
    (state?.summaries ?? []).filter((x) => x.startsWith(`${span} `)).map((x) => x.slice(span.length + 1));
  const months = listed('month').filter(
    (m) =>
      settled !== null &&
      lastDayOf(m) <= settled &&
      nextMonth(m) <= eCeil &&
      !dirty.some((d) => monthOf(d) === m),
  );
  const days = listed('day').filter((d) => clean(d) && !months.includes(monthOf(d)));
  return { ct, settled, dirty, months, days };
}

/** The whole days or months of a plan read from summaries, as instants [start, end) in order. */
function summarisedSpans(plan: RollupPlan): { start: Date; end: Date }[] {
  return [
    ...plan.months.map((m) => ({ start: dayStart(m)!, end: dayStart(nextMonth(m))! })),
    ...plan.days.map((d) => ({ start: dayStart(d)!, end: dayEnd(d)! })),
  ].sort((x, y) => x.start.getTime() - y.start.getTime());
}

/** The instants [start, end) of a window outside the days and months a plan reads from summaries, in order. */
export function outsideSummaries(w: Window, plan: RollupPlan): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  let from = w.start;
  for (const s of summarisedSpans(plan)) {
    if (s.start > from) out.push({ start: from, end: s.start });
    if (s.end > from) from = s.end;
  }
  if (from < w.endAt) out.push({ start: from, end: w.endAt });
  return out;
}

/** `s.span = … and s.start = any (…)`: the summary rows of a plan (false when it reads none). */
export function summaryRowsOf(plan: RollupPlan, alias: string): SQL {
  const arr = (xs: string[]) => sql`${`{${xs.join(',')}}`}::date[]`;
  const a = sql.raw(alias);
  return sql`((${a}.span = 'month' and ${a}.start = any (${arr(plan.months)}))
    or (${a}.span = 'day' and ${a}.start = any (${arr(plan.days)})))`;
}

/**
 * The kpiCounts row(s) of a window from rollups: one row (key null) without `group`, else one per group key.
 * `recurrence: false` leaves 复发率 out (null), as for units. `plan` is rollupPlan's, when the caller has it.
 */
export async function rollupCounts(
  db: Db,
  scope: RollupScope,
  w: Window,
  group?: RollupGroup,
  opts: { recurrence?: boolean; plan?: RollupPlan } = {},
): Promise<(Record<string, unknown> & { key: string | null })[]> {
  const orgPattern = scope.org === null ? '%' : `${scope.org}%`;
  const eCeil = nextDay(districtDay(new Date(w.endAt.getTime() - 1)));
  const plan = opts.plan ?? (await rollupPlan(db, scope, w, group));
  const { ct, dirty, settled } = plan;
  const summaries = plan.months.length + plan.days.length > 0;
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
  // stored: the clean closed days of the window that are not read from summaries
  const storedSpans: [string, string][] = [];
  if (ct !== null)
    for (const span of outsideSummaries({ ...w, endAt: dayEnd(ct)! }, plan))
      if (span.start < span.end)
        storedSpans.push([districtDay(span.start), districtDay(new Date(span.end.getTime() - 1))]);
  const stored = storedSpans.length
    ? sql`select * from case_rollups s
          where (${sql.join(
            storedSpans.map(([a, b]) => sql`(s.day >= ${dt(a)} and s.day <= ${dt(b)})`),
            sql` or `,
          )})
            and s.org_key like ${orgPattern} and s.day <> all (${dirtyArr})`
    : sql`select * from case_rollups where false`;
  // summarised days and months, shaped as daily rows (no unit, first unit, category or minutes)
  const summarised = summaries
    ? sql`union all select m.start, m.org_prefix, null::int, null::int, ''::text, m.late_day,
            ${sql.raw(MEASURES.map((k) => `m.${k}`).join(', '))}, null::int[]
          from case_summaries m where m.org_prefix = ${scope.org ?? ''} and ${summaryRowsOf(plan, 'm')}`
    : sql``;
  const histogram = sql`select h.minutes, h.n from case_summary_handling h
    where h.org_prefix = ${scope.org ?? ''} and ${summaryRowsOf(plan, 'h')}`;

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
  // recurrences: the rows' of the settled days, the rest counted from the cases (recurrences.ts)
  const recurrence = opts.recurrence !== false;
  const settledOnly = settled === null ? sql` and false` : sql` and r.day <= ${dt(settled)}`;
  const sums = MEASURES.map((m) => {
    const who = m === 'returned' ? firstHeld : held;
    const late = LATE_MEASURES.has(m) ? sql` and (r.late_day is null or r.late_day < ${dt(eCeil)})` : sql``;
    const only = m === 'recurred' ? settledOnly : sql``;
    const col = sql`coalesce(sum(r.${sql.raw(m)}) filter (where ${who}${late}${only}), 0)::int`;
    return m === 'recurred' && !recurrence ? sql`null::int as recurred` : sql`${col} as ${sql.raw(m)}`;
  });
  const recFrom = liveRecurrenceStart(w, settled);
  const rec =
    recurrence && recFrom < w.endAt
      ? liveRecurredSql(
          w,
          recFrom,
          orgPattern,
          scope.unit,
          group === undefined
            ? sql`null::text`
            : group.by === 'org'
              ? sql`left(c.org_code, ${group.length})`
              : sql`c.unit_id::text`,
          group === undefined
            ? sql`true`
            : group.by === 'org'
              ? sql`length(left(c.org_code, ${ORG_KEY_LENGTH})) >= ${group.length}`
              : sql`c.unit_id is not null`,
        )
      : sql`select null::text as key, 0 as n where false`;
  const columns = [
    sql`g.key`,
    ...MEASURES.map((m) =>
      m === 'recurred' ? sql`g.recurred + coalesce(x.n, 0) as recurred` : sql.raw(`g.${m}`),
    ),
  ];
  // The median: percentile_cont over the daily rows' minutes, or, with summaries, the same interpolated
  // median read off the histogram of both (the values at ranks ⌊(n−1)/2⌋ and ⌊n/2⌋, averaged).
  const median = summaries
    ? sql`hv as (select v, sum(k) as k from (
                select h as v, 1 as k from r cross join lateral unnest(r.handling) h
                union all ${histogram}) x group by v),
          hc as (select v, sum(k) over (order by v) as cum, sum(k) over () as total from hv where k > 0),
          m as (select null::text as key,
                  ((min(v) filter (where cum > (total - 1) / 2) + min(v) filter (where cum > total / 2)) / 2.0)::float8
                    as median_minutes
                from hc)`
    : sql`m as (select ${key} as key, percentile_cont(0.5) within group (order by h) as median_minutes
              from r cross join lateral unnest(r.handling) h where ${held} and ${narrow} ${groupBy})`;
  const monthSample = summaries ? sql` + (select coalesce(sum(h.n), 0) from (${histogram}) h)::int` : sql``;
  return rows<Record<string, unknown> & { key: string | null }>(
    db,
    sql`with r as (${stored} ${live} ${summarised}),
        g as (select ${key} as key, ${sql.join(sums, sql`, `)},
                coalesce(sum(r.dispatched) filter (where ${firstHeld}), 0)::int as dispatched_first,
                coalesce(sum(cardinality(r.handling)) filter (where ${held}), 0)::int${monthSample} as handling_sample
              from r where ${inScope} and ${narrow} ${groupBy}),
        ${median},
        x as (${rec})
        select ${sql.join(columns, sql`, `)}, g.dispatched_first, g.handling_sample, m.median_minutes
        from g left join m on m.key is not distinct from g.key
          -- a recurred closing of the window is one of its closings: its group has rows in r
          left join x on x.key is not distinct from g.key`,
  );
}
