import { useQuery } from '@tanstack/react-query';
import { getData, query } from './client.ts';

export interface VolunteerItem {
  id: number;
  personId: number;
  name: string;
  gender: string | null;
  orgCode: string;
  orgName: string | null;
  categoryCode: string;
  stage: 'recommended' | 'selected' | 'trained' | 'active' | 'retired';
  stageChangedAt: string;
  points: number;
  hours: number;
  honours: number;
  hasLogin: boolean;
}

export interface VolunteerDetail extends Omit<VolunteerItem, 'honours'> {
  stages: { fromStage: string | null; toStage: string; note: string | null; createdAt: string }[];
  honours: { id: number; kind: string; level: string; awardedOn: string }[];
  ledger: { id: number; delta: number; balance: number; reason: string; createdAt: string }[];
  activities: { activityId: number; title: string; startsAt: string; hours: number | null }[];
}

export interface ActivityItem {
  id: number;
  orgCode: string;
  orgName: string | null;
  teamName: string | null;
  organiserName: string | null;
  title: string;
  typeCode: string;
  typeName: string;
  coefficient: number;
  place: string;
  location: { lng: number; lat: number };
  startsAt: string;
  endsAt: string;
  capacity: number;
  signedUp: number;
  gridCode: string | null;
  gridName: string | null;
}

/** A photo of an activity (GET /api/volunteers/activities/:id): the bytes come from /api/volunteers/photos. */
export interface ActivityPhotoItem {
  id: string;
  createdAt: string;
  staffName: string | null;
  fromVolunteer: boolean;
}

export interface SignupItem {
  id: number;
  volunteerId: number;
  name: string;
  signedInAt: string | null;
  signedOutAt: string | null;
  inDistanceM: number | null;
  hours: number | null;
  verifiedAt: string | null;
}

export interface VolunteerConfig {
  categories: { code: string; name: string; nameEn: string; active: boolean }[];
  activityTypes: { code: string; name: string; nameEn: string; coefficient: number }[];
  settings: { pointsPerHour: number; pointsPerReport: number; reportDailyCap: number; checkRadiusM: number };
}

export interface TeamItem {
  id: number;
  orgCode: string;
  orgName: string | null;
  name: string;
  members: number;
}

export interface GoodsItem {
  id: number;
  orgCode: string;
  name: string;
  points: number;
  stock: number;
}

export interface BoardItem {
  rank: number;
  volunteerId: number;
  name: string;
  orgName: string | null;
  points: number;
  hours: number;
}

export interface NodeCountItem {
  code: string;
  name: string;
  level: string;
  volunteers: number;
  active: number;
  ambassadors: number;
  teams: number;
  activities: number;
  hours: number;
}

/** Categories, activity types and points settings. */
export function useVolunteerConfig() {
  return useQuery({
    queryKey: ['volunteers', 'config'],
    queryFn: () => getData<VolunteerConfig>('/api/volunteers/config'),
  });
}

/** A list under /api/volunteers/… for an org node (all of the caller's area when none). */
export function useVolunteerList<T>(path: string, params: Record<string, string | number | undefined> = {}) {
  return useQuery({
    queryKey: ['volunteers', path, params],
    queryFn: () => getData<T[]>(`/api/volunteers${path}${query(params)}`),
  });
}
