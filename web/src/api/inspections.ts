import type { InspectionSummary, RectificationRow } from '@civicgrid/shared';

export type { InspectionSummary, RectificationRow };

import { useQuery } from '@tanstack/react-query';
import { getData, query, request } from './client.ts';

/** GET /api/inspections/:id */
export interface InspectionView extends InspectionSummary {
  team: string[];
  mayRun: boolean;
  route: {
    id: number;
    seq: number;
    point: { id: number; name: string; typeNameZh: string; typeNameEn: string };
    checklistVersion: number;
    score: number | null;
    items: { id: number; textZh: string; textEn: string; categoryCode: string }[];
    answers: { itemId: number; result: 'pass' | 'fail' | 'na'; note: string | null; photos: string[] }[];
  }[];
}

/** GET /api/inspection-points */
export interface InspectionPoint {
  id: number;
  name: string;
  pointTypeId: number;
  typeNameZh: string;
  typeNameEn: string;
  address: string | null;
  lng: number;
  lat: number;
  gridName: string;
  leaderId: string | null;
  leaderName: string | null;
  unitId: number | null;
  unitName: string | null;
  active: boolean;
}

export interface RectificationFilters {
  inspectionId?: number;
  org?: string;
  unitId?: number;
  state?: 'active' | 'overdue' | 'struck_off' | 'all';
}

/** The inspections planned between two days. */
export function useInspections(from: string, to: string) {
  return useQuery({
    queryKey: ['inspections', from, to],
    queryFn: () => getData<InspectionSummary[]>(`/api/inspections${query({ from, to })}`),
  });
}

/** One inspection with its route and answers. */
export function useInspection(id: number | null) {
  return useQuery({
    queryKey: ['inspection', id],
    queryFn: () => getData<InspectionView>(`/api/inspections/${id}`),
    enabled: id !== null,
  });
}

/** The inspection points the user may see. */
export function useInspectionPoints(enabled: boolean) {
  return useQuery({
    queryKey: ['inspection-points'],
    queryFn: () => getData<InspectionPoint[]>('/api/inspection-points'),
    enabled,
  });
}

/** The query string of the list's filters (also used by the export link). */
export function rectificationQuery(
  f: RectificationFilters,
  extra: Record<string, string | number> = {},
): string {
  return query({ inspectionId: f.inspectionId, org: f.org, unitId: f.unitId, state: f.state, ...extra });
}

/** The rectification list, up to 200 rows a page (the print page shows them all). */
export function useRectifications(f: RectificationFilters) {
  return useQuery({
    queryKey: ['rectifications', f],
    queryFn: () =>
      request<{ data: RectificationRow[]; total: number; nextCursor: string | null }>(
        'GET',
        `/api/rectifications${rectificationQuery(f, { limit: 200 })}`,
      ),
  });
}
