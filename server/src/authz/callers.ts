/**
 * The callers of the authorization matrix: one account per role of district A at its natural scope, the
 * bearer token of an API client, and nobody at all. Groups below keep the expectation tables short.
 */
export const CALLERS = [
  'anonymous',
  'resident',
  'volunteer',
  'grid_worker',
  'community_staff',
  'street_staff',
  'dispatcher',
  'leader',
  'district_admin',
  'unit_handler',
  'integration',
  'integration_token',
] as const;

export type CallerName = (typeof CALLERS)[number];

/** A caller as the matrix sends requests: the headers that authenticate it (none for anonymous). */
export interface Caller {
  name: CallerName;
  /** the account behind the caller; null for anonymous */
  userId: string | null;
  username: string | null;
  password: string | null;
  headers: Record<string, string>;
}

/** Everyone who is logged in (a session cookie or a bearer token). */
export const LOGGED_IN: readonly CallerName[] = CALLERS.filter((c) => c !== 'anonymous');
/** Staff of an area: grid, community, street. */
export const AREA_STAFF = ['grid_worker', 'community_staff', 'street_staff'] as const;
/** District-wide staff who read every case of the district. */
export const DISTRICT_STAFF = ['dispatcher', 'leader', 'district_admin'] as const;
/** Everyone who reads cases of an area as staff ('case.read'). */
export const CASE_STAFF = [...AREA_STAFF, ...DISTRICT_STAFF] as const;
/** Staff who may fire the intake and dispatch steps (the transition table's `staff`). */
export const CASE_OFFICE = ['street_staff', 'dispatcher', 'district_admin'] as const;
/** Who may see a reporter's contact (personal.reveal) over their area. */
export const REVEALERS = [
  'grid_worker',
  'community_staff',
  'street_staff',
  'dispatcher',
  'district_admin',
] as const;
/** Who administers users and reads them over their area ('user.read'). */
export const USER_READERS = [
  'community_staff',
  'street_staff',
  'dispatcher',
  'leader',
  'district_admin',
] as const;
/** Who reads the org tree ('org.read'): staff and unit handlers (district-wide for the tree only). */
export const ORG_READERS = [...CASE_STAFF, 'unit_handler'] as const;
/** Staff who may register a personal robot webhook. */
export const WEBHOOK_STAFF = [...CASE_STAFF, 'unit_handler'] as const;
/** The account kinds that are not staff: they receive only what the public presenter builds. */
export const NOT_STAFF = ['anonymous', 'resident', 'volunteer', 'integration', 'integration_token'] as const;
/** The API client, by console login and by bearer token. */
export const INTEGRATION = ['integration', 'integration_token'] as const;

/** True for callers that are not staff (residents, volunteers, API clients, nobody). */
export function isNotStaff(c: CallerName): boolean {
  return (NOT_STAFF as readonly string[]).includes(c);
}

/** Every caller except the ones given. */
export function allBut(...names: CallerName[]): CallerName[] {
  return CALLERS.filter((c) => !names.includes(c));
}
