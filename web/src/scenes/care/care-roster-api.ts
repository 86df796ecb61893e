import { getData, query, sendData } from '../../api/client.ts';

/** Whom an area's roster holds: a community's care contacts, a street's duty officers (值班). */
export type Duty = 'care_contact' | 'duty_officer';

/** A name on a roster: standing (no days) or on the days fromDay..toDay. */
export interface RosterEntry {
  id: number;
  userId: string;
  displayName: string;
  fromDay: string | null;
  toDay: string | null;
  onDutyToday: boolean;
}

/** A street or community with its roster (GET /api/care/roster). */
export interface RosterArea {
  code: string;
  name: string;
  level: 'street' | 'community';
  duty: Duty;
  entries: RosterEntry[];
}

export const getRoster = (org?: string) =>
  getData<{ today: string; areas: RosterArea[] }>(`/api/care/roster${query({ org })}`);
export const getEligible = (org: string) =>
  getData<{ id: string; displayName: string }[]>(`/api/care/roster/eligible${query({ org })}`);
export const addToRoster = (body: { org: string; userId: string; fromDay?: string; toDay?: string }) =>
  sendData<{ id: number }>('POST', '/api/care/roster', body);
export const removeFromRoster = (id: number) => sendData<{ id: number }>('DELETE', `/api/care/roster/${id}`);

/** The printable check-in card as issued (POST /api/care/watched/:id/checkin-card). */
export interface CheckinCard {
  personId: number;
  name: string;
  gridName: string;
  thresholdHours: number;
  issuedAt: string;
  url: string;
  qr: string;
}

export const issueCheckinCard = (personId: number) =>
  sendData<CheckinCard>('POST', `/api/care/watched/${personId}/checkin-card`);
