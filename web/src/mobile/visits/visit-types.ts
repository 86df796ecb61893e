/** A household of the grid worker's list, as the server presents it (masked). */
export interface HouseholdItem {
  id: number;
  gridCode: string;
  gridName: string;
  building: string;
  /** the building's public address (on its door plate) */
  buildingAddress: string;
  /** the flat's address, masked */
  address: string | null;
  head: string | null;
  size: number;
  elders: number;
  location: { lng: number; lat: number };
  lastVisitAt: string | null;
  visitedInPeriod: boolean;
  distanceM: number | null;
}

/** A need heard on a visit and where it went. */
export interface NeedItem {
  id: number;
  visitId: number;
  householdId: number;
  description: string;
  outcome: 'resolved' | 'case';
  resolution: string | null;
  caseId: number | null;
  caseState: string | null;
  replyDueAt: string | null;
  repliedAt: string | null;
  replyNote: string | null;
}

export interface VisitItem {
  id: number;
  kind: 'home' | 'phone' | 'other';
  visitedAt: string;
  visitorName: string;
  distanceM: number | null;
  far: boolean;
  notes: string | null;
  needs: NeedItem[];
}

export interface HouseholdDetail extends HouseholdItem {
  members: { id: number; name: string | null; gender: 'M' | 'F' | null; age: number | null }[];
  visits: VisitItem[];
}

/** Coverage figures of a node over a quarter. */
export interface Coverage {
  households: number;
  visitedHouseholds: number;
  coverage: number | null;
}

/** The case states after which the resident is owed the reply. */
export const HANDLED = ['closed', 'rejected'];
