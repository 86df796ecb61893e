import { getData, query, sendData } from './client.ts';

/** A watched elder as the watch list shows them (name masked). */
export interface WatchedView {
  personId: number;
  name: string;
  gender: string | null;
  age: number | null;
  gridName: string;
  gridCode: string;
  buildingAddress: string;
  thresholdHours: number;
  status: 'home' | 'away' | 'hospital';
  statusUntil: string | null;
  paused: boolean;
  lastSeenAt: string | null;
  overdue: boolean;
  alert: { caseId: number; raisedAt: string; level: number; actedAt: string | null } | null;
}

export type CandidateView = Pick<
  WatchedView,
  'personId' | 'name' | 'gender' | 'age' | 'gridName' | 'gridCode' | 'buildingAddress'
>;

export interface CareStep {
  at: string;
  kind: 'raised' | 'care_contact' | 'duty_officer' | 'family_task' | 'sms' | 'acted' | 'outcome';
  told: number;
  delivered: number;
  relation: string | null;
  note: string | null;
  actorName: string | null;
}

export interface WatchedDetail extends WatchedView {
  consent: { by: 'self' | 'guardian' | 'family'; basis: string; at: string };
  contacts: { relation: string; name: string; phone: string }[];
  sightings: { seenAt: string; source: string }[];
  alerts: {
    caseId: number;
    raisedAt: string;
    level: number;
    outcome: string | null;
    closedAt: string | null;
  }[];
}

export interface CareAlertView {
  caseId: number;
  trackingCode: string;
  raisedAt: string;
  level: number;
  outcome: string | null;
  outcomeNote: string | null;
  closedAt: string | null;
  timeline: CareStep[];
}

export interface EnrolBody {
  personId: number;
  consentBy: 'self' | 'guardian' | 'family';
  consentBasis: string;
  thresholdHours: number;
  contacts: { relation: string; name: string; phone: string }[];
}

export const listWatched = (org?: string) => getData<WatchedView[]>(`/api/care/watched${query({ org })}`);
export const listCandidates = (org?: string) =>
  getData<CandidateView[]>(`/api/care/candidates${query({ org })}`);
export const getWatched = (id: number) => getData<WatchedDetail>(`/api/care/watched/${id}`);
export const getCareAlert = (caseId: number) => getData<CareAlertView>(`/api/care/alerts/${caseId}`);
export const enrol = (body: EnrolBody) =>
  sendData<{ personId: number; checkinToken: string }>('POST', '/api/care/watched', body);
export const newCheckinLink = (id: number) =>
  sendData<{ personId: number; checkinToken: string }>('POST', `/api/care/watched/${id}/checkin-link`);

/** The elder's check-in link: the secret rides in the fragment, which never reaches a server log. */
export const checkinUrl = (token: string) => `${window.location.origin}/m/checkin#${token}`;
