import type { CaseFilterQuery, CaseState, Light } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { invalid } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';
import { caseOfTicket } from '../cases/external-refs.ts';
import { underOrg } from '../org/code-match.ts';
import { dayEnd, dayStart } from './period.ts';
import { searchTokens, selectiveTokens, textCondition } from './search.ts';

export type { CaseFilterQuery, Light } from '@civicgrid/shared';

/** The filters shared by the list, the map and the ledger; every list is a comma list matched with OR. */
export interface CaseFilters {
  state?: CaseState[];
  /** TT matches the top-level category and all its TT.SS; TT.SS matches exactly */
  category?: string[];
  /** org codes; a case matches when its org code starts with one */
  org?: string[];
  unit?: number[];
  source?: string[];
  urgency?: string[];
  supervision?: string[];
  overdue?: boolean;
  light?: Light[];
  /** district days (YYYY-MM-DD) bounding reported_at, both inclusive */
  from?: string;
  to?: string;
  q?: string;
  /** blind indexes of the caller's phone searched for (one per key of the ring), set by the route */
  phoneIndexes?: string[];
  /** set by narrowToCode: the tokens of q worth asking the token index for (search.ts) */
  tokens?: string[];
  /** set by narrowToCode: one of the tokens is rare, so the page is looked up in the token index (queries.ts) */
  rareText?: boolean;
  /** set by narrowToCode when q is a whole tracking code: that case only, by its unique index */
  trackingCode?: string;
  /** set by narrowToCode when q is a whole 12345 ticket number: the case it names */
  ticketCaseId?: number;
  /** a green or yellow light filter resolved to the running cases with that light now (lights.ts) */
  lightIds?: number[];
}

const list = (v: string | undefined) => (v ? [...new Set(v.split(','))] : undefined);

/** Splits the comma lists of a validated query string and checks the dates (400 for an impossible one). */
export function parseFilters(q: CaseFilterQuery): CaseFilters {
  if (q.from && !dayStart(q.from)) throw invalid([{ field: '/from', message: 'not a calendar date' }]);
  if (q.to && !dayStart(q.to)) throw invalid([{ field: '/to', message: 'not a calendar date' }]);
  return {
    state: list(q.state) as CaseState[] | undefined,
    category: list(q.category),
    org: list(q.org),
    unit: list(q.unit)?.map(Number),
    source: list(q.source),
    urgency: list(q.urgency),
    supervision: list(q.supervision),
    overdue: q.overdue,
    light: list(q.light) as Light[] | undefined,
    from: q.from,
    to: q.to,
    q: q.q?.trim() || undefined,
  };
}

/**
 * When the search text is a whole tracking code (a caller reads theirs out on the phone) or a whole 12345
 * ticket number, finds that case by its unique index instead of scanning text, which has no index and would
 * read the whole scope. Staff may search by a code; no answer ever carries one.
 */
export async function narrowToCode(db: Db, f: CaseFilters): Promise<CaseFilters> {
  if (!f.q) return f;
  if (/^[A-Za-z0-9_-]{4,40}$/.test(f.q)) {
    const code = f.q.toUpperCase();
    const found = await one(db, sql`select 1 from cases where tracking_code = ${code}`);
    if (found) return { ...f, q: undefined, trackingCode: code };
    const ticketCaseId = await caseOfTicket(db, f.q);
    if (ticketCaseId !== null) return { ...f, q: undefined, ticketCaseId };
  }
  const { tokens, rare } = await selectiveTokens(db, f.q);
  return { ...f, tokens, rareText: rare };
}

/** The unit ids the actor handles cases for (unit_handler grants). */
export function handlerUnits(actor: Actor): number[] {
  return actor.grants.filter((g) => g.role === 'unit_handler' && g.unitId !== null).map((g) => g.unitId!);
}

/**
 * The cases an actor may see in staff lists, the map and the ledger, as a SQL condition on `c`: staff see the
 * cases under their 'case.read' scopes; unit handlers see the cases their unit holds or was called in on
 * (吹哨). Volunteers and unit handlers have no 'case.read' scope (a unit grant reaches its district only to
 * read the org tree), so their org grants add nothing here. A reporter's own case is not listed here: these
 * rows are the staff view, and a reporter receives the public view only (the tracking page, GET /api/cases/:id).
 */
