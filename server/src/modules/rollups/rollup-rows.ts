import { type SQL, sql } from 'drizzle-orm';
import { NOT_CARE_ALERT, TOUCHED_AT } from '../case-reports/kpi-definitions.ts';

/**
 * How rollup rows (migration 0091, docs/kpis.md "Rollups") are computed from cases: the sweep stores them for
 * closed days, and a KPI query computes the same rows live for the days it cannot take from the table. One
 * definition for both, next to the counts it must agree with (case-reports/kpi-definitions.ts).
 */

/** The columns of a rollup row after the grouping key, in table order. */
export const MEASURES = [
  'dispose_due',
  'disposed',
  'disposed_on_time',
  'close_due',
  'closed_due',
  'closed_on_time',
  'closed_in',
  'resolved',
  'recurred',
  'checked',
  'reworked',
  'closed_dispatched',
  'accurate',
  'dispatched',
  'returned',
  'extended',
  'dispatch_judged',
  'dispatched_on_time',
  'rated',
  'satisfied',
  'reported',
  'responded',
  'decided',
  'valid',
  'missed',
] as const;

/**
 * Measures that count an event at most `late_day`, which counts only if that day is before the window's end.
 * The on-time counts are parts of the disposed and closed counts (docs/kpis.md) and follow the same rule: a
 * true on-time flag implies no late day, but the rule must not rest on the flag agreeing with the times.
 */
export const LATE_MEASURES = new Set<string>([
  'disposed',
  'disposed_on_time',
  'closed_due',
  'closed_on_time',
  'responded',
]);

/** The grouping key of a rollup row. */
export const KEY_COLUMNS = [
  'day',
  'org_key',
  'unit_id',
  'first_unit_id',
  'category_code',
  'late_day',
] as const;

/** The org code as rollups hold it: cut to the community (12 characters); shorter codes as they are. */
export const ORG_KEY_LENGTH = 12;

/**
 * The district day of a timestamp: district_day() of migration 0091 written out. PostgreSQL 15 does not inline
 * that SQL-standard (`return …`) function, and each call costs several µs; the rows of a live day compute it
 * ≈ 20 times per touched case (1.2 s of a 1.6 s current-week ranking at 1,000,000 cases, PERFORMANCE.md).
 * Must stay the very expression of the function (rollup-rows.test.ts compares them around midnights).
 */
export const districtDaySql = (t: SQL) =>
  sql`(date '1970-01-01' + floor((extract(epoch from ${t}) + 28800) / 86400)::int)`;
/** The instant a district day (a date) begins, the inverse of districtDaySql: bounds an index can use. */
export const districtDayStartSql = (d: SQL) =>
  sql`((${d})::timestamp at time zone 'UTC' - interval '8 hours')`;
const day = districtDaySql;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Community org keys (ORG_KEY_LENGTH) as a PostgreSQL text array. */
export const orgKeysSql = (keys: string[]) => sql`${`{${keys.map((k) => `"${k}"`).join(',')}}`}::text[]`;

/** Whose cases a touched-case scan keeps: all (null), those under an org prefix, or those of some communities. */
export type TouchedOrg = string | null | { communities: string[] };

/**
 * `c.id = any(…)`: the cases with a KPI timestamp in any of the windows, of `org`. The org is tested inside each
 * scan, on the org code the timestamp's index holds (migration 0010's `(…_at, org_code) include (id)`), so a
 * few dirty communities' cases of a day are found without visiting the whole district's day in the table.
 */
export function touchedIn(windows: { start: Date; end: Date }[], org: TouchedOrg): SQL {
  const orgOf =
    org === null
      ? sql`true`
      : typeof org === 'string'
        ? sql`t.org_code like ${`${org}%`}`
        : sql`left(t.org_code, ${ORG_KEY_LENGTH}) = any (${orgKeysSql(org.communities)})`;
  const scans = windows.flatMap((w) =>
    TOUCHED_AT.map(
      (col) =>
        sql`select t.id from cases t where ${orgOf} and t.${sql.raw(col)} >= ${ts(w.start)} and t.${sql.raw(col)} < ${ts(w.end)}`,
    ),
  );
  return sql`c.id = any (array(${sql.join(scans, sql` union all `)}))`;
}

/**
 * The rollup rows of the cases `c` chosen by `cases` (a condition on `c`), counting only the KPI timestamps
 * that pass `at` (a condition on `e.at`, the timestamp, and `e.day`, its district day). Each case yields one
 * entry per timestamp it is counted by — the six cohorts of docs/kpis.md — and the entries are grouped by day,
 * community, unit, first unit, category and late day. A late day is set on a due entry whose disposal or
 * closing came on a later day than the due day, and on a report answered on a later day than it came.
 */
