import type { CallerName } from './callers.ts';
import type { People } from './world-people.ts';

/**
 * What a caller may read, as PRODUCT.md promises it, written out here rather than asked of policy.ts so the
 * matrix is an independent oracle: org codes under which they read cases as staff, the org tree and users,
 * the unit they work for, and whether they administer district A.
 */
export interface Reach {
  userId: string | null;
  cases: string[];
  org: string[];
  users: string[];
  unitId: number | null;
  admin: boolean;
  /** org codes under which they read households and residents (people.read) */
  people: string[];
  /** staff of some kind: the only callers internal notes may reach */
  staff: boolean;
}

/** The reach of every caller of the world. */
export function reachOf(p: People): Record<CallerName, Reach> {
  const d = p.a.district.code;
  const s1 = p.a.streets[0]!.code;
  const c1 = p.a.communities[0]!.code;
  const g0 = p.a.grids[0]!.code;
  const none = { cases: [], org: [], users: [], people: [], unitId: null, admin: false, staff: false };
  const area = (code: string, users: boolean) => ({
    ...none,
    cases: [code],
    org: [code],
    users: users ? [code] : [],
    people: [code],
    staff: true,
  });
  const district = { ...area(d, true) };
  const id = (c: CallerName) => p.callers[c].userId;
  return {
    anonymous: { ...none, userId: null },
    resident: { ...none, userId: id('resident') },
    // a volunteer's community grant gives no staff view (issue 9, finding 5)
    volunteer: { ...none, userId: id('volunteer') },
    grid_worker: { ...area(g0, false), userId: id('grid_worker') },
    community_staff: { ...area(c1, true), userId: id('community_staff') },
    street_staff: { ...area(s1, true), userId: id('street_staff') },
    // the district's desk and its leaders read cases, not the household archive
    dispatcher: { ...district, people: [], userId: id('dispatcher') },
    leader: { ...district, people: [], userId: id('leader') },
    district_admin: { ...district, admin: true, userId: id('district_admin') },
    // the org tree of the district, and the cases its unit holds; nothing of the area's cases or users
    unit_handler: { ...none, org: [d], unitId: p.units.own, staff: true, userId: id('unit_handler') },
    integration: { ...none, userId: id('integration') },
    integration_token: { ...none, userId: id('integration') },
  };
}

/** True when code lies under one of the scopes. */
export function under(code: string, scopes: readonly string[]): boolean {
  return scopes.some((s) => code.startsWith(s));
}

/** True when code lies under one of the scopes or on the path above one (the tree shows that path). */
export function onPath(code: string, scopes: readonly string[]): boolean {
  return scopes.some((s) => code.startsWith(s) || s.startsWith(code));
}