export function visibleCases(actor: Actor): SQL {
  const parts = [sql`(${scopeCondition(actor, 'case.read', sql`c.org_code`, underOrg)})`];
  const units = handlerUnits(actor);
  if (units.length) {
    const ids = sql.join(units, sql`, `);
    parts.push(sql`c.unit_id in (${ids})`);
    // an uncorrelated IN is evaluated once (a hashed subplan), not once per case row
    parts.push(sql`c.id in (select cu.case_id from case_co_units cu where cu.unit_id in (${ids}))`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** `now` as a query parameter, so one request judges every row against the same instant. */
export const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

// A positive list, so the planner can use the state indexes (few cases are open at any time).
const RUNNING = sql`c.state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check')`;

/**
 * The running stage deadline: the stage deadline of a running case whose stage has begun, else null. It must
 * stay the expression of migration 0163, whose statistics tell the planner how many cases are red (its three
 * conditions are one fact, which the planner would otherwise count three times) and whose partial indexes
 * answer it; `list-pages.test.ts` fails when they no longer match.
 */
export const RUNNING_STAGE_DEADLINE = sql`(case when ${RUNNING} and c.stage_started_at is not null
  then c.stage_deadline_at end)`;

/** Open (not closed, rejected or suspended) and past its disposal deadline: 超期未结. */
export function overdueSql(now: Date): SQL {
  return sql`(${RUNNING} and c.deadline_at is not null and c.deadline_at < ${at(now)})`;
}

const anyOf = (parts: SQL[]) => sql`(${sql.join(parts, sql` or `)})`;

/** A case under any of the org codes (a grid's by equality: org/code-match.ts). */
export const underAnyOrg = (codes: string[]) => anyOf(codes.map((code) => underOrg(sql`c.org_code`, code)));
const inList = (column: SQL, values: readonly (string | number)[]) =>
  sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/** The SQL conditions (to be joined with AND) for a set of filters on the cases aliased `c`. */
export function filterConditions(f: CaseFilters, now: Date): SQL[] {
  const out: SQL[] = [];
  if (f.state?.length) out.push(inList(sql`c.state`, f.state));
  if (f.category?.length)
    out.push(
      anyOf(
        f.category.map((code) =>
          code.length === 2 ? sql`c.category_code like ${`${code}%`}` : sql`c.category_code = ${code}`,
        ),
      ),
    );
  if (f.org?.length) out.push(underAnyOrg(f.org));
  if (f.unit?.length) out.push(inList(sql`c.unit_id`, f.unit));
  if (f.source?.length) out.push(inList(sql`c.source`, f.source));
  if (f.urgency?.length) out.push(inList(sql`c.urgency`, f.urgency));
  if (f.supervision?.length) out.push(inList(sql`c.supervision`, f.supervision));
  if (f.overdue !== undefined) out.push(f.overdue ? overdueSql(now) : sql`not ${overdueSql(now)}`);
  if (f.light?.length === 1 && f.light[0] === 'red') {
    // red alone is "running, with a stage begun, and past the stage deadline" (the same in wall-clock and
    // working time): one expression with its own statistics and indexes (migration 0163)
    out.push(sql`${RUNNING_STAGE_DEADLINE} < ${at(now)}`);
  } else if (f.lightIds) {
    // green and yellow are judged in working time (lights.ts) and arrive as the ids of the cases that have them
    out.push(
      RUNNING,
      f.lightIds.length ? sql`c.id = any (${`{${f.lightIds.join(',')}}`}::int[])` : sql`false`,
    );
  }
  if (f.from) out.push(sql`c.reported_at >= ${dayStart(f.from)!.toISOString()}::timestamptz`);
  if (f.to) out.push(sql`c.reported_at < ${dayEnd(f.to)!.toISOString()}::timestamptz`);
  if (f.trackingCode) out.push(sql`c.tracking_code = ${f.trackingCode}`);
  else if (f.ticketCaseId !== undefined) out.push(sql`c.id = ${f.ticketCaseId}`);
  else if (f.q) {
    // A tracking code matches only whole (narrowToCode): a partial match would let staff read codes out
    // of the list one character at a time. A number may be the case number staff go by.
    const text = textCondition(f.tokens ?? searchTokens(f.q));
    const parts = text ? [text] : [];
    if (/^\d{1,9}$/.test(f.q)) parts.push(sql`c.id = ${Number(f.q)}`);
    // a text of punctuation only finds nothing rather than everything
    out.push(parts.length ? anyOf(parts) : sql`false`);
  }
  if (f.phoneIndexes?.length) out.push(inList(sql`c.reporter_phone_bidx`, f.phoneIndexes));
  return out;
}

/** Joins conditions with AND (true when there are none). */
export function allOf(conditions: SQL[]): SQL {
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}