export function rollupRowsSql(cases: SQL, at: SQL): SQL {
  const n = (cond: SQL) => sql`count(*) filter (where ${cond})::int`;
  const closedAt = sql`case when c.state = 'closed' then c.closed_at end`;
  const response = sql`least(c.filed_at, c.dispatched_at, c.rejected_at)`;
  const lateOf = (event: SQL, due: SQL) => sql`case when ${day(event)} > ${day(due)} then ${day(event)} end`;
  return sql`select e.day, left(c.org_code, ${ORG_KEY_LENGTH}) as org_key, c.unit_id, c.first_unit_id,
      c.category_code, e.late_day,
      ${n(sql`e.k = 'dispose'`)} as dispose_due,
      ${n(sql`e.k = 'dispose' and c.c_disposed = 1 and c.disposed_at is not null`)} as disposed,
      ${n(sql`e.k = 'dispose' and c.c_disposed = 1 and c.disposed_at is not null and c.c_intime_dispose = 1`)} as disposed_on_time,
      ${n(sql`e.k = 'close'`)} as close_due,
      ${n(sql`e.k = 'close' and c.state = 'closed' and c.closed_at is not null`)} as closed_due,
      ${n(sql`e.k = 'close' and c.state = 'closed' and c.closed_at is not null and c.c_intime_close = 1`)} as closed_on_time,
      ${n(sql`e.k = 'closed'`)} as closed_in,
      ${n(sql`e.k = 'closed' and c.reopen_count = 0 and c.rating is distinct from 'dissatisfied'`)} as resolved,
      ${n(sql`e.k = 'closed' and c.recurred_at is not null`)} as recurred,
      ${n(sql`e.k = 'closed' and c.c_checked = 1`)} as checked,
      ${n(sql`e.k = 'closed' and c.c_checked = 1 and c.c_rework > 0`)} as reworked,
      ${n(sql`e.k = 'closed' and c.c_accurate_dispatch is not null`)} as closed_dispatched,
      ${n(sql`e.k = 'closed' and c.c_accurate_dispatch = 1`)} as accurate,
      ${n(sql`e.k = 'dispatched'`)} as dispatched,
      ${n(sql`e.k = 'dispatched' and c.c_returned > 0`)} as returned,
      ${n(sql`e.k = 'dispatched' and c.c_extended > 0`)} as extended,
      ${n(sql`e.k = 'dispatched' and c.c_intime_dispatch is not null`)} as dispatch_judged,
      ${n(sql`e.k = 'dispatched' and c.c_intime_dispatch = 1`)} as dispatched_on_time,
      ${n(sql`e.k = 'rated'`)} as rated,
      ${n(sql`e.k = 'rated' and c.rating in ('satisfied', 'basic')`)} as satisfied,
      ${n(sql`e.k = 'reported'`)} as reported,
      ${n(sql`e.k = 'reported' and ${response} is not null`)} as responded,
      ${n(sql`e.k = 'reported' and c.c_valid is not null`)} as decided,
      ${n(sql`e.k = 'reported' and c.c_valid = 1`)} as valid,
      ${n(sql`e.k = 'reported' and c.c_valid = 1 and c.source not in ('grid_patrol', 'visit')`)} as missed,
      array_agg(c.handling_minutes) filter (where e.k = 'closed' and c.handling_minutes is not null) as handling
    from cases c
    cross join lateral (
      select x.k, x.at, ${day(sql`x.at`)} as day, x.late_day from (values
        ('dispose', case when c.state <> 'rejected' and not (c.state = 'suspended' and c.c_disposed = 0)
            then least(c.disposed_at, c.deadline_at) end,
          case when c.c_disposed = 1 then ${lateOf(sql`c.disposed_at`, sql`least(c.disposed_at, c.deadline_at)`)} end),
        ('close', case when c.state not in ('rejected', 'suspended') then least(${closedAt}, c.deadline_at) end,
          ${lateOf(closedAt, sql`least(${closedAt}, c.deadline_at)`)}),
        ('closed', ${closedAt}, null::date),
        ('dispatched', c.dispatched_at, null::date),
        ('rated', case when c.rating is not null then c.rated_at end, null::date),
        ('reported', c.reported_at, ${lateOf(response, sql`c.reported_at`)})
      ) as x(k, at, late_day)
      where x.at is not null
    ) e
    where ${cases} and ${at} and ${NOT_CARE_ALERT}
    group by 1, 2, 3, 4, 5, 6`;
}
