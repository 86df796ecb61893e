/** What travels between the server and the browsers: the JSON shapes both sides type against. */
import type { CaseState } from './case-workflow.ts';
import type { Urgency } from './categories.ts';
import type { Grade, RateName, Ratio } from './kpis.ts';

/** Traffic light of a case's current stage: < 80 % of its time used green, up to 100 % yellow, beyond red. */
export type Light = 'green' | 'yellow' | 'red';

/** 督办 marks. */
export type SupervisionLevel = 'normal' | 'yellow' | 'red';

/**
 * One row of GET /api/cases: no reporter identity and no tracking code (the reporter's credential; staff
 * know a case by its number, the id), the description cut to 200 characters. `D` is how times travel: Date
 * on the server, ISO text in the browser (what JSON makes of it).
 */
export interface CaseListRow<D = string> {
  /** the case number (案件编号), also Open311's service_request_id */
  id: number;
  state: CaseState;
  categoryCode: string;
  categoryNameZh: string | null;
  categoryNameEn: string | null;
  urgency: Urgency;
  source: string;
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  orgCode: string;
  gridName: string | null;
  unitId: number | null;
  unitName: string | null;
  reportedAt: D;
  deadlineAt: D | null;
  stageDeadlineAt: D | null;
  light: Light | null;
  supervision: SupervisionLevel | null;
  reopenCount: number;
  /** times the case was reworked (核查不通过 or 发回重办): the 返工 mark of every list */
  rework: number;
  /** the check passed and the case waits for 结案 (read as 待结案) */
  checkPassed: boolean;
}

/**
 * The case filters as a query string (GET /api/cases, /api/cases/map, /api/cases/ledger.xlsx): every list is
 * comma-separated and matched with OR; from/to are district days (YYYY-MM-DD) bounding reported_at.
 */
export interface CaseFilterQuery {
  state?: string;
  category?: string;
  org?: string;
  unit?: string;
  source?: string;
  urgency?: string;
  supervision?: string;
  overdue?: boolean;
  light?: string;
  from?: string;
  to?: string;
  q?: string;
  /** the reporter's or caller's phone, exact */
  phone?: string;
}

/** One in-app notification as the inbox and the live stream present it (title and body in Chinese). */
export interface NotificationView<D = string> {
  id: number;
  caseId: number | null;
  eventId: number | null;
  /** the case event's action (dispatch, feedback …) */
  kind: string;
  title: string;
  body: string | null;
  createdAt: D;
  readAt: D | null;
}

/**
 * One org node's figures over a period, for colouring the map: counts of the cases reported in it, every KPI as
 * docs/kpis.md defines it (the same numbers as GET /api/cases/kpis for that node), and the area score.
 */
export interface NodeStats {
  code: string;
  name: string;
  total: number;
  open: number;
  /** open and past the disposal deadline now (超期未结, as the list's overdue filter) */
  overdue: number;
  rates: Record<RateName, Ratio>;
  /** the composite area score (docs/supervision-scores.md), null when no term had a denominator */
  score: number | null;
  grade: Grade | null;
}
