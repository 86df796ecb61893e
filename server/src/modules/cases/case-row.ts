import type { CaseState } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';

/** A case as commands and the detail view read it (personal data of the reporter stays encrypted). */
export interface CaseRow {
  id: number;
  trackingCode: string;
  source: string;
  categoryCode: string;
  urgency: 'normal' | 'urgent' | 'critical';
  state: CaseState;
  suspendedFrom: CaseState | null;
  suspendedAt: Date | null;
  description: string;
  answers: Record<string, unknown>;
  address: string | null;
  lng: number | null;
  lat: number | null;
  gridId: number | null;
  orgCode: string;
  reporterId: string | null;
  reporterNameEnc: string | null;
  reporterPhoneEnc: string | null;
  /** sealed; only Open311 clients send one (FixMyStreet's user) */
  reporterEmailEnc: string | null;
  unitId: number | null;
  firstUnitId: number | null;
  masterCaseId: number | null;
  rejectReason: string | null;
  supervision: 'normal' | 'yellow' | 'red' | null;
  reopenCount: number;
  checkPassed: boolean;
  rating: 'satisfied' | 'basic' | 'dissatisfied' | null;
  ratingComment: string | null;
  reportedAt: Date;
  filedAt: Date | null;
  dispatchedAt: Date | null;
  signedAt: Date | null;
  disposedAt: Date | null;
  checkedAt: Date | null;
  closedAt: Date | null;
  rejectedAt: Date | null;
  ratedAt: Date | null;
  deadlineAt: Date | null;
  stage: string | null;
  stageStartedAt: Date | null;
  stageDeadlineAt: Date | null;
  replyDeadlineAt: Date | null;
  escalationLevel: number;
  cDisposed: number;
  cChecked: number;
  cRework: number;
  cReturned: number;
  cExtended: number;
  version: number;
}

/** The column list producing a CaseRow; `for update` callers append their own clause. */
export const CASE_COLUMNS = sql`c.id, c.tracking_code as "trackingCode", c.source, c.category_code as "categoryCode",
  c.urgency, c.state, c.suspended_from as "suspendedFrom", c.suspended_at as "suspendedAt", c.description, c.answers,
  c.address, st_x(c.location) as lng, st_y(c.location) as lat, c.grid_id as "gridId", c.org_code as "orgCode",
  c.reporter_id as "reporterId", c.reporter_name_enc as "reporterNameEnc", c.reporter_phone_enc as "reporterPhoneEnc",
  c.reporter_email_enc as "reporterEmailEnc",
  c.unit_id as "unitId", c.first_unit_id as "firstUnitId", c.master_case_id as "masterCaseId",
  c.reject_reason as "rejectReason", c.supervision, c.reopen_count as "reopenCount", c.check_passed as "checkPassed",
  c.rating, c.rating_comment as "ratingComment", c.reported_at as "reportedAt", c.filed_at as "filedAt",
  c.dispatched_at as "dispatchedAt", c.signed_at as "signedAt", c.disposed_at as "disposedAt",
  c.checked_at as "checkedAt", c.closed_at as "closedAt", c.rejected_at as "rejectedAt", c.rated_at as "ratedAt",
  c.deadline_at as "deadlineAt", c.stage, c.stage_started_at as "stageStartedAt",
  c.stage_deadline_at as "stageDeadlineAt", c.reply_deadline_at as "replyDeadlineAt",
  c.escalation_level as "escalationLevel", c.c_disposed as "cDisposed", c.c_checked as "cChecked",
  c.c_rework as "cRework", c.c_returned as "cReturned", c.c_extended as "cExtended", c.version`;

/** One case by id, or null. */
export function findCase(db: Db, id: number): Promise<CaseRow | null> {
  return one<CaseRow>(db, sql`select ${CASE_COLUMNS} from cases c where c.id = ${id}`);
}

/** One case by its public tracking code, or null. */
export function findCaseByTrackingCode(db: Db, code: string): Promise<CaseRow | null> {
  return one<CaseRow>(
    db,
    sql`select ${CASE_COLUMNS} from cases c where c.tracking_code = ${code.toUpperCase()}`,
  );
}
