import type { AnswerResult, InspectionSummary } from '@civicgrid/shared';

export type { InspectionSummary };

export interface ChecklistItem {
  id: number;
  sort: number;
  textZh: string;
  textEn: string;
  answerType: 'pass_fail' | 'score';
  maxScore: number;
  photoOnFail: boolean;
  categoryCode: string;
}

export interface Stop {
  id: number;
  seq: number;
  point: { id: number; name: string; typeNameZh: string; typeNameEn: string; address: string | null };
  lng: number;
  lat: number;
  score: number | null;
  items: ChecklistItem[];
  answers: { itemId: number; result: AnswerResult; note: string | null; photos: string[] }[];
}

/** GET /api/inspections/:id */
export interface InspectionView extends InspectionSummary {
  team: string[];
  mayRun: boolean;
  route: Stop[];
}

/** POST /api/inspections/:id/submit */
export interface SubmitResult {
  score: number | null;
  itemsPassed: number;
  itemsFailed: number;
  opened: number;
  linked: number;
}
