import type { CaseListRow as WireCaseListRow } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { type Cursor, encodeCursor, type SortKey, type SortOrder } from './cursor.ts';
import { allOf, type CaseFilters, filterConditions, overdueSql, visibleCases } from './filters.ts';
import { prepareFilters, withLights } from './lights.ts';

/** One case as lists show it (the shared wire row, with times as Dates before JSON). */
export type CaseListRow = WireCaseListRow<Date>;

/** The extra columns of a ledger row (台账): full description and the outcome. */
export interface LedgerRow extends CaseListRow {
  closedAt: Date | null;
  overdue: boolean;
  rating: string | null;
}

export interface ListOptions {
  sort: SortKey;
  order: SortOrder;
  cursor: Cursor | null;
  limit: number;
  now: Date;
}

const sortColumn = (s: SortKey) => (s === 'reported_at' ? sql`c.reported_at` : sql`c.deadline_at`);

/**
 * Keyset condition "after the cursor" for `order by col <order>, id <order>` with PostgreSQL's default null
 * placement (a missing deadline sorts as the largest value: last ascending, first descending), which is the
 * order the (col, id) indexes hold, so a page is an index range scan rather than a sort.
 */
function afterCursor(c: Cursor): SQL {
  const col = sortColumn(c.sort);
  const v = sql`${c.value}::timestamptz`;
  if (c.order === 'asc') {
    if (c.value === null) return sql`(${col} is null and c.id > ${c.id})`;
    return sql`(${col} > ${v} or (${col} = ${v} and c.id > ${c.id}) or ${col} is null)`;
  }
  if (c.value === null) return sql`((${col} is null and c.id < ${c.id}) or ${col} is not null)`;
  // the redundant `<=` is a bound an index on the column can start its scan at; the OR alone is only a filter,
  // so page n read the n − 1 pages before it again
  return sql`(${col} <= ${v} and (${col} < ${v} or (${col} = ${v} and c.id < ${c.id})))`;
}

/** The select list of a list row (plus the ledger's extras when asked) and its sort key as exact text. */
function columns(sort: SortKey, now: Date, ledger: boolean): SQL {
  return sql`c.id, c.state, c.category_code as "categoryCode",
    cat.name_zh as "categoryNameZh", cat.name_en as "categoryNameEn", c.urgency, c.source,
    ${ledger ? sql`c.description` : sql`left(c.description, 200)`} as description, c.address,
    st_x(c.location) as lng, st_y(c.location) as lat, c.org_code as "orgCode", g.name as "gridName",
    c.unit_id as "unitId", u.name as "unitName", c.reported_at as "reportedAt", c.deadline_at as "deadlineAt",
    c.stage_started_at as "stageStartedAt", c.stage_deadline_at as "stageDeadlineAt", c.supervision,
    c.reopen_count as "reopenCount", (c.c_rework + c.reopen_count) as rework, c.check_passed as "checkPassed",
    ${
      ledger
        ? sql`c.closed_at as "closedAt", c.rating,
      (case when c.state = 'closed' then coalesce(c.c_intime_close = 0, false) else coalesce(${overdueSql(now)}, false) end) as overdue,`
        : sql``
    }
    to_char(${sortColumn(sort)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "sortValue"`;
}

/** How far back a rare word's search looks first, in days, before the whole history (see `page`). */
const RARE_TEXT_TIERS = [30, 365];
const DAY_MS = 86_400_000;

type Found<T> = T & { sortValue: string | null; stageStartedAt: Date | null };

/** Up to limit + 1 rows matching `where` in the list's order, joined to their names. */
function fetchPage<T extends CaseListRow>(
  db: Db,
  where: SQL[],
  opts: ListOptions,
  ledger: boolean,
  viaTokens: boolean,
) {
  const dir = opts.order === 'asc' ? sql`asc` : sql`desc`;
  // An ordering no index provides (the same values) keeps the planner from walking the sort column's index
  // in order: right for a common word, hopeless for a rare one (see selectiveTokens), whose cases the token
  // index finds directly and a sort of those few puts in order.
  const inner = viaTokens ? sql`(${sortColumn(opts.sort)} + interval '0 s')` : sortColumn(opts.sort);
  return rows<Found<T>>(
    db,
    // the page is cut first and only its rows are joined to their names: the planner cannot tell how many
    // cases a combination of filters keeps, and would otherwise join thousands of rows before the limit
    sql`select ${columns(opts.sort, opts.now, ledger)}
        from (select c.* from cases c
              where ${allOf(where)}
              order by ${inner} ${dir}, c.id ${dir}
              limit ${opts.limit + 1}) c
        left join categories cat on cat.code = c.category_code
        left join org_nodes g on g.id = c.grid_id
        left join units u on u.id = c.unit_id
        order by ${sortColumn(opts.sort)} ${dir}, c.id ${dir}`,
  );
}

/**
 * The rows of a page. A rare word, newest first, is looked for in the last 30 days, then the last year, then
 * the whole history: a tier that fills the page holds the page (every case outside it is older), and each
 * costs the word's cases in that window, not in all the years a city keeps.
 */
async function pageRows<T extends CaseListRow>(
  db: Db,
  where: SQL[],
  f: CaseFilters,
  opts: ListOptions,
  ledger: boolean,
) {
  if (!f.rareText) return fetchPage<T>(db, where, opts, ledger, false);
  if (opts.sort === 'reported_at' && opts.order === 'desc') {
    for (const days of RARE_TEXT_TIERS) {
      const since = new Date(opts.now.getTime() - days * DAY_MS).toISOString();
      const found = await fetchPage<T>(
        db,
        [...where, sql`c.reported_at >= ${since}::timestamptz`],
        opts,
        ledger,
        true,
      );
      if (found.length > opts.limit) return found;
    }
  }
  return fetchPage<T>(db, where, opts, ledger, true);
}

async function page<T extends CaseListRow>(
  db: Db,
  actor: Actor,
  filters: CaseFilters,
  opts: ListOptions,
  ledger: boolean,
): Promise<{ data: T[]; nextCursor: string | null }> {
  const prepared = await prepareFilters(db, filters, opts.now);
  const where = [visibleCases(actor), ...filterConditions(prepared, opts.now)];
  if (opts.cursor) where.push(afterCursor(opts.cursor));
  const found = await pageRows<T>(db, where, prepared, opts, ledger);
  const more = found.length > opts.limit;
  const list = await withLights(db, found.slice(0, opts.limit), opts.now);
  const last = list[list.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor({ sort: opts.sort, order: opts.order, value: last.sortValue, id: last.id })
      : null;
  return {
    data: list.map(({ sortValue: _, stageStartedAt: _s, ...row }) => row as unknown as T),
    nextCursor,
  };
}

/** One page of the cases the actor may see that match the filters, newest first unless asked otherwise. */
export function listCases(
  db: Db,
  actor: Actor,
  filters: CaseFilters,
  opts: ListOptions,
): Promise<{ data: CaseListRow[]; nextCursor: string | null }> {
  return page<CaseListRow>(db, actor, filters, opts, false);
}

/** Like listCases, with the ledger's columns (full description, closing time, overdue, rating). */
export function listLedgerRows(
  db: Db,
  actor: Actor,
  filters: CaseFilters,
  opts: ListOptions,
): Promise<{ data: LedgerRow[]; nextCursor: string | null }> {
  return page<LedgerRow>(db, actor, filters, opts, true);
}
