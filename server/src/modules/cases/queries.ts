import { sql } from 'drizzle-orm';
import { batchedPerDb, LOOKUP_BATCHING, settleEach } from '../../infra/batcher.ts';
import { type Db, rows } from '../../infra/db.ts';
import { inForceSql } from '../org/current-node.ts';

export interface CaseEventView {
  id: number;
  at: Date;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  data: Record<string, unknown>;
  actorName: string | null;
  actorRole: string | null;
  /** the step appears on the public timeline */
  public: boolean;
  /** its note does too (the author published it) */
  notePublic: boolean;
}

export interface CasePhotoView {
  id: string;
  eventId: number | null;
  kind: string;
  width: number | null;
  height: number | null;
  /** when staff approved it for the public map nearby (null: not shown there) */
  publicApprovedAt: Date | null;
}

/**
 * The event timeline of a case as staff see it, oldest first, with each step's visibility. Events by the
 * `withheldActor` account (the reporter, to callers who may not know who reported) carry no actor name.
 */
export function listCaseEvents(
  db: Db,
  caseId: number,
  withheldActor: string | null = null,
): Promise<CaseEventView[]> {
  const actorName = withheldActor
    ? sql`case when e.actor_id = ${withheldActor}::uuid then null else u.display_name end`
    : sql`u.display_name`;
  return rows<CaseEventView>(
    db,
    sql`select e.id, e.at, e.action, e.from_state as "fromState", e.to_state as "toState", e.reason, e.data,
          ${actorName} as "actorName", e.actor_role as "actorRole", e.public, e.note_public as "notePublic"
        from case_events e left join users u on u.id = e.actor_id
        where e.case_id = ${caseId}
        order by e.id`,
  );
}

/** The photos of a case in upload order. */
export function listCasePhotos(db: Db, caseId: number): Promise<CasePhotoView[]> {
  return rows<CasePhotoView>(
    db,
    sql`select id, event_id as "eventId", kind, width, height, public_approved_at as "publicApprovedAt"
        from case_photos where case_id = ${caseId} order by created_at, id`,
  );
}

/** Co-handling units called in by 吹哨, whether they reported in, and when the sweep found one late. */
export function listCoUnits(db: Db, caseId: number) {
  return rows<{
    unitId: number;
    unitName: string;
    dueAt: Date;
    reportedAt: Date | null;
    overdueAt: Date | null;
  }>(
    db,
    sql`select c.unit_id as "unitId", u.name as "unitName", c.due_at as "dueAt", c.reported_at as "reportedAt",
          c.overdue_at as "overdueAt"
        from case_co_units c join units u on u.id = c.unit_id where c.case_id = ${caseId} order by u.name`,
  );
}

/** Where a report at a point is filed: its grid's code, or the nearest district's (`grid` false, triage). */
export interface ReportArea {
  code: string;
  grid: boolean;
}

/**
 * The org codes reports at these points are filed under, as intake decides them (write-reports.ts): the grid
 * a point lies in, else the nearest district's triage queue. One statement for all the points, so concurrent
 * staff reports share it (see reportAreaAt).
 */
async function reportAreasAt(
  db: Db,
  points: { lng: number; lat: number }[],
): Promise<PromiseSettledResult<ReportArea | null>[]> {
  const found = await rows<ReportArea & { n: number }>(
    db,
    sql`select p.n, coalesce(g.code, d.code) as code, g.code is not null as grid
        from (select q.n, st_setsrid(st_point(q.lng, q.lat), 4326) as pt
              from jsonb_to_recordset(${JSON.stringify(points.map((p, n) => ({ n, ...p })))}::jsonb)
                as q(n int, lng float8, lat float8)) p
        left join lateral (select code from org_nodes where level = 'grid' and st_intersects(geom, p.pt)
            and ${inForceSql()}
            order by code limit 1) g on true
        left join lateral (select code from org_nodes where level = 'district' and geom is not null
            order by geom <-> p.pt limit 1) d on true
        where coalesce(g.code, d.code) is not null`,
    { prepare: 'cases.report-areas' },
  );
  const byN = new Map(found.map(({ n, ...area }) => [n, area]));
  return settleEach(points, (_p, n) => byN.get(n) ?? null);
}

/**
 * The org code a report at a point is filed under (the grid, else the nearest district's triage queue); null
 * far from every district. Concurrent calls share one statement: every staff-channel report asks it.
 */
export const reportAreaAt: (db: Db, at: { lng: number; lat: number }) => Promise<ReportArea | null> =
  batchedPerDb(reportAreasAt, LOOKUP_BATCHING);
