import type { Role } from '@civicgrid/shared';
import type { Me } from '../api/types.ts';

/** Roles that accept, file and dispatch cases (the dispatcher desk). */
export const DESK_ROLES: readonly Role[] = ['district_admin', 'dispatcher', 'street_staff'];
/** Roles that see cases of an area and may check fixes: the desk in read-and-check mode. */
export const AREA_ROLES: readonly Role[] = [...DESK_ROLES, 'community_staff', 'grid_worker'];
/** Roles that may set 督办 marks and follow overdue cases. */
export const SUPERVISION_ROLES: readonly Role[] = ['leader', ...DESK_ROLES];
/** Roles that see the "一张图" dashboard. */
export const DASHBOARD_ROLES: readonly Role[] = ['leader', ...DESK_ROLES, 'community_staff'];

/** The distinct roles of the user's grants. */
export function rolesOf(me: Pick<Me, 'grants'> | undefined): Role[] {
  return [...new Set(me?.grants.map((g) => g.role) ?? [])];
}

/** True when the user holds any of the roles. */
export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r));
}

/** The widest org scope among grants of the given roles (shortest code), with its name and level. */
export function widestScope(me: Pick<Me, 'grants'> | undefined, wanted: readonly Role[]) {
  const scoped = (me?.grants ?? []).filter((g) => wanted.includes(g.role) && g.scopeCode && g.scopeLevel);
  scoped.sort((a, b) => (a.scopeCode?.length ?? 99) - (b.scopeCode?.length ?? 99));
  const g = scoped[0];
  return g?.scopeCode && g.scopeLevel
    ? { code: g.scopeCode, level: g.scopeLevel, name: g.scopeName ?? g.scopeCode }
    : null;
}
