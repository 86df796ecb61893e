import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { NOT_CARE_ALERT } from '../case-reports/kpi-definitions.ts';
import { dayEnd, dayStart, districtDay } from '../case-reports/period.ts';
import { districtDaySql, districtDayStartSql, MEASURES } from './rollup-rows.ts';

/**
 * KPI summaries of districts and streets (migration 0160, docs/kpis.md "Rollups" → "Summaries"): per closed
 * day or month and org prefix, the counts with their late day, the handling minutes as a histogram and the
 * reports by source, state and category. The sweep writes them (writeSummaries) with the daily rollup rows; a
 * KPI query of a district or a street reads them for the closed, clean days and months of its window
 * (queries.ts).
 */

export type Span = 'day' | 'month';

/** The org code lengths summarised: a district (6 characters) and a street (9). */
export const SUMMARY_ORG_LENGTHS: readonly number[] = [6, 9];

/** Whether summaries can answer for a scope: a district or a street, not a unit. */
export const summaryCovers = (org: string | null | undefined, unit?: number) =>
  unit === undefined && typeof org === 'string' && SUMMARY_ORG_LENGTHS.includes(org.length);

/** The first day of the month of a district day (YYYY-MM-01). */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** The first day of the month after a month. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The district day after a day. */
export const nextDay = (day: string) => districtDay(dayEnd(day)!);

/** The earliest of some days (ISO dates order as text). */
export const earliestDay = (...days: string[]) => [...days].sort()[0]!;

/** The last district day of a month. */
export const lastDayOf = (month: string) => districtDay(new Date(dayStart(nextMonth(month))!.getTime() - 1));

const after = (span: Span, start: string) => (span === 'day' ? nextDay(start) : nextMonth(start));
const dt = (d: string) => sql`${d}::date`;
const LENGTHS = sql.raw(`(values ${SUMMARY_ORG_LENGTHS.map((n) => `(${n})`).join(', ')}) as l(len)`);

/** Sorted starts as runs of consecutive ones, each [first, the start after the last). */
function runs(span: Span, starts: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const s of [...new Set(starts)].sort()) {
    const last = out.at(-1);
    if (last && last[1] === s) last[1] = after(span, s);
    else out.push([s, after(span, s)]);
  }
  return out;
}

/**
 * Rewrites the summaries of the given days — from their daily rollup rows (counts, handling minutes) and their
 * cases (reports) — or months — from the summaries of their days — and lists them as summarised. Runs in the
 * sweep's transaction, after the days' rows are complete and clean (and, for a month, after every one of its
 * days is summarised: monthsReady), so a summary is exactly the sum of what it summarises.
 */
export async function writeSummaries(tx: Db, span: Span, starts: string[]): Promise<void> {
  for (const [first, end] of runs(span, starts)) {
    const from = dt(first);
    const to = dt(end);
    for (const table of ['case_summaries', 'case_summary_handling', 'case_summary_reports'])
      await tx.execute(
        sql`delete from ${sql.raw(table)} where span = ${span} and start >= ${from} and start < ${to}`,
      );
    if (span === 'day') await writeDays(tx, from, to, first, end);
    else await writeMonths(tx, from, to);
    await tx.execute(
      sql`insert into case_summarised (span, start)
          select ${span}, s::date from generate_series(${from}::timestamp, ${to}::timestamp - interval '1 day',
            ${span === 'day' ? sql`interval '1 day'` : sql`interval '1 month'`}) s
          on conflict do nothing`,
    );
  }
}

async function writeDays(tx: Db, from: SQL, to: SQL, first: string, end: string): Promise<void> {
  const sums = MEASURES.map((m) => sql`sum(r.${sql.raw(m)})::int`);
  await tx.execute(
    sql`insert into case_summaries (span, start, org_prefix, late_day, ${sql.raw(MEASURES.join(', '))})
        select 'day', r.day, left(r.org_key, l.len), r.late_day, ${sql.join(sums, sql`, `)}
        from case_rollups r cross join ${LENGTHS}
        where r.day >= ${from} and r.day < ${to} and length(r.org_key) >= l.len
        group by 2, 3, 4`,
  );
  await tx.execute(
    sql`insert into case_summary_handling (span, start, org_prefix, minutes, n)
        select 'day', r.day, left(r.org_key, l.len), h, count(*)::int
        from case_rollups r cross join ${LENGTHS} cross join lateral unnest(r.handling) h
        where r.day >= ${from} and r.day < ${to} and length(r.org_key) >= l.len
        group by 2, 3, 4`,
  );
  await tx.execute(
    sql`insert into case_summary_reports (span, start, org_prefix, source, state, category_code, n)
        select 'day', ${districtDaySql(sql`c.reported_at`)}, left(c.org_code, l.len), c.source, c.state,
          c.category_code, count(*)::int
        from cases c cross join ${LENGTHS}
        where c.reported_at >= ${dayStart(first)!.toISOString()}::timestamptz
          and c.reported_at < ${dayStart(end)!.toISOString()}::timestamptz
          and length(c.org_code) >= l.len and ${NOT_CARE_ALERT}
        group by 2, 3, 4, 5, 6`,
  );
}

