import type { CaseAction, CaseState, Category, Light, Role } from '@civicgrid/shared';

export type { CaseAction, CaseState, Category, Light };

export type Rating = 'satisfied' | 'basic' | 'dissatisfied';

/** GET /api/config */
export interface PublicConfig {
  tileUrl: string | null;
  district: { code: string; name: string; center: [number, number] | null } | null;
}

/** GET /api/auth/me */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  grants: {
    id: number;
    role: Role;
    orgNodeId: number | null;
    unitId: number | null;
    scopeCode: string | null;
  }[];
}

/** GET /api/cases/duplicates */
export interface Duplicate {
  id: number;
  trackingCode: string;
  state: CaseState;
  description: string;
  distanceM: number;
  reportedAt: string;
}

/** POST /api/cases */
export interface ReportResult {
  id: number;
  trackingCode: string;
  orgCode: string;
  gridId: number | null;
  triage: boolean;
  duplicates: Duplicate[];
  replayed: boolean;
}

export interface TimelineEvent {
  id: number;
  at: string;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  reason: string | null;
  data: Record<string, unknown>;
  /** staff view only */
  actorName?: string | null;
  actorRole?: string | null;
}

export interface PhotoRef {
  id: string;
  kind: string;
  eventId: number | null;
}

/** GET /api/track/:code */
export interface PublicCase {
  trackingCode: string;
  state: CaseState;
  categoryCode: string;
  category: { nameZh: string; nameEn: string } | null;
  description: string;
  address: string | null;
  reportedAt: string;
  replyDeadlineAt: string | null;
  closedAt: string | null;
  rating: Rating | null;
  timeline: TimelineEvent[];
  photos: PhotoRef[];
}

/** One row of GET /api/cases (the phone pages use a few of its fields) */
export type { CaseListRow } from '@civicgrid/shared';

/** GET /api/cases/:id (the staff view) */
export interface CaseDetail {
  id: number;
  trackingCode: string;
  source: string;
  state: CaseState;
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  description: string;
  answers: Record<string, unknown>;
  address: string | null;
  lng: number | null;
  lat: number | null;
  unitName: string | null;
  gridName: string | null;
  reporter: { name: string | null; phone: string | null } | null;
  reportedAt: string;
  deadlineAt: string | null;
  replyDeadlineAt: string | null;
  light: Light | null;
  rating: Rating | null;
  events: TimelineEvent[];
  photos: PhotoRef[];
}

/** GeoJSON as the org API returns it (polygons with id, code, name). */
export interface OrgFeatures {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id?: number;
    geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] } | null;
    properties: { id: number; code: string; name: string } & Record<string, unknown>;
  }[];
}
