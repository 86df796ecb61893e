/** GET /api/volunteers/me: the volunteer's own record on the phone. */
export interface MyVolunteer {
  id: number;
  name: string;
  orgCode: string;
  orgName: string | null;
  stage: string;
  points: number;
  hours: number;
  ledger: {
    id: number;
    delta: number;
    balance: number;
    reason: string;
    createdAt: string;
    hours: number | null;
  }[];
  honours: { id: number; kind: string; level: string; awardedOn: string }[];
  activities: MyActivity[];
}

export interface MyActivity {
  id: number;
  title: string;
  typeName: string;
  place: string;
  orgName: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signedUp: number;
  /** photos of the activity, oldest first: /api/volunteers/photos/:id/thumb|public */
  photoIds: string[];
  /** signed in at the place and the activity ended at most two days ago (the server's rule) */
  mayAddPhotos: boolean;
  mine: {
    signedInAt: string | null;
    signedOutAt: string | null;
    hours: number | null;
    verifiedAt: string | null;
  } | null;
}

/** GET /api/volunteers/leaderboard */
export interface BoardLine {
  rank: number;
  volunteerId: number;
  name: string;
  orgName: string | null;
  points: number;
  hours: number;
}

/** The code in what was scanned or typed: a bare `cgv1.…` code, or the sign-in address that carries it. */
export function codeIn(text: string): string {
  const trimmed = text.trim();
  const m = /[?&]code=([^&#\s]+)/.exec(trimmed);
  return m ? decodeURIComponent(m[1]!) : trimmed;
}