/** A month from its days' summaries: a few hundred thousand rows at most, however many cases it holds. */
async function writeMonths(tx: Db, from: SQL, to: SQL): Promise<void> {
  const month = sql`date_trunc('month', s.start)::date`;
  const days = sql`s.span = 'day' and s.start >= ${from} and s.start < ${to}`;
  const sums = MEASURES.map((m) => sql`sum(s.${sql.raw(m)})::int`);
  await tx.execute(
    sql`insert into case_summaries (span, start, org_prefix, late_day, ${sql.raw(MEASURES.join(', '))})
        select 'month', ${month}, s.org_prefix, s.late_day, ${sql.join(sums, sql`, `)}
        from case_summaries s where ${days} group by 2, 3, 4`,
  );
  await tx.execute(
    sql`insert into case_summary_handling (span, start, org_prefix, minutes, n)
        select 'month', ${month}, s.org_prefix, s.minutes, sum(s.n)::int
        from case_summary_handling s where ${days} group by 2, 3, 4`,
  );
  await tx.execute(
    sql`insert into case_summary_reports (span, start, org_prefix, source, state, category_code, n)
        select 'month', ${month}, s.org_prefix, s.source, s.state, s.category_code, sum(s.n)::int
        from case_summary_reports s where ${days} group by 2, 3, 4, 5, 6`,
  );
}

/** How far back the sweep summarises days and months it never wrote (a database older than the summaries). */
const CATCH_UP_DAYS = 400;

/**
 * `d` (a date) is a day with something to summarise: rollup rows or reports. An empty day needs no summary —
 * a query reads its (no) daily rows and (no) cases — and a case added to it later marks it dirty.
 */
const nonEmpty = (d: SQL) =>
  sql`(exists (select 1 from case_rollups r where r.day = ${d})
       or exists (select 1 from cases c where c.reported_at >= ${districtDayStartSql(d)}
                  and c.reported_at < ${districtDayStartSql(sql`${d} + 1`)}))`;

/** Not summarised although it has something to summarise. */
const missingDay = (d: SQL) =>
  sql`(not exists (select 1 from case_summarised x where x.span = 'day' and x.start = ${d}) and ${nonEmpty(d)})`;

/** Of the given months, those whose every day with something to summarise is summarised. */
export async function monthsReady(db: Db, months: string[]): Promise<string[]> {
  if (months.length === 0) return [];
  const found = await rows<{ m: string }>(
    db,
    sql`select m::text as m from unnest(${`{${months.join(',')}}`}::date[]) m
        where not exists (
          select 1 from generate_series(m::timestamp, (m + interval '1 month' - interval '1 day')::timestamp,
                          interval '1 day') d
          where ${missingDay(sql`d::date`)})
        order by 1`,
  );
  return found.map((r) => r.m);
}

/**
 * The oldest closed days with something to summarise, or closed months, of the last CATCH_UP_DAYS before
 * `closedThrough` that have no summary — those of a database older than the summaries — which the sweep
 * summarises a few per pass. (Days and months the sweep closes or recomputes are summarised as it does.)
 */
export async function unsummarised(
  db: Db,
  span: Span,
  closedThrough: string,
  limit: number,
): Promise<string[]> {
  // from a month's first day, so that a month the days catch up on is whole
  const first = sql`date_trunc('month', greatest((select min(day) from case_rollups), ${dt(closedThrough)} - ${CATCH_UP_DAYS}::int))::date`;
  const found = await rows<{ s: string }>(
    db,
    span === 'day'
      ? sql`select s::date::text as s
            from generate_series(${first}::timestamp, ${dt(closedThrough)}::timestamp, interval '1 day') s
            where ${missingDay(sql`s::date`)}
            order by 1 limit ${limit}`
      : sql`select s::date::text as s
            from generate_series(${first}::timestamp,
                   ${dt(closedThrough)}::timestamp + interval '1 day' - interval '1 month', interval '1 month') s
            where not exists (select 1 from case_summarised x where x.span = 'month' and x.start = s::date)
            order by 1 limit ${limit}`,
  );
  return found.map((r) => r.s);
}
