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

/**
 * GET /api/cases/duplicates: an open case of the same kind nearby, with the handle to follow it by (never
 * its id or tracking code).
 */
export interface Duplicate {
  /** null for a case from an internal source (staff only): it cannot be followed */
  handle: string | null;
  category: { code: string; nameZh: string; nameEn: string };
  state: CaseState;
  summary: string;
  distanceM: number;
  reportedAt: string;
}

/** POST /api/cases: the reporter's own answer, the only place their tracking code is handed out */
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

/** The public view of a case: GET /api/track/:code (with the reporter's own code) and the follow answers */
export interface PublicCase {
  /** only on the reporter's tracking page */
  trackingCode?: string;
  state: CaseState;
  categoryCode: string;
  category: { nameZh: string; nameEn: string } | null;
  description: string;
  address: string | null;
  /** the community and grid of the place (社区 · 网格) */
  area?: { nameZh: string; nameEn: string } | null;
  reportedAt: string;
  replyDeadlineAt: string | null;
  closedAt: string | null;
  rating: Rating | null;
  timeline: TimelineEvent[];
  photos: PhotoRef[];
}

/** GET /api/track/:code: the view, what the reporter may do, and whether that needs their phone number */
export interface Tracked {
  data: PublicCase & { trackingCode: string };
  abilities: string[];
  phoneRequired: boolean;
}

/** POST /api/follows, GET /api/follows/:followerCode, GET /api/follows/cases/:handle */
export interface FollowedCase {
  handle: string;
  /** only in the answer that made an anonymous follower: kept on this phone, never shown again */
  followerCode?: string;
  case: PublicCase;
}

/** One row of GET /api/cases (the phone pages use a few of its fields) */
export type { CaseListRow } from '@civicgrid/shared';

/** GET /api/cases/:id (the staff view) */
export interface CaseDetail {
  /** the case number; staff never receive the reporter's tracking code */
  id: number;
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
  /** the running stage's deadline: for a grid worker, the 核实/核查 step they own */
  stageDeadlineAt: string | null;
  checkPassed: boolean;
  cRework: number;
  reopenCount: number;
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
