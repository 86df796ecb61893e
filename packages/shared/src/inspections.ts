/**
 * Inspections and the rectification list (PRODUCT §5, docs/supervision.md): the kinds, states and answers the
 * server, the console and the phone pages share.
 */

/** Inspection kinds; each is also the case source its failed items file under. */
export const INSPECTION_KINDS = [
  'morning_inspection',
  'undercover',
  'supervision',
  'mock_evaluation',
] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_KIND_LABELS: Record<InspectionKind, { zh: string; en: string }> = {
  morning_inspection: { zh: '晨查', en: 'Morning inspection' },
  undercover: { zh: '暗访', en: 'Unannounced visit' },
  supervision: { zh: '督查', en: 'Supervision visit' },
  mock_evaluation: { zh: '模拟测评', en: 'Mock evaluation' },
};

export const INSPECTION_STATES = ['planned', 'in_progress', 'submitted', 'cancelled'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

/** One answer to a checklist item: pass, fail or not applicable (a score item derives pass/fail from its score). */
export const ANSWER_RESULTS = ['pass', 'fail', 'na'] as const;
export type AnswerResult = (typeof ANSWER_RESULTS)[number];

export const CHECKLIST_ANSWER_TYPES = ['pass_fail', 'score'] as const;
export type ChecklistAnswerType = (typeof CHECKLIST_ANSWER_TYPES)[number];

/**
 * Where a rectification row stands, derived from its columns: struck off (销号) once its case is closed and a
 * re-check passed; awaiting re-check once the case is closed; overdue past its deadline; otherwise open.
 */
export const RECTIFICATION_STATES = ['open', 'overdue', 'awaiting_recheck', 'struck_off'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

/** Where a rectification row came from: an inspection of a kind, or a higher-level bulletin entered by hand. */
export const RECTIFICATION_ORIGINS = [...INSPECTION_KINDS, 'bulletin'] as const;
export type RectificationOrigin = (typeof RECTIFICATION_ORIGINS)[number];

/** One checklist item as scored: its weight, its answer type and maximum, and the answer given. */
export interface ScoredAnswer {
  weight: number;
  answerType: ChecklistAnswerType;
  maxScore: number;
  result: AnswerResult;
  score: number | null;
}

/**
 * The weighted score (0–100) of a set of answers: each applicable item counts its weight times the fraction of
 * its maximum it earned (1 for a pass, 0 for a fail, score ÷ max for a score item); not-applicable items leave
 * both sides. Null when nothing applies, so that an empty stop neither raises nor lowers an average.
 */
export function weightedScore(answers: readonly ScoredAnswer[]): number | null {
  let earned = 0;
  let possible = 0;
  for (const a of answers) {
    if (a.result === 'na') continue;
    const fraction =
      a.answerType === 'score' && a.score !== null
        ? Math.min(1, Math.max(0, a.score / a.maxScore))
        : a.result === 'pass'
          ? 1
          : 0;
    earned += a.weight * fraction;
    possible += a.weight;
  }
  return possible === 0 ? null : Math.round((earned / possible) * 10_000) / 100;
}

/** An inspection as the calendar lists it (GET /api/inspections); `T` is how times travel (text on the wire). */
export interface InspectionSummary<T = string> {
  id: number;
  kind: InspectionKind;
  title: string;
  plannedOn: string;
  plannedTime: string | null;
  state: InspectionState;
  leaderName: string;
  stops: number;
  itemsPassed: number;
  itemsFailed: number;
  score: number | null;
  submittedAt: T | null;
}

/** One row of the rectification list (GET /api/rectifications); `T` is how times travel. */
export interface RectificationRow<T = string> {
  id: number;
  state: RectificationState;
  overdue: boolean;
  origin: RectificationOrigin;
  originRef: string | null;
  inspectionId: number | null;
  inspectionTitle: string | null;
  inspectedOn: string | null;
  pointName: string | null;
  itemText: string | null;
  description: string;
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  orgCode: string;
  areaName: string | null;
  streetName: string | null;
  leaderName: string | null;
  unitId: number | null;
  unitName: string | null;
  deadlineOn: string;
  caseId: number | null;
  caseState: string | null;
  linkedExisting: boolean;
  recheckAt: T | null;
  recheckPassed: boolean | null;
  recheckNote: string | null;
  struckOffAt: T | null;
  createdAt: T;
}
