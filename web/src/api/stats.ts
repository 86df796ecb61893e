import type { NodeStats, OrgLevel, RateName, Ratio } from '@civicgrid/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FeatureCollection, Point } from 'geojson';
import type { Light } from './case-types.ts';
import { ApiError, getData, query, request } from './client.ts';
import type { OrgFeatures } from './queries.ts';

export type { RateName, Ratio } from '@civicgrid/shared';

/** GET /api/cases/kpis */
export interface CaseKpis {
  period: { from: string; to: string };
  rates: Record<RateName, Ratio>;
  medianHandlingHours: number | null;
  handlingSample: number;
  counts: { reported: number; byState: Record<string, number>; bySource: Record<string, number> };
}

export type { NodeStats } from '@civicgrid/shared';

export interface TrendPoint {
  day: string;
  reported: number;
  closed: number;
}

/** Properties of a case point, or of a server-side cluster. */
export type CasePointProps =
  | { id: number; state: string; categoryCode: string; light: Light | null }
  | { cluster: true; count: number };

export type CaseMapCollection = FeatureCollection<Point, CasePointProps> & { truncated: boolean };

export interface Period {
  from: string;
  to: string;
}

/** A missing endpoint (not deployed yet) reads as "no figures" rather than an error. */
async function orNull<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** KPIs of an org subtree over a period. */
export function useKpis(org: string, period: Period) {
  return useQuery({
    queryKey: ['stats', 'kpis', org, period],
    queryFn: () => getData<CaseKpis>(`/api/cases/kpis${query({ org, ...period })}`),
    placeholderData: keepPreviousData,
  });
}

/** Figures per child node of one level under a node; null when the server has no such endpoint. */
export function useNodeStats(level: OrgLevel, under: string, period: Period) {
  return useQuery({
    queryKey: ['stats', 'nodes', level, under, period],
    queryFn: () =>
      orNull(() => getData<NodeStats[]>(`/api/cases/stats/nodes${query({ level, under, ...period })}`)),
  });
}

/** Cases reported and closed per day; null when the server has no such endpoint. */
export function useTrend(org: string, period: Period) {
  return useQuery({
    queryKey: ['stats', 'trend', org, period],
    queryFn: () => orNull(() => getData<TrendPoint[]>(`/api/cases/stats/trend${query({ org, ...period })}`)),
    placeholderData: keepPreviousData,
  });
}

/** Polygons of one level below a node. */
export function useOrgGeojsonUnder(level: OrgLevel, under: string) {
  return useQuery({
    queryKey: ['org', 'geojson', level, under],
    queryFn: () => request<OrgFeatures>('GET', `/api/org/geojson${query({ level, under })}`),
    staleTime: 5 * 60_000,
    enabled: under !== '',
  });
}

/** Case points (clustered below zoom 15) in a box, reported in the period. */
export function fetchCaseMap(
  bbox: [number, number, number, number],
  zoom: number,
  period: Period,
): Promise<CaseMapCollection> {
  const box = bbox.map((n) => n.toFixed(5)).join(',');
  return request<CaseMapCollection>(
    'GET',
    `/api/cases/map${query({ bbox: box, zoom: Math.max(0, Math.min(24, Math.floor(zoom))), ...period })}`,
  );
}
