import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';

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
    sql`select id, event_id as "eventId", kind, width, height from case_photos where case_id = ${caseId} order by created_at, id`,
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
