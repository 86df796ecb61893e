import type {
  CaseAction,
  CaseFilterQuery,
  CaseState,
  Category,
  Light,
  ReporterView,
  SupervisionLevel,
  Urgency,
} from '@civicgrid/shared';

export type { CaseListRow, Light, ReporterView, SupervisionLevel } from '@civicgrid/shared';

export type PhotoKind = 'report' | 'before' | 'after' | 'feedback' | 'check';
export type Rating = 'satisfied' | 'basic' | 'dissatisfied';

export { CASE_SOURCES, type CaseSource } from '@civicgrid/shared';

/** The list filters shared by the desk, the ledger export and the map, with the list's order. */
export interface CaseFilters extends CaseFilterQuery {
  sort?: 'reported_at' | 'deadline_at';
  order?: 'asc' | 'desc';
}

/** One entry of a case's timeline. */
export interface CaseEvent {
  id: number;
  at: string;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  reason: string | null;
  data: Record<string, unknown>;
  actorName: string | null;
  actorRole: string | null;
  /** the step appears on the public timeline */
  public: boolean;
  /** its note does too (its author published it) */
  notePublic: boolean;
}

export interface CasePhoto {
  id: string;
  eventId: number | null;
  kind: PhotoKind;
  width: number | null;
  height: number | null;
  /** approved by staff for the public map nearby */
  publicApprovedAt: string | null;
}

export interface CoUnit {
  unitId: number;
  unitName: string;
  dueAt: string;
  reportedAt: string | null;
  /** when the overdue sweep found it had not reported in by dueAt */
  overdueAt: string | null;
}

export interface PendingExtension {
  id: number;
  newDeadlineAt: string;
  reason: string;
  requestedBy: string | null;
}

/** GET /api/cases/:id as staff see it. */
export interface CaseDetail {
  /** the case number (案件编号); staff never receive the reporter's tracking code */
  id: number;
  /** the 12345 hotline's ticket number (工单号), for hotline cases that have one */
  externalRef?: string | null;
  source: string;
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  urgency: Urgency;
  state: CaseState;
  suspendedFrom: CaseState | null;
  description: string;
  answers: Record<string, unknown>;
  address: string | null;
  lng: number | null;
  lat: number | null;
  orgCode: string;
  gridName: string | null;
  unitId: number | null;
  unitName: string | null;
  masterCaseId: number | null;
  rejectReason: string | null;
  supervision: SupervisionLevel | null;
  reopenCount: number;
  checkPassed: boolean;
  /** times reworked (核查不通过 or 发回重办) */
  cRework: number;
  rating: Rating | null;
  ratingComment: string | null;
  reportedAt: string;
  signedAt: string | null;
  closedAt: string | null;
  deadlineAt: string | null;
  stageDeadlineAt: string | null;
  replyDeadlineAt: string | null;
  reporter: ReporterView | null;
  /** answers an Open311 client sent that failed their datatype, kept as text (empty for other channels) */
  answerIssues: { code: string; value: string; problem: string }[];
  light: Light | null;
  extension: PendingExtension | null;
  coUnits: CoUnit[];
  events: CaseEvent[];
  photos: CasePhoto[];
}

/** A case answer: the case and the transitions the caller may fire now. */
export interface CaseAnswer {
  data: CaseDetail;
  abilities: CaseAction[];
}

/** The fields a transition may carry (each action reads its own). */
export interface ActionFields {
  note?: string;
  reason?: string;
  unitId?: number;
  unitIds?: number[];
  urgency?: Urgency;
  categoryCode?: string;
  masterId?: number;
  rejectReason?: 'not_substantiated' | 'out_of_scope';
  newDeadlineAt?: string;
  level?: SupervisionLevel;
  rating?: Rating;
  comment?: string;
  /** 转办: the outside body the case is referred to */
  referredTo?: string;
  /** 向群众公开此说明: publish the note on the public timeline (public steps only) */
  notePublic?: boolean;
}

/** Photo files sent with a transition, by multipart field. */
export interface ActionFiles {
  photos?: File[];
  before?: File[];
  after?: File[];
}

/** A responsible unit with what it owns. */
export interface UnitDetail {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  type: string;
  phone: string | null;
  categories: string[];
  streetIds: number[];
}

export type { Category };

/** GET /api/calendar/preview */
export interface DeadlinePreview {
  start: string;
  deadline: string;
  amount: { value: number; unit: 'hour' | 'day' };
  workingMinutes: number;
}
