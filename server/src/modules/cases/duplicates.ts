import { INTERNAL_SOURCES } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { scopePatterns } from './internal-sources.ts';

/**
 * An open case near a report, as the search finds it. It carries the id for the server's own use (the
 * follow handle is made from it); what callers receive is a SuggestedCase (present-duplicates.ts).
 */
export interface DuplicateCandidate {
  id: number;
  categoryCode: string;
  state: string;
  /** the start of the description: the report's public summary */
  summary: string;
  distanceM: number;
  reportedAt: Date;
  /** false for a case from an internal source (shown to staff of its area only): it has no public view to follow */
  followable: boolean;
}

/** How long a suggestion's summary is, in characters. */
const SUMMARY_CHARS = 120;

// A constant of the code, inlined so that the prepared intake statement's text never changes.
const INTERNAL_SOURCE_LIST = sql.raw(INTERNAL_SOURCES.map((s) => `'${s}'`).join(', '));

/**
 * How far back a report is still a likely duplicate: the administrators' setting `duplicate_window_days`
 * (7 unless changed), read by the statement itself (an uncorrelated subquery, evaluated once per statement),
 * so the prepared statements keep one text and a change applies to the next report in every process.
 */
export const DUPLICATE_WINDOW_DAYS = sql.raw(
  `coalesce((select (value #>> '{}')::int from settings where key = 'duplicate_window_days'), 7)`,
);

/** The search as SQL expressions, so a statement can run it for each of many reports (a lateral subquery). */
export interface DuplicateSearchSql {
  point: SQL;
  categoryCode: SQL;
  radiusM: SQL;
  /**
   * a text[] of LIKE patterns: cases from internal sources (暗访, 督查 …) are suggested only under these org
   * codes (the caller's areas); none for residents and anonymous callers
   */
  internalScopes: SQL;
}

/**
 * The SELECT of the open cases near a point, nearest first; its rows are DuplicateCandidates. The category, the
 * place cells of the radius (migration 0165) and the window run first, alone, on the B-tree of open cases, so
 * only the window's open cases of the category around the point are read from the table. OFFSET 0 keeps the
 * other conditions out of that subquery: when the category is a column of an outer row rather than a constant,
 * the planner would otherwise AND the cells with the category's whole index for each report. Each cell is its
 * own equality (migration 0166): an `= any(cells)` the planner may leave as a filter that computes the cells
 * again for every entry of the category's window, which it did on a small table.
 */
export function nearbyOpenCasesSql(q: DuplicateSearchSql, excludeId?: number): SQL {
  return sql`select c.id, c.category_code as "categoryCode", c.state,
          left(c.description, ${SUMMARY_CHARS}) as summary,
          round(st_distance(c.location::geography, ${q.point}::geography))::int as "distanceM", c.reported_at as "reportedAt",
          c.source not in (${INTERNAL_SOURCE_LIST}) as followable
        from unnest(place_cells(${q.point}, ${q.radiusM}::int)) as cell(n),
          lateral (select o.id, o.source, o.org_code, o.state, o.description, o.location, o.reported_at,
                o.category_code
              from cases o
              where o.location is not null and o.state not in ('closed', 'rejected')
                and o.category_code = ${q.categoryCode}
                and place_cell(o.location) = cell.n
                and o.reported_at > now() - make_interval(days => ${DUPLICATE_WINDOW_DAYS})
              offset 0) c
        where (c.source not in (${INTERNAL_SOURCE_LIST}) or c.org_code like any (${q.internalScopes}))
          and st_dwithin(c.location::geography, ${q.point}::geography, ${q.radiusM})
          ${excludeId ? sql`and c.id <> ${excludeId}` : sql``}
        order by st_distance(c.location::geography, ${q.point}::geography), c.id
        limit 10`;
}

/** Where and what to look for: a point, a category and its duplicate radius; optionally a case to leave out. */
export interface DuplicateQuery {
  categoryCode: string;
  lng: number;
  lat: number;
  radiusM: number;
  /** org codes under which cases from internal sources may be suggested (internalSourceScopes) */
  internalScopes: string[];
  excludeId?: number;
}

/** The SELECT behind findDuplicates for one point; its rows are DuplicateCandidates. */
export function duplicatesSql(q: DuplicateQuery): SQL {
  return nearbyOpenCasesSql(
    {
      point: sql`st_setsrid(st_point(${q.lng}, ${q.lat}), 4326)`,
      categoryCode: sql`${q.categoryCode}`,
      radiusM: sql`${q.radiusM}`,
      internalScopes: sql`${scopePatterns(q.internalScopes)}::text[]`,
    },
    q.excludeId,
  );
}

/** Open cases of the same category within the radius reported within the duplicate window, nearest first. */
export function findDuplicates(db: Db, q: DuplicateQuery): Promise<DuplicateCandidate[]> {
  return rows<DuplicateCandidate>(db, duplicatesSql(q));
}
