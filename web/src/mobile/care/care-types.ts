/** A watched elder as the watch list gives them (name masked). */
export interface WatchedItem {
  personId: number;
  name: string;
  age: number | null;
  gridName: string;
  buildingAddress: string;
  status: 'home' | 'away' | 'hospital';
  statusUntil: string | null;
  paused: boolean;
  overdue: boolean;
  lastSeenAt: string | null;
  thresholdHours: number;
  alert: { caseId: number; raisedAt: string; level: number; actedAt: string | null } | null;
}

export interface Sighting {
  seenAt: string;
  source: 'device' | 'checkin' | 'visit' | 'staff' | 'call';
}

export interface AlertStep {
  at: string;
  kind: 'raised' | 'care_contact' | 'duty_officer' | 'family_task' | 'sms' | 'acted' | 'outcome';
  level: number;
  told: number;
  delivered: number;
  relation: string | null;
  note: string | null;
  actorName: string | null;
}

/** A care alert with its person, timeline and sightings since the lapse began. */
export interface AlertView {
  caseId: number;
  trackingCode: string;
  person: WatchedItem;
  lastSeenAt: string | null;
  raisedAt: string;
  level: number;
  actedAt: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  closedAt: string | null;
  seenSince: Sighting | null;
  timeline: AlertStep[];
}
