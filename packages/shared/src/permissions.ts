import type { Role } from './roles.ts';

/** Actions the central permission check knows. Scope is checked separately against the grant's node or unit. */
export const ACTIONS = [
  'org.read',
  'org.manage',
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'people.read',
  // see personal data unmasked (a phone, an ID number), each time with a reason and an audit row
  'personal.reveal',
  // mint bearer tokens for API clients
  'token.create',
] as const;

export type Action = (typeof ACTIONS)[number];

/** Which role may do which action within its scope. One table, read by the server and the console. */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  district_admin: ACTIONS,
  dispatcher: ['org.read', 'unit.read', 'user.read', 'personal.reveal', 'token.create'],
  street_staff: ['org.read', 'unit.read', 'user.read', 'people.read', 'personal.reveal'],
  community_staff: ['org.read', 'unit.read', 'user.read', 'people.read', 'personal.reveal'],
  grid_worker: ['org.read', 'people.read', 'personal.reveal'],
  unit_handler: ['org.read', 'unit.read'],
  leader: ['org.read', 'unit.read', 'user.read'],
  resident: [],
  volunteer: [],
};

/** True when a role grants an action somewhere in its scope. */
export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}
