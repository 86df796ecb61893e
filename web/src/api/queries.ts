import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { FeatureCollection, Geometry } from 'geojson';
import { getData, request } from './client.ts';
import type { AppConfig, Me, NodeDetail, OrgNode, Unit } from './types.ts';

/** Properties the server puts on every org polygon feature. */
export interface OrgFeatureProps {
  id: number;
  code: string;
  name: string;
  level: string;
  population: number;
}

export type OrgFeatures = FeatureCollection<Geometry, OrgFeatureProps>;

export const meKey = ['me'] as const;

/** The logged-in user with grants and abilities; errors with status 401 when there is no session. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => getData<Me>('/api/auth/me'), staleTime: 60_000 });
}

/** Public settings: base-map tile URL and the district. */
export function useAppConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: () => getData<AppConfig>('/api/config'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The visible org tree as a flat list, parents first. */
export function useOrgTree(enabled = true) {
  return useQuery({
    queryKey: ['org', 'tree'],
    queryFn: () => getData<OrgNode[]>('/api/org/tree'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Polygons of one org level as GeoJSON (the endpoint answers a bare FeatureCollection). */
export function useOrgGeojson(level: 'grid' | 'street') {
  return useQuery({
    queryKey: ['org', 'geojson', level],
    queryFn: () => request<OrgFeatures>('GET', `/api/org/geojson?level=${level}`),
    staleTime: 5 * 60_000,
  });
}

/** One org node's details; disabled while no node is selected. */
export function useNodeDetail(id: number | null) {
  return useQuery({
    queryKey: ['org', 'node', id],
    queryFn: () =>
      request<{ data: NodeDetail; abilities: { manage: boolean } }>('GET', `/api/org/nodes/${id}`),
    enabled: id !== null,
  });
}

/** Responsible units the caller may see. */
export function useUnits(enabled: boolean) {
  return useQuery({
    queryKey: ['units'],
    queryFn: () => getData<Unit[]>('/api/units'),
    enabled,
    staleTime: 60_000,
  });
}

/** Forgets everything cached for the previous session, e.g. after login or logout. */
export function resetSession(client: QueryClient): void {
  client.removeQueries();
}
